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
            let yaml = lines[1..<index].joined(separator: "\n")
            let body = lines[(index + 1)...].joined(separator: "\n")
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
        var result: [Substring] = []
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            result.append(self[start..<newline])
            start = utf8.index(after: newline)
        }
        result.append(self[start...])
        return result
    }
}
