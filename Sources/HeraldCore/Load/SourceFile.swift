/// A text file of the user's, read once.
package struct SourceFile: Sendable, Hashable {
    /// The path relative to the site root, with `/` separators.
    package var path: String
    /// The file's text (UTF-8, with a leading byte-order mark removed and CRLF read as LF).
    package var text: String

    /// Creates a source file.
    package init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The text of a 1-based line, without its line break, for showing under a diagnostic.
    package func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        // Byte-wise: a newline byte never occurs inside a multi-byte UTF-8 character.
        let bytes = text.utf8
        var current = 1
        var start = bytes.startIndex
        while current < number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
            current += 1
        }
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
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
