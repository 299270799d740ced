import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes the built site without ever leaving a half-written or mixed site behind.
///
/// Files go into a staging folder beside the output (`.site.herald-staging-<pid>`). Only when the
/// whole build has succeeded is the staging folder swapped in: with one atomic `renameat2`
/// exchange on Linux (a web server reading `site/` sees either the old or the new site), or two
/// renames where that is not available. A failed or killed build leaves the old site as it was;
/// the next build removes staging folders whose process is gone.
///
/// The writer refuses to replace a folder that Herald did not make: an existing output folder
/// must be empty or hold the `.herald` marker file that every build writes.
public struct SiteWriter: Sendable {
    /// The name of the marker file written into every built site.
    public static let markerName = ".herald"

    /// Why the output cannot be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The output folder.
    public let output: URL
    /// The staging folder this build writes into.
    public let staging: URL

    /// Creates a writer for `output`.
    public init(output: URL) {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        self.staging = parent.appendingPathComponent(
            ".\(self.output.lastPathComponent).herald-staging-\(ProcessInfo.processInfo.processIdentifier)"
        )
    }

    /// Checks the output folder, removes leftovers of killed builds and creates the staging folder.
    ///
    /// - Parameters:
    ///   - protected: Folders the output must not be, nor contain (the site's root).
    ///   - sources: Folders the output must not be, contain, or lie inside (`incidents/`,
    ///     `theme/`): Herald never writes into the user's sources.
    public func prepare(protecting protected: [URL], sources: [URL] = []) throws(Failure) {
        let fileManager = FileManager.default
        let outputPath = output.resolvingSymlinksInPath().path
        for folder in protected + sources {
            let path = folder.standardizedFileURL.resolvingSymlinksInPath().path
            if outputPath == path || path.hasPrefix(outputPath + "/") || outputPath == "/" {
                throw Failure(description: "refusing to write the site to \(output.path): it would replace \(path)")
            }
        }
        for folder in sources {
            let path = folder.standardizedFileURL.resolvingSymlinksInPath().path
            if outputPath.hasPrefix(path + "/") {
                throw Failure(description: "refusing to write the site to \(output.path): it is inside \(path)")
            }
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Failure(
                    description: "\(output.path) exists and is not a folder; remove it or choose another --output")
            }
            let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
            if !contents.isEmpty, !contents.contains(Self.markerName) {
                throw Failure(
                    description: "\(output.path) holds files that Herald did not write (no \(Self.markerName) marker);"
                        + " Herald replaces its output folder on every build, so move those files or choose another --output"
                )
            }
        }
        removeStaleStagingFolders()
        do {
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data("Built by Herald. This folder is replaced on every build.\n".utf8)
                .write(to: staging.appendingPathComponent(Self.markerName))
        } catch {
            throw Failure(description: "cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    /// Writes files into the staging folder.
    ///
    /// - Throws: When a path would leave the output folder, or a file cannot be written.
    public func write(_ files: [OutputFile]) throws(Failure) {
        for file in files {
            guard Self.isSafe(file.path) else {
                throw Failure(description: "refusing to write '\(file.path)': the path would leave the output folder")
            }
            let url = staging.appendingPathComponent(file.path)
            // Most folders exist already; create them only when the first write fails. Plain
            // writes, without a flush to disk per file: the staging folder is private until it
            // is swapped in whole (see `commit()`).
            var failure = Self.writeFile(url.path, file.data)
            if failure == ENOENT {
                do {
                    try FileManager.default.createDirectory(
                        at: url.deletingLastPathComponent(),
                        withIntermediateDirectories: true
                    )
                } catch {
                    throw Failure(description: "cannot write \(url.path): \(error.localizedDescription)")
                }
                failure = Self.writeFile(url.path, file.data)
            }
            if failure != 0 {
                throw Failure(description: "cannot write \(url.path): \(String(cString: strerror(failure)))")
            }
        }
    }

    /// Creates or truncates a file and writes `data` to it.
    ///
    /// - Returns: 0, or the `errno` of the call that failed.
    private static func writeFile(_ path: String, _ data: Data) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        return failure
    }

    /// Swaps the staging folder in as the output and removes the previous site.
    ///
    /// Like Hugo and Zola, Herald leaves flushing the new files to disk to the operating system:
    /// forcing it (Foundation's `fsync` per file, or one `syncfs` before the swap) made a
    /// 1,000-incident build up to seconds slower on a 2-core CI machine, and a build process that
    /// is killed still never leaves a mixed site. A machine that loses power in the seconds after
    /// a build should rebuild when it restarts.
    public func commit() throws(Failure) {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: output.path) {
            if Self.exchange(staging.path, output.path) {
                try? fileManager.removeItem(at: staging)
                return
            }
            let previous = staging.deletingLastPathComponent().appendingPathComponent(
                staging.lastPathComponent.replacingOccurrences(of: "staging", with: "previous")
            )
            do {
                try? fileManager.removeItem(at: previous)
                try fileManager.moveItem(at: output, to: previous)
                try fileManager.moveItem(at: staging, to: output)
                try? fileManager.removeItem(at: previous)
            } catch {
                throw Failure(description: "cannot replace \(output.path): \(error.localizedDescription)")
            }
        } else {
            do {
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                throw Failure(description: "cannot create \(output.path): \(error.localizedDescription)")
            }
        }
    }

    /// Removes the staging folder after a failed build.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Whether a relative output path stays inside the output folder.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    /// Removes `.<name>.herald-staging-<pid>` and `-previous-` folders of processes that no longer run.
    private func removeStaleStagingFolders() {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).herald-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let pid = name.split(separator: "-").last.flatMap { Int32($0) } ?? 0
            if pid > 0, pid != ProcessInfo.processInfo.processIdentifier, Self.isRunning(pid) { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        #if canImport(Glibc)
            return kill(pid, 0) == 0 || errno == EPERM
        #else
            return false
        #endif
    }

    /// Atomically exchanges two paths with Linux's `renameat2(RENAME_EXCHANGE)`, looked up at run
    /// time because Glibc's Swift module does not declare it.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            typealias Renameat2 =
                @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: Renameat2.self)
            let renameExchange: UInt32 = 1 << 1
            return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
            return false
        #endif
    }
}
