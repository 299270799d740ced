import Foundation

/// Writes the built site without ever leaving a half-written or mixed site behind.
///
/// Files go into a staging folder beside the output (`.site.herald-staging-<pid>`). Only when the
/// whole build has succeeded is the staging folder swapped in: with one atomic `renameat2`
/// exchange on Linux (a web server reading `site/` sees either the old or the new site), or two
/// renames where that is not available. A failed or killed build leaves the old site as it was.
///
/// The site that was replaced is kept as `.site.herald-previous` and becomes the next build's
/// staging folder: its files are written over in place and the files the new build does not
/// make are removed before the swap. On ext4 that is several times faster than creating every
/// file and folder anew and deleting the old tree (see the README's performance section). Files
/// that are hard links, symbolic links or anything but plain files and folders are never written
/// through: they are removed and made anew.
///
/// The writer refuses to replace a folder that Herald did not make, and never deletes a file that
/// Herald did not write: an existing output folder must be empty, or hold a `.herald` file that
/// lists the files the last build wrote (`OutputManifest`) and nothing else. Otherwise the build
/// fails and names the other files, and the folder is left as it was.
package struct SiteWriter: Sendable {
    /// The name of the marker file written into every built site.
    package static let markerName = ".herald"

    /// Why the output cannot be written.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// What a reused staging folder held before this build wrote into it, as paths relative to
    /// it; whatever the build does not write again is removed before the swap.
    package struct Leftovers: Sendable {
        var files: [String] = []
        var folders: [String] = []

        init() {}
    }

    /// The output folder.
    package let output: URL
    /// The staging folder this build writes into.
    package let staging: URL
    /// The site the last build replaced, kept for the next build to write over.
    package let spare: URL

    /// Creates a writer for `output`.
    package init(output: URL) {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        let prefix = ".\(self.output.lastPathComponent).herald-"
        self.staging = parent.appendingPathComponent(
            prefix + "staging-\(ProcessInfo.processInfo.processIdentifier)"
        )
        self.spare = parent.appendingPathComponent(prefix + "previous")
    }

    /// Checks the output folder, removes leftovers of killed builds and creates the staging
    /// folder, reusing the previous build's site when there is one.
    ///
    /// - Parameters:
    ///   - protected: Folders the output must not be, nor contain (the site's root).
    ///   - sources: Folders the output must not be, contain, or lie inside (`incidents/`,
    ///     `theme/`): Herald never writes into the user's sources.
    /// - Returns: What the staging folder already holds; pass it to `commit(keeping:leftovers:)`,
    ///   which removes what the build did not write again.
    package func prepare(protecting protected: [URL], sources: [URL] = []) throws(Failure) -> Leftovers {
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
            try checkOwnership()
        }
        removeStaleStagingFolders()
        try? fileManager.removeItem(at: staging)
        var leftovers = Leftovers()
        if POSIX.kind(of: spare.path) == .folder, POSIX.move(spare.path, to: staging.path) {
            Self.scan(staging.path, relative: "", into: &leftovers)
        } else {
            // A spare that is not a plain folder is not Herald's to reuse.
            if POSIX.kind(of: spare.path) != nil { try? fileManager.removeItem(at: spare) }
            do {
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            } catch {
                throw Failure(description: "cannot create \(staging.path): \(error.localizedDescription)")
            }
        }
        return leftovers
    }

    /// Refuses an output folder that is not empty unless its `.herald` lists every file in it.
    private func checkOwnership() throws(Failure) {
        guard !DirectoryEntry.list(output.path).isEmpty else { return }
        let markerPath = output.path + "/" + Self.markerName
        let advice = "Herald replaces its output folder on every build, so move those files or choose another --output"
        guard POSIX.kind(of: markerPath) == .file else {
            throw Failure(
                description: "\(output.path) holds files that Herald did not write (no \(Self.markerName) file); "
                    + advice)
        }
        let contents: OutputManifest.Contents
        if case .bytes(let bytes) = POSIX.readFile(markerPath, limit: OutputManifest.maximumSize) {
            contents = OutputManifest.read(bytes)
        } else {
            contents = .unknown
        }
        switch contents {
        case .legacy:
            throw Failure(
                description:
                    "\(output.path) was built by an earlier version of Herald, whose \(Self.markerName) lists no files, so"
                    + " Herald cannot tell its files from yours; check that nothing of yours is in it, remove it"
                    + " (rm -r \(output.path)) and build again")
        case .unknown:
            throw Failure(
                description: "\(markerPath) is not the list of files a Herald build writes, so Herald cannot tell"
                    + " its files from yours; " + advice)
        case .manifest(let manifest):
            let unlisted = manifest.unlisted(in: output.path)
            guard unlisted.isEmpty else {
                let shown = unlisted.prefix(5).joined(separator: ", ")
                let more = unlisted.count > 5 ? " and \(unlisted.count - 5) more" : ""
                throw Failure(
                    description: "\(output.path) holds \(unlisted.count) \(unlisted.count == 1 ? "file" : "files")"
                        + " that Herald did not write (\(shown)\(more)); it never deletes them, and nothing was"
                        + " changed. " + advice)
            }
        }
    }

    /// Lists the plain files and folders under `path` and removes everything else (symbolic
    /// links, sockets, ...), so that no write can follow a link out of the staging folder.
    private static func scan(_ path: String, relative: String, into leftovers: inout Leftovers) {
        for entry in DirectoryEntry.list(path) {
            let full = path + "/" + entry.name
            let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
            switch entry.kind {
            case .folder:
                leftovers.folders.append(child)
                scan(full, relative: child, into: &leftovers)
            case .file:
                leftovers.files.append(child)
            case .symbolicLink, .other:
                POSIX.removeFile(full)
            }
        }
    }

    /// Writes files into the staging folder.
    ///
    /// - Throws: When a path would leave the output folder, or a file cannot be written.
    package func write(_ files: [OutputFile]) throws(Failure) {
        for file in files {
            guard Self.isSafe(file.path) else {
                throw Failure(description: "refusing to write '\(file.path)': the path would leave the output folder")
            }
            let path = staging.path + "/" + file.path
            // Most folders exist already; create them only when the first write fails. Plain
            // writes, without a flush to disk per file: the staging folder is private until it
            // is swapped in whole (see `commit(keeping:leftovers:)`).
            do {
                do {
                    try POSIX.writeFile(path, file.data)
                } catch let error where error == .noSuchEntry || error == .notAFolder {
                    try makeFolders(for: file.path)
                    try POSIX.writeFile(path, file.data)
                }
            } catch {
                throw Failure(description: "cannot write \(path): \(error)")
            }
        }
    }

    /// Creates the folders above `relative` in the staging folder, replacing a leftover file that
    /// stands where a folder must be.
    ///
    /// - Throws: The `errno` of the call that failed.
    private func makeFolders(for relative: String) throws(SystemError) {
        var path = staging.path
        for component in relative.split(separator: "/").dropLast() {
            path += "/" + component
            do {
                try POSIX.makeFolder(path)
            } catch {
                guard error == .exists else { throw error }
                if POSIX.kind(of: path) == .folder { continue }
                POSIX.removeFile(path)
                do {
                    try POSIX.makeFolder(path)
                } catch {
                    guard error == .exists, POSIX.kind(of: path) == .folder else { throw error }
                }
            }
        }
    }

    /// Removes what the staging folder held before this build and the build did not write,
    /// swaps the staging folder in as the output, and keeps the replaced site as the spare for
    /// the next build.
    ///
    /// Like Hugo and Zola, Herald leaves flushing the new files to disk to the operating system:
    /// forcing it (Foundation's `fsync` per file, or one `syncfs` before the swap) made a
    /// 1,000-incident build up to seconds slower on a 2-core CI machine, and a build process that
    /// is killed still never leaves a mixed site. A machine that loses power in the seconds after
    /// a build should rebuild when it restarts.
    ///
    /// - Parameters:
    ///   - written: Every path this build wrote, relative to the output folder; they are listed in
    ///     the `.herald` file, which this writes.
    ///   - leftovers: What `prepare` found in the staging folder.
    package func commit(keeping written: Set<String>, leftovers: Leftovers) throws(Failure) {
        try write([OutputFile(path: Self.markerName, text: try OutputManifest(files: written).text())])
        removeLeftovers(leftovers, keeping: written)
        let fileManager = FileManager.default
        if POSIX.kind(of: output.path) != nil {
            if POSIX.exchange(staging.path, output.path) {
                keepAsSpare()
                return
            }
            do {
                try? fileManager.removeItem(at: spare)
                try fileManager.moveItem(at: output, to: spare)
                try fileManager.moveItem(at: staging, to: output)
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

    /// Removes the files and folders of a reused staging folder that this build did not write.
    private func removeLeftovers(_ leftovers: Leftovers, keeping written: Set<String>) {
        for file in leftovers.files where file != Self.markerName && !written.contains(file) {
            // Fails harmlessly where the build made a folder of that name.
            POSIX.removeFile(staging.path + "/" + file)
        }
        var needed: Set<Substring> = []
        for path in written {
            var folder = path[...]
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !needed.insert(folder).inserted { break }
            }
        }
        // Deepest first, so that each folder is empty when its turn comes.
        for folder in leftovers.folders.reversed() where !needed.contains(folder[...]) {
            let path = staging.path + "/" + folder
            do {
                try POSIX.removeEmptyFolder(path)
            } catch {
                if error == .folderNotEmpty { try? FileManager.default.removeItem(atPath: path) }
            }
        }
    }

    /// Moves the staging folder, which holds the replaced site after the swap, to the spare's
    /// place; removes it when that fails.
    private func keepAsSpare() {
        if POSIX.kind(of: spare.path) == nil, POSIX.move(staging.path, to: spare.path) { return }
        try? FileManager.default.removeItem(at: staging)
    }

    /// Keeps the staging folder as the spare after a failed build (the next build writes over
    /// all of it), or removes it.
    package func discard() {
        keepAsSpare()
    }

    /// Whether a relative output path stays inside the output folder.
    static func isSafe(_ path: String) -> Bool {
        // Byte by byte: every component must be a name, not empty, `.` or `..`, and nothing may
        // be a backslash or NUL.
        var component = 0  // the current component's length in bytes
        var dots = 0  // and how many of them are dots
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if component == 0 || (component > 0 && dots == component && dots <= 2) { return false }
                component = 0
                dots = 0
            case UInt8(ascii: "\\"), 0:
                return false
            default:
                component += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(component == 0 || (dots == component && dots <= 2))
    }

    /// Handles `.<name>.herald-staging-<pid>` folders of processes that no longer run: the first
    /// becomes the spare when there is none, the others are removed.
    private func removeStaleStagingFolders() {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).herald-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names.sorted() where name.hasPrefix(prefix) && name != spare.lastPathComponent {
            let pid = name.split(separator: "-").last.flatMap { Int32($0) } ?? 0
            if pid > 0, pid != ProcessInfo.processInfo.processIdentifier, POSIX.isRunning(pid) { continue }
            let path = parent.appendingPathComponent(name).path
            if POSIX.kind(of: path) == .folder, POSIX.kind(of: spare.path) == nil, POSIX.move(path, to: spare.path) {
                continue
            }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
