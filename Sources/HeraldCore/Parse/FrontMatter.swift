/// An incident file split into its YAML front matter and its Markdown body.
struct FrontMatter {
    /// The YAML between the `---` lines.
    var yaml: String
    /// The Markdown after the closing `---`.
    var body: String
    /// The number of lines before the body (so body line 1 is file line `bodyLineOffset + 1`).
    var bodyLineOffset: Int

    /// Splits `file`, or returns a diagnostic when the front matter is missing or unterminated.
    static func split(_ file: SourceFile) -> Result<FrontMatter, Diagnostic> {
        let lines = file.text.lines
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            return .failure(
                file.diagnostic(
                    line: 1,
                    "missing front matter; an incident file starts with a '---' line, then title, impact and"
                        + " components, then another '---' line"
                )
            )
        }
        for index in 1..<lines.count where lines[index].trimmingTrailingSpaces() == "---" {
            // The lines are consecutive slices of the text, one `\n` apart, so each part is the
            // text from its first line's start to its last line's end.
            let yaml = index > 1 ? String(file.text[lines[1].startIndex..<lines[index - 1].endIndex]) : ""
            let body = index + 1 < lines.count ? String(file.text[lines[index + 1].startIndex...]) : ""
            return .success(FrontMatter(yaml: yaml, body: body, bodyLineOffset: index + 1))
        }
        return .failure(
            file.diagnostic(line: 1, "unterminated front matter; add a '---' line after the last front-matter key")
        )
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.utf8.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            result = result.dropLast()
        }
        return result
    }
}

extension String {
    /// The lines of the text without their `\n`, found byte by byte: much faster than splitting
    /// by `Character`, and the same, since a `\n` byte is always a whole character once CRLF is
    /// read as LF.
    var lines: [Substring] {
        var text = self
        // Herald's texts are native UTF-8, so this is a pointer to the bytes, not a copy.
        return text.withUTF8 { bytes in
            var result: [Substring] = []
            var start = 0
            var index = utf8.startIndex
            while start < bytes.count,
                let offset = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            {
                let end = utf8.index(index, offsetBy: offset - start)
                result.append(self[index..<end])
                index = utf8.index(after: end)
                start = offset + 1
            }
            result.append(self[index...])
            return result
        }
    }
}
