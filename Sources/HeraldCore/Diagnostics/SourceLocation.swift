/// A place in one of the user's files: the path relative to the site's root, and a 1-based line
/// and column (columns count Unicode scalars, as YAML and cmark-gfm do for ASCII text).
package struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    /// The file's path relative to the site root, with `/` separators.
    package var path: String
    /// The 1-based line.
    package var line: Int
    /// The 1-based column.
    package var column: Int

    /// Creates a location.
    package init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

extension SourceLocation: CustomStringConvertible {
    /// `path:line:column`, the form compilers and editors understand.
    package var description: String { "\(path):\(line):\(column)" }
}
