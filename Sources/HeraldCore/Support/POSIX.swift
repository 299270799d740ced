import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Every raw C library call of HeraldCore is in this file: listing folders, reading the sources,
// and writing the output in place. The rest of the module goes through these functions, so that
// the platform's C module is imported in one place. Herald is built and tested on Linux only; the
// Darwin branch is written to compile, and has never been built.

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
                // A name gone since the listing is left out.
                guard let found = POSIX.kind(of: path + "/" + name) else { continue }
                kind = found
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

/// The `errno` of a call that failed.
struct SystemError: Error, Equatable, CustomStringConvertible {
    var code: Int32

    /// No such file or folder (`ENOENT`).
    static let noSuchEntry = SystemError(code: ENOENT)
    /// A path component is not a folder (`ENOTDIR`).
    static let notAFolder = SystemError(code: ENOTDIR)
    /// Something is there already (`EEXIST`).
    static let exists = SystemError(code: EEXIST)
    /// The folder is not empty (`ENOTEMPTY`).
    static let folderNotEmpty = SystemError(code: ENOTEMPTY)

    /// The `errno` of the call that just failed.
    static var last: SystemError { SystemError(code: errno) }

    /// The system's sentence for the error, such as "No such file or directory".
    var description: String { String(cString: strerror(code)) }
}

/// The raw system calls, each wrapped once.
enum POSIX {
    /// What is at `path`, without following a symbolic link; nil when nothing is there.
    static func kind(of path: String) -> DirectoryEntry.Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The most symbolic links followed while resolving one path, as Linux's `MAXSYMLINKS`.
    static let maximumLinks = 40

    /// `path` (absolute, or relative to the working folder) with every symbolic link on the way
    /// resolved, as `realpath -m` does: the components after the first one that does not exist
    /// are kept as written. Nil after `maximumLinks` links, which is a loop or close to one.
    static func resolvedPath(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var pending = Array(absolute.split(separator: "/", omittingEmptySubsequences: true).reversed())
        var resolved: [Substring] = []
        var links = 0
        var exists = true  // whether every component so far exists, so that lookups are still useful
        while let component = pending.popLast() {
            if component == "." { continue }
            if component == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            if exists, let target = linkTarget(candidate) {
                links += 1
                guard links <= maximumLinks else { return nil }
                if target.hasPrefix("/") { resolved.removeAll() }
                pending += target.split(separator: "/", omittingEmptySubsequences: true).reversed()
                continue
            }
            if exists, kind(of: candidate) == nil { exists = false }
            resolved.append(component)
        }
        return "/" + resolved.joined(separator: "/")
    }

