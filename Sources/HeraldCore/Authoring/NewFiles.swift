import Foundation

/// Writes files that must not exist yet, for `herald init` and `herald theme export`: all of
/// them or none, never over a file or through a link.
package enum NewFiles {
    /// Writes `files` into `folder` (created if missing).
    ///
    /// - Parameters:
    ///   - files: Paths relative to `folder`, with their bytes.
    ///   - command: The command's name for the messages, such as `herald init`.
    /// - Returns: The paths written, in order.
    /// - Throws: `DiagnosticsError` with one error at each file that exists already (nothing is
    ///   written then), or at the file that could not be written.
    package static func write(
        _ files: [(path: String, bytes: [UInt8])], into folder: URL, command: String
    ) throws(DiagnosticsError) -> [String] {
        let fileManager = FileManager.default
        let existing = files.map(\.path).filter { path in
            let target = folder.appendingPathComponent(path).path
            // A link counts as existing even when it leads nowhere: it is never written through.
            return fileManager.fileExists(atPath: target)
                || (try? fileManager.destinationOfSymbolicLink(atPath: target)) != nil
        }
        guard existing.isEmpty else {
            throw DiagnosticsError(
                existing.map {
                    Diagnostic(
                        at: SourceLocation(path: folder.appendingPathComponent($0).path),
                        "already exists; \(command) never overwrites a file, so nothing was written")
                })
        }
        var written: [String] = []
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // withoutOverwriting: a file that appeared since the check above is not replaced.
                try Data(file.bytes).write(to: url, options: .withoutOverwriting)
            } catch {
                throw DiagnosticsError([
                    Diagnostic(at: SourceLocation(path: url.path), "cannot write: \(error.localizedDescription)")
                ])
            }
            written.append(file.path)
        }
        return written
    }
}
