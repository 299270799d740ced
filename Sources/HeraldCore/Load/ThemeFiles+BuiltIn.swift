import HeraldDefaultTheme

extension ThemeFiles {
    /// How diagnostics name the built-in theme's files: `<built-in theme>/templates/base.mustache`.
    package static let builtInFolder = "<built-in theme>"

    /// The default theme that the binary carries (the repository's `theme/` at build time): the
    /// first layer of every site's theme, which the site's `theme/` folder and herald.yml's
    /// `theme:` folder override file by file.
    package static let builtIn: ThemeFiles = {
        var templates: [TemplateFile] = []
        var assets: [AssetFile] = []
        var locales: [SourceFile] = []
        for file in DefaultTheme.files {
            let path = builtInFolder + "/" + file.path
            let text = String(decoding: file.bytes, as: UTF8.self)
            if file.path.hasPrefix("templates/"), file.path.hasSuffix(".mustache") {
                let name = String(file.path.dropFirst("templates/".count).dropLast(".mustache".count))
                templates.append(TemplateFile(name: name, file: SourceFile(path: path, text: text)))
            } else if file.path.hasPrefix("assets/") {
                assets.append(AssetFile(path: String(file.path.dropFirst("assets/".count)), data: file.bytes))
            } else if file.path.hasPrefix("locales/"), file.path.hasSuffix(".yml"),
                !file.path.dropFirst("locales/".count).contains("/")
            {
                locales.append(SourceFile(path: path, text: text))
            }
        }
        return ThemeFiles(templates: templates, assets: assets, locales: locales)
    }()

    /// The languages the built-in theme has a `locales/<tag>.yml` for.
    package static let builtInLanguages: [String] = builtIn.locales.map { file in
        String(file.path.dropFirst(builtInFolder.count + "/locales/".count).dropLast(".yml".count))
    }

    /// The built-in theme's ready-made update messages (`messages/<name>.md`), by name.
    package static let builtInMessages: [String: String] = {
        var messages: [String: String] = [:]
        for file in DefaultTheme.files where file.path.hasPrefix("messages/") && file.path.hasSuffix(".md") {
            let name = String(file.path.dropFirst("messages/".count).dropLast(".md".count))
            guard !name.contains("/") else { continue }
            messages[name] = String(decoding: file.bytes, as: UTF8.self)
        }
        return messages
    }()

    /// Every file of the built-in theme with its path inside the theme folder, for
    /// `herald theme export`.
    package static var builtInFiles: [(path: String, bytes: [UInt8])] {
        DefaultTheme.files.map { ($0.path, $0.bytes) }
    }
}
