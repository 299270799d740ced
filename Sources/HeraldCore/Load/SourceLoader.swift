import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a site's files: `herald.yml`, `incidents/**/*.md`, and the theme, which is the built-in
/// theme overridden file by file by the site's `theme/` folder, if it has one.
///
/// Paths are sorted so that every later stage sees the same order on every machine. Files that
/// cannot be trusted are refused with a diagnostic: text that is not UTF-8 or contains NUL bytes,
/// files over `maximumFileSize`, and symbolic links that lead outside the site's root.
public struct SourceLoader: Sendable {
    /// The largest incident or config file accepted, in bytes.
    public static let maximumFileSize = 1 << 20
    /// The largest theme asset accepted, in bytes.
    public static let maximumAssetSize = 16 << 20

    /// The site's root folder.
    public var root: URL
    /// The site's theme folder (by default `<root>/theme`), which may be missing: its files
    /// override the built-in theme's.
    public var themeDirectory: URL

    /// Creates a loader for the site at `root`.
    public init(root: URL, themeDirectory: URL? = nil) {
        self.root = root.standardizedFileURL
        self.themeDirectory = (themeDirectory ?? root.appendingPathComponent("theme")).standardizedFileURL
    }

    /// Reads every input file.
    ///
    /// - Returns: The sources.
    /// - Throws: `DiagnosticsError` listing every file that could not be read.
    public func load() throws(DiagnosticsError) -> SiteSources {
        var diagnostics: [Diagnostic] = []
        let sources = load(diagnostics: &diagnostics)
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        return sources
    }

