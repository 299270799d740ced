import Foundation

/// The file `$VISUAL` or `$EDITOR` opens when an update's text is written in an editor: room for
/// the text at the top, then a scissors line and, below it, what the operator needs to know while
/// writing (the incident, its status, its components, the status being posted, the message
/// templates). Everything from the scissors line down is removed, as `git commit` does with
/// `--cleanup=scissors`, so Markdown headings (`### Details`) in the text are kept.
package struct EditorMessage: Sendable, Equatable {
    /// The line that separates the text from the context.
    package static let scissors = "# ------------------------ >8 ------------------------"

    /// The context, one line each, shown below the scissors line.
    package var context: [String]

    /// Creates the file's contents for `context`.
    package init(context: [String]) {
        self.context = context
    }

    /// The lines below the scissors line, as written to the file.
    private var commentLines: [String] {
        [
            Self.scissors,
            "# Write the update above the line with the scissors, in Markdown. That line and",
            "# everything below it are removed. Save an empty text (or quit without saving) to",
            "# write nothing.",
            "#",
        ] + context.map { $0.isEmpty ? "#" : "# " + $0 }
    }

    /// The text the editor opens: two empty lines, then the scissors line and the context.
    package var fileText: String {
        "\n\n" + commentLines.joined(separator: "\n") + "\n"
    }

    /// The update the operator wrote: the text above the scissors line, without blank lines at
    /// either end. When the scissors line was deleted, the context's own lines are removed
    /// wherever they are.
    ///
    /// - Parameter edited: The file as the editor left it.
    /// - Returns: The text, or nil when nothing was written.
    package func message(from edited: String) -> String? {
        var lines = edited.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        if let cut = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == Self.scissors }) {
            lines = Array(lines[..<cut])
        } else {
            let generated = Set(commentLines)
            lines.removeAll { generated.contains(String($0)) }
        }
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// Opens the file in the operator's editor on this terminal and returns what they wrote.
    ///
    /// - Parameters:
    ///   - command: The editor, as `$VISUAL` or `$EDITOR` gives it (run by `/bin/sh`, so
    ///     `code --wait` works); the file's path is added as its last argument.
    ///   - folder: Where the temporary file goes; it is removed afterwards.
    /// - Returns: The text, or nil when nothing was written.
    /// - Throws: `Failure` when the editor cannot be started or fails.
    package func edit(with command: String, in folder: URL) throws(Failure) -> String? {
        let file = folder.appendingPathComponent("herald-update-\(UUID().uuidString).md")
        do {
            try Data(fileText.utf8).write(to: file)
        } catch {
            throw Failure(description: "cannot write \(file.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let status: Int32
        do {
            status = try POSIX.runInTerminal(command + " \"$1\"", arguments: [file.path])
        } catch {
            throw Failure(description: "cannot start the editor '\(command)': \(error.description)")
        }
        guard status == 0 else {
            throw Failure(description: "the editor '\(command)' exited with status \(status)")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw Failure(description: "the editor '\(command)' left no file at \(file.path)")
        }
        return message(from: String(decoding: data, as: UTF8.self))
    }

    /// Whether standard input is a terminal, where an editor can run.
    package static var canOpenEditor: Bool { POSIX.standardInputIsTerminal }

    /// Why the editor gave no text.
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var description: String
    }
}
