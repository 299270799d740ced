import Foundation

/// One file of the built site: a path under the output folder and its bytes.
public struct OutputFile: Sendable, Hashable {
    /// The path relative to the output folder, with `/` separators.
    public var path: String
    /// The file's contents.
    public var data: Data

    /// Creates an output file.
    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    /// Creates a text output file (UTF-8).
    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}
