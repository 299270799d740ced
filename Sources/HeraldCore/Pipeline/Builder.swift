import Foundation

/// Herald's pipeline: load, parse, model and status, render and write, publish.
///
/// Each stage takes values and returns values; only the write stage touches the output folder.
/// All content problems of a run are collected and reported together; when there is any error,
/// nothing is published and the previous site stays as it was.
public struct Builder: Sendable {
    /// What a build reads and where it writes.
    public struct Options: Sendable {
        /// The site's folder (holding `herald.yml`, `incidents/` and `theme/`).
        public var root: URL
        /// The output folder (by default `<root>/site`).
        public var output: URL
        /// The build's clock.
        public var now: Date
        /// Whether warnings count as errors.
        public var strict: Bool

        /// Creates options.
        public init(root: URL, output: URL? = nil, now: Date, strict: Bool = false) {
            self.root = root.standardizedFileURL
            self.output = (output ?? root.appendingPathComponent("site")).standardizedFileURL
            self.now = now
            self.strict = strict
        }
    }

    /// The time one stage took.
    public struct StageTiming: Sendable {
        public var name: String
        public var duration: Duration
    }

    /// What a successful build did.
    public struct Report: Sendable {
        /// Warnings: the site was published, but these look wrong.
        public var warnings: [Diagnostic]
        /// How many files were written.
        public var fileCount: Int
        /// How many incidents were published.
        public var incidentCount: Int
        /// How many scheduled maintenances were published.
        public var maintenanceCount: Int
        /// The time each stage took, in order.
        public var stages: [StageTiming]
    }

    /// What checking a site found.
    public struct CheckResult: Sendable {
        /// The checked site, when it has no errors.
        public var site: Site?
        /// The theme, when it has no errors.
        public var theme: Theme?
        /// The theme's words in the site's language, when they have no errors.
        public var localization: Localization?
        /// Every problem, errors and warnings, sorted by location.
        public var diagnostics: [Diagnostic]
        /// The time each stage took.
        public var stages: [StageTiming]

        /// Whether the site cannot be published. With `Options.strict` the warnings are errors.
        public var hasErrors: Bool {
            diagnostics.contains { $0.severity == .error }
        }
    }

    /// The names of the stages, for progress lines such as `[3/5] Model and status`.
    public static let stageNames = ["Load", "Parse", "Model and status", "Render and write", "Publish"]

    public let options: Options

    /// Creates a builder.
    public init(options: Options) {
        self.options = options
    }

    /// Loads and validates everything without writing anything. With `Options.strict`, every
    /// warning is reported as an error.
    ///
    /// - Parameter progress: Called as each stage starts, with its 1-based number.
    public func check(progress: @Sendable (Int, String) -> Void = { _, _ in }) async -> CheckResult {
        var result = await collectDiagnostics(progress: progress)
        if options.strict {
            result.diagnostics = result.diagnostics.map(\.treatedAsError)
            if !result.diagnostics.isEmpty { result.site = nil }
        }
        return result
    }

