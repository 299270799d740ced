import Foundation

/// Reads a site's files: `herald.yml`, `incidents/**/*.md`, and the theme, which is the built-in
/// theme overridden file by file by the site's `theme/` folder, if it has one.
///
/// Paths are sorted so that every later stage sees the same order on every machine. Files that
/// cannot be trusted are refused with a diagnostic: text that is not UTF-8 or contains NUL bytes,
/// files over `maximumFileSize`, and paths whose symbolic links lead outside the site's root
/// (`SiteRoot`, the one rule every read goes through, `herald new` and `update` included).
///
/// The loader answers every question about the file system that a build asks, including what
/// is at the paths herald.yml names (`siteFolder(theme:logo:)`); the later stages only check
/// its answers. Its raw system calls are in `Support/POSIX.swift`.
package struct SourceLoader: Sendable {
    /// The largest incident or config file accepted, in bytes.
    package static let maximumFileSize = 1 << 20
    /// The largest theme asset accepted, in bytes.
    package static let maximumAssetSize = 16 << 20

    /// The site's root folder.
    package var root: URL
    /// The site's theme folder, `<root>/theme`, which may be missing: its files override the
    /// built-in theme's.
    package var themeDirectory: URL
    /// The rule for symbolic links: nothing outside the root is read.
    package var site: SiteRoot

    /// Creates a loader for the site at `root`.
    package init(root: URL) {
        self.root = root.standardizedFileURL
        self.themeDirectory = self.root.appendingPathComponent("theme")
        self.site = SiteRoot(self.root)
    }

    /// Reads every input file.
    ///
    /// - Returns: The sources.
    /// - Throws: `DiagnosticsError` listing every file that could not be read, or
    ///   `CancellationError` when the task is cancelled.
    package func load() async throws -> SiteSources {
        let loaded = try await loadReadable()
        guard loaded.diagnostics.isEmpty else { throw DiagnosticsError(loaded.diagnostics) }
        return loaded.sources
    }

    /// Reads every input file that can be read, so that the rest can still be checked. The
    /// incident files are read on every core (`parallelMap`).
    ///
    /// - Returns: The sources that were read, and a diagnostic for every file that could not be
    ///   read and for a missing `herald.yml` (whose source is then empty).
    /// - Throws: Only `CancellationError`, when the task is cancelled while the incident files are
    ///   read.
    package func loadReadable() async throws -> (sources: SiteSources, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var config = SourceFile(path: "herald.yml", text: "")
        do {
            config = try loadConfig()
        } catch {
            diagnostics += error.diagnostics
        }

        let incidentsURL = root.appendingPathComponent("incidents")
        var incidentURLs: [URL] = []
        for url in files(under: incidentsURL, diagnostics: &diagnostics) {
            let type = url.pathExtension
            if type == "md" {
                incidentURLs.append(url)
            } else if type.lowercased() == "md" {
                // Skipping it would drop an incident without a word.
                let path = relativePath(of: url)
                diagnostics.append(
                    Diagnostic(
                        at: SourceLocation(path: path),
                        "incident files end in lowercase .md, so this one is not read; rename it to"
                            + " \(path.dropLast(type.count))md"
                    )
                )
            }
        }
        let incidents = try await readTexts(incidentURLs)
        diagnostics += incidents.diagnostics

        let builtIn = ThemeFiles.builtIn
        let sources = SiteSources(
            config: config,
            incidents: incidents.files,
            templates: builtIn.templates,
            assets: builtIn.assets,
            locales: builtIn.locales
        )
        let theme = themeFiles(in: themeDirectory, diagnostics: &diagnostics)
        return (sources.overridden(by: theme), diagnostics)
    }

    /// What is at the folder and the file herald.yml names, and the languages the theme has, for
    /// the config parser to check (`ConfigParser.namedPaths(in:)` reads the paths).
    ///
    /// - Parameters:
    ///   - theme: herald.yml's `theme:` folder, relative to the root.
    ///   - logo: The brand's `logo:` file, relative to the root.
    /// - Returns: What is at each path (a path whose symbolic links lead outside the root is
    ///   `outside`), and the languages with a `locales/<tag>.yml` in the built-in theme, the
    ///   site's theme folder and the `theme:` folder.
    package func siteFolder(theme: String?, logo: String?) -> SiteFolder {
        var entries: [String: SiteFolder.Entry] = [:]
        for path in [theme, logo].compactMap({ $0 }) {
            entries[path] = entry(at: path)
        }
        var localeFolders = [themeDirectory.appendingPathComponent("locales")]
        if let theme, entries[theme] == .folder {
            localeFolders.append(root.appendingPathComponent(theme).appendingPathComponent("locales"))
        }
        var languages = Set(ThemeFiles.builtInLanguages)
        for folder in localeFolders {
            for entry in DirectoryEntry.list(folder.path)
            where entry.name.hasSuffix(".yml") && !entry.name.hasPrefix(".") {
                languages.insert(String(entry.name.dropLast(".yml".count)))
            }
        }
        return SiteFolder(entries: entries, languages: languages.sorted())
    }

    /// What is at `path` (relative to the root), following symbolic links inside the root.
    private func entry(at path: String) -> SiteFolder.Entry {
        switch site.resolve(relative: path) {
        case .outside(let target): return .outside(target)
        case .loop: return .outside("a loop of symbolic links")
        case .inside(let resolved):
            guard resolved != site.realPath else { return .root }
            switch POSIX.kind(of: resolved) {
            case .folder: return .folder
            case nil: return .missing
            case .file, .symbolicLink, .other: return .file
            }
        }
    }

    /// Reads an override theme folder (`theme:` in herald.yml), whose files replace the default
    /// theme's files of the same path. Any of its sub-folders may be missing.
    ///
    /// - Parameter directory: The folder.
    /// - Returns: Its files.
    /// - Throws: `DiagnosticsError` listing every file that could not be read.
    package func loadOverride(_ directory: URL) throws(DiagnosticsError) -> ThemeFiles {
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
    package func loadFile(_ path: String) throws(DiagnosticsError) -> [UInt8] {
        var diagnostics: [Diagnostic] = []
        let url = root.appendingPathComponent(path).standardizedFileURL
        let resolution = site.resolve(url)
        if let refusal = site.refusal(resolution, at: path) { throw DiagnosticsError([refusal]) }
        guard let bytes = readBytes(url, path: path, limit: Self.maximumAssetSize, diagnostics: &diagnostics) else {
            throw DiagnosticsError(diagnostics)
        }
        return bytes
    }

    /// Reads `herald.yml`.
    ///
    /// - Returns: The file.
    /// - Throws: `DiagnosticsError` when it is missing, cannot be read or leads outside the root.
    package func loadConfig() throws(DiagnosticsError) -> SourceFile {
        let url = root.appendingPathComponent("herald.yml")
        guard POSIX.kind(of: url.path) != nil else {
            throw DiagnosticsError([
                Diagnostic(
                    at: SourceLocation(path: "herald.yml"),
                    "no herald.yml in \(root.path); run herald in the site's folder or pass --root"
                )
            ])
        }
        return try loadText("herald.yml")
    }

    /// Reads one text file below the root, such as an incident that `herald update` edits.
    ///
    /// - Parameter path: The path relative to the root (or absolute).
    /// - Returns: The file, named by `path`.
    /// - Throws: `DiagnosticsError` when the file cannot be read or leads outside the root.
    package func loadText(_ path: String) throws(DiagnosticsError) -> SourceFile {
        var diagnostics: [Diagnostic] = []
        let url = site.url(for: path)
        if let refusal = site.refusal(site.resolve(url), at: path) { throw DiagnosticsError([refusal]) }
        guard var file = readText(url, diagnostics: &diagnostics) else { throw DiagnosticsError(diagnostics) }
        file.path = path
        return file
    }

    /// The ready-made update messages (`messages/*.md`) of a theme folder, which may be missing.
    ///
    /// - Parameter directory: The theme folder.
    /// - Returns: Its messages, sorted by path.
    /// - Throws: `DiagnosticsError` listing every file that could not be read.
    package func loadMessages(in directory: URL) throws(DiagnosticsError) -> [SourceFile] {
        let directory = directory.standardizedFileURL
        if let refusal = site.refusal(site.resolve(directory), at: relativePath(of: directory)) {
            throw DiagnosticsError([refusal])
        }
        var diagnostics: [Diagnostic] = []
        let messages = messageFiles(in: directory, diagnostics: &diagnostics)
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        return messages
    }

    /// The files of a theme folder; any of its sub-folders, or the folder itself, may be missing.
    private func themeFiles(in directory: URL, diagnostics: inout [Diagnostic]) -> ThemeFiles {
        // A theme folder leading outside is one error, not one for each of its sub-folders.
        if let refusal = site.refusal(site.resolve(directory), at: relativePath(of: directory)) {
            diagnostics.append(refusal)
            return ThemeFiles(templates: [], assets: [], locales: [])
        }
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
        let messages = messageFiles(in: directory, diagnostics: &diagnostics)
        return ThemeFiles(templates: templates, assets: assets, locales: locales, messages: messages)
    }

    /// The `messages/*.md` files of a theme folder, read so that `herald check` refuses what
    /// `herald new --template` would refuse.
    private func messageFiles(in directory: URL, diagnostics: inout [Diagnostic]) -> [SourceFile] {
        let messagesURL = directory.appendingPathComponent("messages")
        var messages: [SourceFile] = []
        for url in files(under: messagesURL, diagnostics: &diagnostics)
        where url.pathExtension == "md" && url.deletingLastPathComponent().path == messagesURL.path {
            if let file = readText(url, diagnostics: &diagnostics) { messages.append(file) }
        }
        return messages
    }

    /// The path of `url` relative to the root, or the absolute path if it is outside.
    func relativePath(of url: URL) -> String {
        site.relativePath(of: url)
    }

    /// Regular files below `directory`, recursively, sorted by path; hidden files are skipped.
    ///
    /// The folder itself and every symbolic link below it must lead inside the root
    /// (`SiteRoot`); anything else below a folder inside is inside, so only links are resolved
    /// (resolving every path cost a system call per path component per file). A link to a folder
    /// that is read already (a loop) is refused too.
    private func files(under directory: URL, diagnostics: inout [Diagnostic]) -> [URL] {
        let start: String
        switch site.resolve(directory) {
        case .inside(let resolved):
            guard POSIX.kind(of: resolved) == .folder else { return [] }
            start = resolved
        case let resolution:
            diagnostics += [site.refusal(resolution, at: relativePath(of: directory))].compactMap { $0 }
            return []
        }
        var result: [(path: String, url: URL)] = []
        // The folders entered through a link, by their real paths: a link to one of them again
        // is refused, which ends every loop (each loop has a link). Names are taken in order, so
        // that the same folders always get the same answer.
        var pending = [directory]
        var entered: Set<String> = [start]
        while let folder = pending.popLast() {
            let folderPath = folder.path
            for entry in DirectoryEntry.list(folderPath).sorted(by: { $0.name < $1.name })
            where !entry.name.hasPrefix(".") {
                let url = folder.appendingPathComponent(entry.name, isDirectory: entry.kind == .folder)
                switch entry.kind {
                case .file:
                    result.append((folderPath + "/" + entry.name, url))
                case .folder:
                    pending.append(url)
                case .symbolicLink:
                    let resolution = site.resolve(url)
                    guard case .inside(let target) = resolution else {
                        diagnostics += [site.refusal(resolution, at: relativePath(of: url))].compactMap { $0 }
                        continue
                    }
                    if POSIX.kind(of: target) == .folder {
                        guard entered.insert(target).inserted else {
                            diagnostics.append(
                                Diagnostic(
                                    at: SourceLocation(path: relativePath(of: url)),
                                    "symbolic link leads to a folder that is read already (\(target)), which would"
                                        + " read its files twice or loop; it is refused"
                                )
                            )
                            continue
                        }
                        pending.append(url)
                    } else {
                        result.append((folderPath + "/" + entry.name, url))
                    }
                case .other:
                    // Listed like a file, so that only a name the build reads is refused (when
                    // it is read: `POSIX.readFile(_:limit:)` opens without waiting and checks).
                    result.append((folderPath + "/" + entry.name, url))
                }
            }
        }
        // Every path starts with `directory`'s, so this is the order of the relative paths.
        return result.sorted { $0.path < $1.path }.map(\.url)
    }
}
