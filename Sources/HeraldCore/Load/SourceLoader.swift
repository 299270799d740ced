import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a site's files from disk: `herald.yml`, `incidents/**/*.md` and `theme/`.
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
    /// The theme folder (by default `<root>/theme`).
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

        let theme = themeFiles(in: themeDirectory, requireTemplates: true, diagnostics: &diagnostics)

        return SiteSources(
            config: config,
            incidents: incidents,
            templates: theme.templates,
            assets: theme.assets,
            locales: theme.locales
        )
    }

    /// Reads an override theme folder (`theme:` in herald.yml), whose files replace the default
    /// theme's files of the same path. Any of its sub-folders may be missing.
    ///
    /// - Parameter directory: The folder.
    /// - Returns: Its files.
    /// - Throws: `DiagnosticsError` listing every file that could not be read.
    public func loadOverride(_ directory: URL) throws(DiagnosticsError) -> ThemeFiles {
        var diagnostics: [Diagnostic] = []
        let theme = themeFiles(in: directory.standardizedFileURL, requireTemplates: false, diagnostics: &diagnostics)
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

    private func themeFiles(in directory: URL, requireTemplates: Bool, diagnostics: inout [Diagnostic])
        -> ThemeFiles
    {
        var templates: [TemplateFile] = []
        var assets: [AssetFile] = []
        var locales: [SourceFile] = []
        let templatesURL = directory.appendingPathComponent("templates")
        if requireTemplates, !isDirectory(templatesURL) {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: relativePath(of: templatesURL)),
                    "the theme has no templates folder at \(templatesURL.path)"
                )
            )
        }
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
        let path = url.standardizedFileURL.path
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
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                let url = folder.appendingPathComponent(name)
                // Only a symbolic link can lead outside the folders being walked; resolving every
                // path instead cost a system call per path component per file.
                var info = stat()
                guard lstat(url.path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFLNK {
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
                        continue
                    }
                } else if info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(url)
                    continue
                }
                result.append((url.path, url))
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
        let path = relativePath(of: url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(Diagnostic(at: SourceLocation(path: path), "cannot read file"))
            return nil
        }
        guard data.count <= limit else {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: path),
                    "file is \(data.count) bytes, over the limit of \(limit) bytes"
                )
            )
            return nil
        }
        return [UInt8](data)
    }

    private func readText(_ url: URL, diagnostics: inout [Diagnostic]) -> SourceFile? {
        guard var bytes = readBytes(url, limit: Self.maximumFileSize, diagnostics: &diagnostics) else { return nil }
        let path = relativePath(of: url)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(0x0D) { bytes = Self.withoutCarriageReturnsBeforeLineFeeds(bytes) }
        if let nul = bytes.firstIndex(of: 0) {
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
