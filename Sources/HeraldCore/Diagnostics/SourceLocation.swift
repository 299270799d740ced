/// A place in one of the user's files: the path relative to the site's root, and a 1-based line
/// and column (columns count Unicode scalars, as YAML and cmark-gfm do for ASCII text).
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    /// The file's path relative to the site root, with `/` separators.
    public var path: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int

    /// Creates a location.
    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

extension SourceLocation: CustomStringConvertible {
    /// `path:line:column`, the form compilers and editors understand.
    public var description: String { "\(path):\(line):\(column)" }
}
