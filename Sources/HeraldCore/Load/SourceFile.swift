/// A text file of the user's, read once.
package struct SourceFile: Sendable, Hashable {
    /// The path relative to the site root, with `/` separators.
    package var path: String
    /// The file's text (UTF-8, with a leading byte-order mark removed and CRLF read as LF).
    package var text: String {
        didSet { lineStarts = Self.lineStarts(of: text) }
    }
    /// The UTF-8 offset of each line's start, so that showing a line under a diagnostic does not
    /// read the file from its start: 20,000 diagnostics in one file took 10 s that way.
    private var lineStarts: [Int]

    /// Creates a source file.
    package init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lineStarts = Self.lineStarts(of: text)
    }

    private static func lineStarts(of text: String) -> [Int] {
        // Byte-wise: a newline byte never occurs inside a multi-byte UTF-8 character.
        var text = text
        // Herald's texts are native UTF-8, so this reads the bytes in place, without a copy.
        return text.withUTF8 { bytes in
            var starts = [0]
            for offset in bytes.indices where bytes[offset] == UInt8(ascii: "\n") { starts.append(offset + 1) }
            return starts
        }
    }

    /// The text of a 1-based line, without its line break, for showing under a diagnostic.
    package func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let bytes = text.utf8
        let start = bytes.index(bytes.startIndex, offsetBy: lineStarts[number - 1])
        let end =
            number < lineStarts.count
            ? bytes.index(bytes.startIndex, offsetBy: lineStarts[number] - 1) : bytes.endIndex
        return String(text[start..<end])
    }

    /// A diagnostic at a line and column of this file, showing that line.
    package func diagnostic(
        _ severity: Diagnostic.Severity = .error,
        line: Int,
        column: Int = 1,
        _ message: String,
        expected: [String] = [],
        suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            severity,
            at: SourceLocation(path: path, line: line, column: column),
            message,
            expected: expected,
            suggestion: suggestion,
            sourceLine: line >= 1 ? self.line(line) : nil
        )
    }
}

/// A binary file of the theme, copied to the output as it is.
package struct AssetFile: Sendable, Hashable {
    /// The path relative to the theme's `assets/` folder.
    package var path: String
    /// The bytes.
    package var data: [UInt8]

    /// Creates an asset.
    package init(path: String, data: [UInt8]) {
        self.path = path
        self.data = data
    }
}
