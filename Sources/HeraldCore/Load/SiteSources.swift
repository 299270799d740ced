/// Everything a build reads, loaded once: `herald.yml`, the incident files and the theme.
package struct SiteSources: Sendable {
    /// `herald.yml`.
    package var config: SourceFile
    /// The Markdown files under `incidents/`, sorted by path.
    package var incidents: [SourceFile]
    /// The theme's templates, sorted by name.
    package var templates: [TemplateFile]
    /// The theme's assets, sorted by path.
    package var assets: [AssetFile]
    /// The built-in theme's locale files (`locales/*.yml`), sorted by path.
    package var locales: [SourceFile]
    /// The locale files of the override folders (the site's `theme/`, then herald.yml's `theme:`),
    /// in that order; they win over `locales` key by key.
    package var localeOverrides: [SourceFile]

    /// Creates the sources of a site.
    package init(
        config: SourceFile,
        incidents: [SourceFile],
        templates: [TemplateFile],
        assets: [AssetFile],
        locales: [SourceFile] = [],
        localeOverrides: [SourceFile] = []
    ) {
        self.config = config
        self.incidents = incidents
        self.templates = templates
        self.assets = assets
        self.locales = locales
        self.localeOverrides = localeOverrides
    }

    /// These sources with an override theme folder's files in place of the theme's files of the
    /// same path; locale files are kept apart, since they merge key by key.
    package func overridden(by theme: ThemeFiles) -> SiteSources {
        var copy = self
        let templateNames = Set(theme.templates.map(\.name))
        copy.templates = (templates.filter { !templateNames.contains($0.name) } + theme.templates)
            .sorted { $0.name < $1.name }
        let assetPaths = Set(theme.assets.map(\.path))
        copy.assets = (assets.filter { !assetPaths.contains($0.path) } + theme.assets).sorted { $0.path < $1.path }
        copy.localeOverrides += theme.locales
        return copy
    }
}

/// The files of a theme folder.
package struct ThemeFiles: Sendable {
    /// Its templates.
    package var templates: [TemplateFile]
    /// Its assets.
    package var assets: [AssetFile]
    /// Its locale files.
    package var locales: [SourceFile]
    /// Its ready-made update messages (`messages/*.md`), which `herald new` and `update` use and
    /// the build only checks.
    package var messages: [SourceFile] = []
}

/// A Mustache template of the theme.
package struct TemplateFile: Sendable, Hashable {
    /// The name partials and layouts use: the path under `templates/` without `.mustache`, such as
    /// `partials/update`.
    package var name: String
    /// The file.
    package var file: SourceFile

    /// Creates a template file.
    package init(name: String, file: SourceFile) {
        self.name = name
        self.file = file
    }
}
