/// The `.herald` file of a built site: the proof that Herald made the folder, and the list of
/// the files it wrote there.
///
/// A build replaces its output folder whole, so it must never take someone else's folder for
/// its own. An empty `.herald` proves nothing (anyone can create one), so the file lists every
/// path the build wrote; the next build replaces the folder only when it holds nothing else, and
/// otherwise refuses and names the files it did not write.
package struct OutputManifest: Sendable, Equatable {
    /// The first line, which says what the file is.
    static let header =
        "# Built by Herald: the files it wrote here. A build replaces this folder only when it holds no other file."
    /// The whole `.herald` file that versions before the list wrote (up to 0.1.0), which lists no
    /// files.
    static let legacyMarker = "Built by Herald. This folder is replaced on every build.\n"
    /// The largest `.herald` read, in bytes: a site of 100,000 files lists about 5 MB.
    static let maximumSize = 64 << 20

    /// What a `.herald` file holds.
    package enum Contents: Sendable, Equatable {
        /// A list of files, written by this version.
        case manifest(OutputManifest)
        /// The marker of an earlier version, which lists no files.
        case legacy
        /// Anything else, an empty file included.
        case unknown
    }

    /// The paths Herald wrote, relative to the folder, without the `.herald` file itself.
    package var files: Set<String>

    /// Creates a manifest.
    package init(files: Set<String>) {
        self.files = files
    }

    /// What the bytes of a `.herald` file hold.
    static func read(_ bytes: [UInt8]) -> Contents {
        let text = String(decoding: bytes, as: UTF8.self)
        if text == legacyMarker { return .legacy }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first == header[...] else { return .unknown }
        lines.removeFirst()
        return .manifest(OutputManifest(files: Set(lines.map(String.init))))
    }

    /// The file's text: the header, then the paths in order, one a line.
    ///
    /// - Throws: When a path holds a line break, which the list could not hold.
    func text() throws(SiteWriter.Failure) -> String {
        if let bad = files.first(where: { $0.contains("\n") || $0.contains("\r") }) {
            throw SiteWriter.Failure(description: "refusing to write '\(bad.debugDescription)': it holds a line break")
        }
        return ([Self.header] + files.sorted()).joined(separator: "\n") + "\n"
    }

    /// Everything in the folder at `path` that is not listed, sorted: files, links and anything
    /// else by their paths, and folders that no listed file needs, ending in `/`, when they are
    /// empty (their contents are named otherwise).
    func unlisted(in path: String) -> [String] {
        var needed: Set<Substring> = []
        for file in files {
            var folder = file[...]
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !needed.insert(folder).inserted { break }
            }
        }
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let entries = DirectoryEntry.list(relative.isEmpty ? path : path + "/" + relative)
            if entries.isEmpty, !relative.isEmpty, !needed.contains(relative[...]) { found.append(relative + "/") }
            for entry in entries {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.kind == .folder {
                    pending.append(child)
                } else if child != SiteWriter.markerName, entry.kind != .file || !files.contains(child) {
                    found.append(child)
                }
            }
        }
        return found.sorted()
    }
}
