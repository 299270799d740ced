import Foundation

/// One file of the built site: a path under the output folder and its bytes.
package struct OutputFile: Sendable, Hashable {
    /// The path relative to the output folder, with `/` separators.
    package var path: String
    /// The file's contents.
    package var data: Data

    /// Creates an output file.
    package init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    /// Creates a text output file (UTF-8).
    package init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}