    /// What the symbolic link at `path` holds, or nil when `path` is not a symbolic link.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { readlink(path, $0.baseAddress!, $0.count - 1) }
        }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    // MARK: Reading

    /// What reading a file found.
    enum FileContents {
        case bytes([UInt8])
        /// Over the limit; the size as far as it was read.
        case tooLarge(Int)
        /// A pipe, socket or device (reading a pipe would wait for a writer).
        case notAPlainFile
        /// Missing, a folder, or failing to read.
        case unreadable
    }

    /// Reads a plain file with one `open` and, for a file that does not grow meanwhile, two
    /// `read`s (the second sees its end), without Foundation's `Data` and a copy out of it. The
    /// file is opened without waiting (`O_NONBLOCK`) and checked with `fstat` before it is read,
    /// so that a pipe is refused instead of waited for.
    static func readFile(_ path: String, limit: Int) -> FileContents {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .unreadable }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .unreadable
        default: return .notAPlainFile
        }
        if Int(info.st_size) > limit { return .tooLarge(Int(info.st_size)) }
        var bytes: [UInt8] = []
        var chunk = Int(info.st_size) + 1
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + start, chunk) }
            if count < 0, errno == EINTR {
                bytes.removeLast(chunk)
                continue
            }
            guard count >= 0 else { return .unreadable }
            bytes.removeLast(chunk - count)
            if count == 0 { return .bytes(bytes) }
            if bytes.count > limit { return .tooLarge(bytes.count) }
            chunk = 1 << 16
        }
    }

    /// The position of the first `byte` in `bytes`, found with `memchr`.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let found = memchr(base, Int32(byte), raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    // MARK: Writing

    /// Writes `data` as the file at `path`, over a plain file that is there already, and
    /// otherwise (nothing there, a hard link, a folder, a link) as a new file.
    ///
    /// Writing over an existing file keeps its inode and blocks: no inode is allocated and none is
    /// freed, which is what makes rebuilding fast on ext4. A file shorter than the old one is cut
    /// to its length afterwards, so it leaves nothing of the old one.
    ///
    /// - Throws: The `errno` of the call that failed.
    static func writeFile(_ path: String, _ data: Data) throws(SystemError) {
        let flags = O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        var descriptor = open(path, flags | O_CREAT, 0o644)
        // The length of what is there already, which a shorter file must be cut from.
        var oldLength = off_t(0)
        if descriptor >= 0 {
            var info = stat()
            // A file with other hard links shares its contents with another path (a backup made
            // with `cp -al`, say): writing in place would change that one too.
            if fstat(descriptor, &info) != 0 || info.st_mode & S_IFMT != S_IFREG || info.st_nlink > 1 {
                close(descriptor)
                unlink(path)
                descriptor = open(path, flags | O_CREAT | O_EXCL, 0o644)
            } else {
                oldLength = info.st_size
            }
        } else if errno == ELOOP || errno == EISDIR || errno == ENXIO {
            // A symbolic link, a folder or a pipe stands where the file goes.
            try? FileManager.default.removeItem(atPath: path)
            descriptor = open(path, flags | O_CREAT | O_EXCL, 0o644)
        }
        guard descriptor >= 0 else { throw .last }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, oldLength > data.count, ftruncate(descriptor, off_t(data.count)) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw SystemError(code: failure) }
    }

    /// Creates the folder at `path` (mode 755), whose parent must exist.
    static func makeFolder(_ path: String) throws(SystemError) {
        if mkdir(path, 0o755) != 0 { throw .last }
    }

    /// Removes the file (or link, socket, ...) at `path`; failing, say where there is a folder,
    /// changes nothing.
    static func removeFile(_ path: String) {
        unlink(path)
    }

    /// Removes the empty folder at `path`.
    static func removeEmptyFolder(_ path: String) throws(SystemError) {
        if rmdir(path) != 0 { throw .last }
    }

    /// Renames `source` to `destination`, replacing an empty folder or a file there.
    ///
    /// - Returns: Whether it was renamed.
    static func move(_ source: String, to destination: String) -> Bool {
        rename(source, destination) == 0
    }

    /// Atomically exchanges two paths with Linux's `renameat2(RENAME_EXCHANGE)`, looked up at run
    /// time because Glibc's Swift module does not declare it; false elsewhere, and where the
    /// kernel or the file system lacks it.
    static func exchange(_ a: String, _ b: String) -> Bool {
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

    // MARK: Processes

    /// Whether the process `pid` runs (possibly as another user).
    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Whether standard input is a terminal.
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Runs `/bin/sh -c command sh arguments…` on this process's terminal and waits for it.
    ///
    /// The child keeps this process's standard input, output and error, and its process group,
    /// so it is the terminal's foreground job as this process is. (Foundation's `Process` starts
    /// children in a group of their own: the terminal stops such a child when it reads, and vim
    /// exits with "Error reading input".) While it runs, this process ignores interrupt and quit,
    /// as git does while an editor runs; the child gets their default actions back.
    ///
    /// - Returns: The exit status, or 128 plus the number of the signal that ended the child.
    /// - Throws: `SystemError` when the shell cannot be started or waited for.
    static func runInTerminal(_ command: String, arguments: [String]) throws(SystemError) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let words = ["/bin/sh", "-c", command, "sh"] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { for word in argv { free(word) } }

        let interrupt = signal(SIGINT, SIG_IGN)
        let quit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, interrupt)
            signal(SIGQUIT, quit)
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
        guard spawned == 0 else { throw SystemError(code: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw .last }
        }
        // WIFEXITED and WEXITSTATUS, which Swift does not import: the low 7 bits hold the signal.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
