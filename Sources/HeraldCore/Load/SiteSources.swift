/// Everything a build reads, loaded once: `herald.yml`, the incident files and the theme.
public struct SiteSources: Sendable {
    /// `herald.yml`.
    public var config: SourceFile
    /// The Markdown files under `incidents/`, sorted by path.
    public var incidents: [SourceFile]
    /// The theme's templates, sorted by name.
    public var templates: [TemplateFile]
    /// The theme's assets, sorted by path.
    public var assets: [AssetFile]

    /// Creates the sources of a site.
    public init(config: SourceFile, incidents: [SourceFile], templates: [TemplateFile], assets: [AssetFile]) {
        self.config = config
        self.incidents = incidents
        self.templates = templates
        self.assets = assets
    }
}

/// A Mustache template of the theme.
public struct TemplateFile: Sendable, Hashable {
    /// The name partials and layouts use: the path under `templates/` without `.mustache`, such as
    /// `partials/update`.
    public var name: String
    /// The file.
    public var file: SourceFile

    /// Creates a template file.
    public init(name: String, file: SourceFile) {
        self.name = name
        self.file = file
    }
}
