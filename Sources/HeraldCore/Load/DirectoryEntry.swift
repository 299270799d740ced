import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One name in a folder, with its type as the folder records it (no `stat` per name).
struct DirectoryEntry {
    enum Kind {
        case file
        case folder
        case symbolicLink
        /// A socket, pipe or device.
        case other
    }

    var name: String
    var kind: Kind

    /// The names in the folder at `path`, in the file system's order, without `.` and `..`; empty
    /// when the folder cannot be read. A name whose type the file system does not record is
    /// looked up without following a link, and left out when it is gone by then.
    static func list(_ path: String) -> [DirectoryEntry] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var kind = Self.kind(ofType: Int(entry.pointee.d_type))
            if kind == nil {
                var info = stat()
                // A name gone since the listing is left out.
                guard lstat(path + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: kind = .folder
                case S_IFREG: kind = .file
                case S_IFLNK: kind = .symbolicLink
                default: kind = .other
                }
            }
            entries.append(DirectoryEntry(name: name, kind: kind ?? .other))
        }
        return entries
    }

    /// The kind a `d_type` records, or nil for `DT_UNKNOWN`.
    private static func kind(ofType type: Int) -> Kind? {
        switch type {
        case Int(DT_REG): .file
        case Int(DT_DIR): .folder
        case Int(DT_LNK): .symbolicLink
        case Int(DT_UNKNOWN): nil
        default: .other
        }
    }
}