    /// Reads every input file that can be read, so that the rest can still be checked.
    ///
    /// - Parameter diagnostics: Gets every file that could not be read, and a missing
    ///   `herald.yml` (whose source is then empty).
    /// - Returns: The sources that were read.
    public func load(diagnostics: inout [Diagnostic]) -> SiteSources {
        let configURL = root.appendingPathComponent("herald.yml")
        var config = SourceFile(path: "herald.yml", text: "")
        if FileManager.default.fileExists(atPath: configURL.path) {
            if let file = readText(configURL, diagnostics: &diagnostics) { config = file }
        } else {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: "herald.yml"),
                    "no herald.yml in \(root.path); run herald in the site's folder or pass --root"
                )
            )
        }

        let incidentsURL = root.appendingPathComponent("incidents")
        let incidentURLs = files(under: incidentsURL, diagnostics: &diagnostics).filter { $0.pathExtension == "md" }
        let incidents = readTexts(incidentURLs, diagnostics: &diagnostics)

        let builtIn = ThemeFiles.builtIn
        let sources = SiteSources(
            config: config,
            incidents: incidents,
            templates: builtIn.templates,
            assets: builtIn.assets,
            locales: builtIn.locales
        )
        return sources.overridden(by: themeFiles(in: themeDirectory, diagnostics: &diagnostics))
    }

    /// Reads an override theme folder (`theme:` in herald.yml), whose files replace the default
    /// theme's files of the same path. Any of its sub-folders may be missing.
    ///
    /// - Parameter directory: The folder.
    /// - Returns: Its files.
    /// - Throws: `DiagnosticsError` listing every file that could not be read.
    public func loadOverride(_ directory: URL) throws(DiagnosticsError) -> ThemeFiles {
        var diagnostics: [Diagnostic] = []
        let theme = themeFiles(in: directory.standardizedFileURL, diagnostics: &diagnostics)
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        return theme
    }

    /// Reads one file below the root as an asset (such as the brand logo).
    ///
    /// - Parameter path: The path relative to the root.
    /// - Returns: The bytes.
    /// - Throws: `DiagnosticsError` when the file cannot be read or leads outside the root.
    public func loadFile(_ path: String) throws(DiagnosticsError) -> [UInt8] {
        var diagnostics: [Diagnostic] = []
        let url = root.appendingPathComponent(path).standardizedFileURL
        guard isInsideRoot(url) else {
            throw DiagnosticsError([
                Diagnostic(
                    at: SourceLocation(path: path), "symbolic link leads outside the site's folder and is refused")
            ])
        }
        guard let bytes = readBytes(url, limit: Self.maximumAssetSize, diagnostics: &diagnostics) else {
            throw DiagnosticsError(diagnostics)
        }
        return bytes
    }

    /// The files of a theme folder; any of its sub-folders, or the folder itself, may be missing.
    private func themeFiles(in directory: URL, diagnostics: inout [Diagnostic]) -> ThemeFiles {
        var templates: [TemplateFile] = []
        var assets: [AssetFile] = []
        var locales: [SourceFile] = []
        let templatesURL = directory.appendingPathComponent("templates")
        for url in files(under: templatesURL, diagnostics: &diagnostics) where url.pathExtension == "mustache" {
            if let file = readText(url, diagnostics: &diagnostics) {
                let folder = relativePath(of: templatesURL) + "/"
                let name = String(file.path.dropFirst(folder.count).dropLast(".mustache".count))
                templates.append(TemplateFile(name: name, file: file))
            }
        }
        let assetsURL = directory.appendingPathComponent("assets")
        for url in files(under: assetsURL, diagnostics: &diagnostics) {
            if let data = readBytes(url, limit: Self.maximumAssetSize, diagnostics: &diagnostics) {
                let path = String(relativePath(of: url).dropFirst(relativePath(of: assetsURL).count + 1))
                assets.append(AssetFile(path: path, data: data))
            }
        }
        let localesURL = directory.appendingPathComponent("locales")
        for url in files(under: localesURL, diagnostics: &diagnostics)
        where url.pathExtension == "yml" && url.deletingLastPathComponent().path == localesURL.path {
            if let file = readText(url, diagnostics: &diagnostics) { locales.append(file) }
        }
        return ThemeFiles(templates: templates, assets: assets, locales: locales)
    }

    /// The path of `url` relative to the root, or the absolute path if it is outside.
    func relativePath(of url: URL) -> String {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var path = url.path
        // A path made of the (standardized) root and listed names has no `.` or `..` component to
        // remove; standardizing every path cost more than reading the file.
        let slash = UInt8(ascii: "/")
        if zip(path.utf8, path.utf8.dropFirst()).contains(where: {
            $0 == slash && ($1 == slash || $1 == UInt8(ascii: "."))
        }) {
            path = url.standardizedFileURL.path
        }
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }

    private func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Regular files below `directory`, recursively, sorted by path; hidden files are skipped.
    private func files(under directory: URL, diagnostics: inout [Diagnostic]) -> [URL] {
        guard isDirectory(directory) else { return [] }
        let bases = [root, themeDirectory].map { $0.resolvingSymlinksInPath().path }
        var result: [(path: String, url: URL)] = []
        var pending = [directory]
        while let folder = pending.popLast() {
            let folderPath = folder.path
            for entry in DirectoryEntry.list(folderPath) where !entry.name.hasPrefix(".") {
                let url = folder.appendingPathComponent(entry.name, isDirectory: entry.kind == .folder)
                switch entry.kind {
                case .file:
                    result.append((folderPath + "/" + entry.name, url))
                case .folder:
                    pending.append(url)
                case .symbolicLink:
                    // Only a symbolic link can lead outside the folders being walked; resolving
                    // every path instead cost a system call per path component per file.
                    guard isInside(url, bases: bases) else {
                        diagnostics.append(
                            Diagnostic(
                                at: SourceLocation(path: relativePath(of: url)),
                                "symbolic link leads outside the site's folder and is refused"
                            )
                        )
                        continue
                    }
                    if isDirectory(url) {
                        pending.append(url)
                    } else {
                        result.append((folderPath + "/" + entry.name, url))
                    }
                case .other:
                    // Listed like a file, so that only a name the build reads is refused (when
                    // it is read: `contents(ofFile:limit:)` opens without waiting and checks).
                    result.append((folderPath + "/" + entry.name, url))
                }
            }
        }
        // Every path starts with `directory`'s, so this is the order of the relative paths.
        return result.sorted { $0.path < $1.path }.map(\.url)
    }

    /// Whether `url`, with every symbolic link resolved, is inside the root (or the theme folder,
    /// which may live elsewhere).
    private func isInsideRoot(_ url: URL) -> Bool {
        isInside(url, bases: [root, themeDirectory].map { $0.resolvingSymlinksInPath().path })
    }

    private func isInside(_ url: URL, bases: [String]) -> Bool {
        let resolved = url.resolvingSymlinksInPath().path
        return bases.contains { basePath in
            resolved == basePath || resolved.hasPrefix(basePath.hasSuffix("/") ? basePath : basePath + "/")
        }
    }

    /// Reads text files on every core, in order. The files are already in the page cache on a
    /// rebuild, so the time goes into system calls and checking the UTF-8, which run in parallel.
    private func readTexts(_ urls: [URL], diagnostics: inout [Diagnostic]) -> [SourceFile] {
        let results = concurrentMap(urls) { url in
            var found: [Diagnostic] = []
            let file = readText(url, diagnostics: &found)
            return (file: file, diagnostics: found)
        }
        diagnostics += results.flatMap(\.diagnostics)
        return results.compactMap(\.file)
    }

    private func readBytes(_ url: URL, limit: Int, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        readBytes(url, path: relativePath(of: url), limit: limit, diagnostics: &diagnostics)
    }

    /// Reads `url`, whose path relative to the root (for diagnostics) is `path`.
    private func readBytes(_ url: URL, path: String, limit: Int, diagnostics: inout [Diagnostic]) -> [UInt8]? {
        switch Self.contents(ofFile: url.path, limit: limit) {
        case .bytes(let bytes):
            return bytes
        case .tooLarge(let size):
            diagnostics.append(
                Diagnostic(at: SourceLocation(path: path), "file is \(size) bytes, over the limit of \(limit) bytes"))
        case .notAPlainFile:
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: path),
                    "not a regular file (a pipe, socket or device); remove it or replace it with a file"))
        case .unreadable:
            diagnostics.append(Diagnostic(at: SourceLocation(path: path), "cannot read file"))
        }
        return nil
    }

    private enum FileContents {
        case bytes([UInt8])
        /// Over the limit; the size as far as it was read.
        case tooLarge(Int)
        /// A pipe, socket or device (reading a pipe would wait for a writer).
        case notAPlainFile
        /// Missing, a folder, or failing to read.
        case unreadable
    }

    /// Reads a plain file with one `open` and, for a file that does not grow meanwhile, two
    /// `read`s (the second sees its end), without Foundation's `Data` and a copy out of it.
    private static func contents(ofFile path: String, limit: Int) -> FileContents {
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
    private static func firstIndex(of byte: UInt8, in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let found = memchr(base, Int32(byte), raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    private func readText(_ url: URL, diagnostics: inout [Diagnostic]) -> SourceFile? {
        let path = relativePath(of: url)
        guard var bytes = readBytes(url, path: path, limit: Self.maximumFileSize, diagnostics: &diagnostics) else {
            return nil
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if Self.firstIndex(of: 0x0D, in: bytes) != nil { bytes = Self.withoutCarriageReturnsBeforeLineFeeds(bytes) }
        if let nul = Self.firstIndex(of: 0, in: bytes) {
            let line = bytes[..<nul].count(where: { $0 == 0x0A }) + 1
            diagnostics.append(
                Diagnostic(at: SourceLocation(path: path, line: line), "file contains a NUL byte; is it a binary file?")
            )
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = Self.firstInvalidUTF8Line(bytes)
            diagnostics.append(
                Diagnostic(at: SourceLocation(path: path, line: line), "file is not valid UTF-8 text; save it as UTF-8")
            )
            return nil
        }
        return SourceFile(path: path, text: text)
    }

    /// CRLF read as LF, byte by byte (a lone CR stays).
    static func withoutCarriageReturnsBeforeLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { continue }
            result.append(byte)
        }
        return result
    }

    /// The line of the first byte sequence that is not valid UTF-8.
    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