    private func collectDiagnostics(progress: @Sendable (Int, String) -> Void) async -> CheckResult {
        var stages: [StageTiming] = []
        let clock = ContinuousClock()

        progress(1, Self.stageNames[0])
        var start = clock.now
        let loader = SourceLoader(root: options.root)
        // Files that cannot be read are reported with the problems of those that can.
        var diagnostics: [Diagnostic] = []
        var sources = loader.load(diagnostics: &diagnostics)
        // Without a readable herald.yml nothing else can be checked against it.
        guard !diagnostics.contains(where: { $0.location.path == "herald.yml" }) else {
            return CheckResult(site: nil, theme: nil, localization: nil, diagnostics: diagnostics, stages: stages)
        }
        let themePath = loader.relativePath(of: loader.themeDirectory)
        stages.append(StageTiming(name: Self.stageNames[0], duration: clock.now - start))

        progress(2, Self.stageNames[1])
        start = clock.now
        var config: SiteConfig?
        let parsedConfig = ConfigParser(root: options.root).check(sources.config)
        switch parsedConfig.result {
        case .success(let value): config = value
        case .failure(let error): diagnostics += error.diagnostics
        }
        diagnostics += parsedConfig.warnings
        if let folder = config?.theme {
            do {
                sources = sources.overridden(by: try loader.loadOverride(options.root.appendingPathComponent(folder)))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if let brand = config?.brand {
            // The generated brand files replace a theme's files at the same paths.
            let generated = brandAssets(brand, loader: loader, diagnostics: &diagnostics)
            let paths = Set(generated.map(\.path))
            sources.assets = sources.assets.filter { !paths.contains($0.path) } + generated
        }
        var localization: Localization?
        if let config {
            let loaded = Localization.load(
                language: config.language, files: sources.locales, overrides: sources.localeOverrides)
            localization = loaded.localization
            diagnostics += loaded.diagnostics
        }
        // Incidents are still checked when herald.yml has errors, against an empty component list,
        // so that one run reports everything; unknown-component errors are then left out.
        let parser = IncidentParser(
            config: config ?? SiteConfig(title: "", url: URL(string: "https://example.com/")!, components: []),
            now: options.now,
            checksComponents: config != nil
        )
        let outputs = (try? await parallelMap(sources.incidents) { parser.parse($0) }) ?? []
        for output in outputs { diagnostics += output.diagnostics }
        let incidents = outputs.compactMap(\.incident)
        diagnostics += Site.crossFileDiagnostics(incidents, files: sources.incidents)

        var theme: Theme?
        switch Theme.load(templates: sources.templates, assets: sources.assets, themePath: themePath) {
        case .success(let value): theme = value
        case .failure(let error): diagnostics += error.diagnostics
        }
        if theme != nil, let localization {
            diagnostics += Self.unknownStrings(in: sources.templates, localization: localization)
        }
        stages.append(StageTiming(name: Self.stageNames[1], duration: clock.now - start))

        diagnostics.sort { ($0.location, $0.message) < ($1.location, $1.message) }
        guard let config, !diagnostics.contains(where: { $0.severity == .error }) else {
            return CheckResult(
                site: nil, theme: theme, localization: localization, diagnostics: diagnostics, stages: stages)
        }
        let site = Site(config: config, incidents: incidents, now: options.now)
        return CheckResult(
            site: site, theme: theme, localization: localization, diagnostics: diagnostics, stages: stages)
    }

    /// A `{{t.key}}` whose key the theme's strings lack prints nothing, so a misspelt key would go
    /// unnoticed: each one is a warning with the nearest key. A plural string cannot be printed
    /// as `t.key` either.
    static func unknownStrings(in templates: [TemplateFile], localization: Localization) -> [Diagnostic] {
        let plain = localization.templateStrings
        let known = plain.keys.sorted()
        var diagnostics: [Diagnostic] = []
        for template in templates {
            for reference in Theme.stringReferences(in: template.file) where plain[reference.key] == nil {
                let plural = localization.texts[reference.key] != nil
                diagnostics.append(
                    template.file.diagnostic(
                        .warning,
                        line: reference.line,
                        column: reference.column,
                        plural
                            ? "'t.\(reference.key)' is a string with plural forms, which a template cannot print"
                            : "unknown string 't.\(reference.key)'; the theme's locales have no such key, so it prints"
                                + " nothing",
                        suggestion: plural ? nil : Suggestion.didYouMean(reference.key, in: known)
                    )
                )
            }
        }
        return diagnostics
    }

    /// The generated brand stylesheet and the logo, as theme assets under `brand/`.
    private func brandAssets(_ brand: Brand, loader: SourceLoader, diagnostics: inout [Diagnostic]) -> [AssetFile] {
        var assets: [AssetFile] = []
        if let color = brand.color {
            // The pages' Content-Security-Policy forbids inline styles, so the colour is a file.
            let css = ":root {\n  --brand: \(color);\n}\n"
            assets.append(AssetFile(path: SiteRenderer.brandStylesheet, data: Array(css.utf8)))
        }
        if let logo = brand.logo {
            do {
                let data = try loader.loadFile(logo)
                assets.append(AssetFile(path: SiteRenderer.brandLogoPath(for: logo), data: data))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        return assets
    }

    /// Builds the site and publishes it to the output folder.
    ///
    /// - Parameter progress: Called as each stage starts, with its 1-based number.
    /// - Returns: What the build did.
    /// - Throws: `DiagnosticsError` with every problem when the site cannot be published; the
    ///   output folder is then untouched.
    public func build(progress: @escaping @Sendable (Int, String) -> Void = { _, _ in }) async throws(DiagnosticsError)
        -> Report
    {
        let checked = await check(progress: progress)
        guard !checked.hasErrors, let site = checked.site, let theme = checked.theme,
            let localization = checked.localization
        else {
            throw DiagnosticsError(checked.diagnostics)
        }
        var stages = checked.stages
        let clock = ContinuousClock()

        let writer = SiteWriter(output: options.output)
        // Problems with the output folder are reported at its path: relative to the root when it is
        // inside (`site`), else absolute, as the user can find it.
        let outputLocation = SourceLocation(path: SourceLoader(root: options.root).relativePath(of: options.output))
        let sourceFolders =
            [options.root.appendingPathComponent("incidents"), options.root.appendingPathComponent("theme")]
            + (site.config.theme.map { [options.root.appendingPathComponent($0)] } ?? [])
        // Preparing the output (taking in the last build's spare folder and listing it) needs
        // nothing of the model, so it runs beside the model's mostly one-core work.
        async let prepared = Result { () throws(SiteWriter.Failure) in
            try writer.prepare(protecting: [options.root], sources: sourceFolders)
        }

        progress(3, Self.stageNames[2])
        var start = clock.now
        let index = SiteIndex(site: site)
        let status = SiteStatus(site: site)
        let renderer: SiteRenderer
        do {
            renderer = try await SiteRenderer.make(
                site: site, index: index, status: status, theme: theme, localization: localization)
        } catch {
            _ = await prepared
            writer.discard()
            throw DiagnosticsError([Diagnostic(at: outputLocation, "build cancelled")])
        }
        let plan = RenderPlan(site: site, index: index)
        stages.append(StageTiming(name: Self.stageNames[2], duration: clock.now - start))

        progress(4, Self.stageNames[3])
        start = clock.now
        let leftovers: SiteWriter.Leftovers
        switch await prepared {
        case .success(let value): leftovers = value
        case .failure(let error): throw DiagnosticsError([Diagnostic(at: outputLocation, error.description)])
        }
        var written: Set<String> = []
        do {
            let paths = try await parallelMap(plan.jobs) { job in
                let files = try renderer.render(job)
                try writer.write(files)
                return files.map(\.path)
            }
            for batch in paths { written.formUnion(batch) }
        } catch {
            writer.discard()
            throw DiagnosticsError([Diagnostic(at: outputLocation, "build failed: \(error)")])
        }
        stages.append(StageTiming(name: Self.stageNames[3], duration: clock.now - start))

        progress(5, Self.stageNames[4])
        start = clock.now
        let warnings = checked.diagnostics.filter { $0.severity == .warning }
        let incidentCount = site.incidents.count { $0.maintenance == nil }
        let maintenanceCount = site.incidents.count - incidentCount
        let fileCount = written.count + 1  // and the marker file
        // The model is freed while the output is swapped in, not after: freeing 10,000 incidents
        // and their views took one core 60 ms.
        async let committed = Result { () throws(SiteWriter.Failure) in
            try writer.commit(keeping: written, leftovers: leftovers)
        }
        _ = consume renderer
        _ = consume plan
        _ = consume index
        _ = consume status
        _ = consume site
        _ = consume checked
        if case .failure(let error) = await committed {
            writer.discard()
            throw DiagnosticsError([Diagnostic(at: outputLocation, error.description)])
        }
        stages.append(StageTiming(name: Self.stageNames[4], duration: clock.now - start))

        return Report(
            warnings: warnings,
            fileCount: fileCount,
            incidentCount: incidentCount,
            maintenanceCount: maintenanceCount,
            stages: stages
        )
    }
}
