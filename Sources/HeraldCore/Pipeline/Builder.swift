import Foundation

/// Herald's pipeline: load, parse, model and status, render and write, publish.
///
/// Each stage takes values and returns values; only the write stage touches the output folder.
/// All content problems of a run are collected and reported together; when there is any error,
/// nothing is published and the previous site stays as it was.
package struct Builder: Sendable {
    /// What a build reads and where it writes.
    package struct Options: Sendable {
        /// The site's folder (holding `herald.yml`, `incidents/` and `theme/`).
        package var root: URL
        /// The output folder (by default `<root>/site`).
        package var output: URL
        /// The build's clock.
        package var now: Date
        /// Whether warnings count as errors.
        package var strict: Bool

        /// Creates options.
        package init(root: URL, output: URL? = nil, now: Date, strict: Bool = false) {
            self.root = root.standardizedFileURL
            self.output = (output ?? root.appendingPathComponent("site")).standardizedFileURL
            self.now = now
            self.strict = strict
        }
    }

    /// The time one stage took.
    package struct StageTiming: Sendable {
        package var name: String
        package var duration: Duration
    }

    /// What a successful build did.
    package struct Report: Sendable {
        /// Warnings: the site was published, but these look wrong.
        package var warnings: [Diagnostic]
        /// How many files were written.
        package var fileCount: Int
        /// How many incidents were published.
        package var incidentCount: Int
        /// How many scheduled maintenances were published.
        package var maintenanceCount: Int
        /// How many informational notices were published.
        package var noticeCount: Int
        /// The time each stage took, in order.
        package var stages: [StageTiming]
    }

    /// What checking a site found.
    package struct CheckResult: Sendable {
        /// The checked site, when it has no errors.
        package var site: Site?
        /// The theme, when it has no errors.
        package var theme: Theme?
        /// The theme's words in the site's language, when they have no errors.
        package var localization: Localization?
        /// Every problem, errors and warnings, sorted by location.
        package var diagnostics: [Diagnostic]
        /// The time each stage took.
        package var stages: [StageTiming]
        /// Whether the task was cancelled before the check finished: then there is no site, and
        /// one error says so.
        package var wasCancelled = false

        /// Whether the site cannot be published. With `Options.strict` the warnings are errors.
        package var hasErrors: Bool {
            wasCancelled || diagnostics.contains { $0.severity == .error }
        }
    }

    /// The names of the stages, for progress lines such as `[3/5] Model and status`.
    package static let stageNames = ["Load", "Parse", "Model and status", "Render and write", "Publish"]

    package let options: Options

    /// Creates a builder.
    package init(options: Options) {
        self.options = options
    }

    /// Loads and validates everything without writing anything. With `Options.strict`, every
    /// warning is reported as an error.
    ///
    /// - Parameter progress: Called as each stage starts, with its 1-based number.
    /// - Returns: What the check found. When the task is cancelled, a result without a site whose
    ///   `wasCancelled` is set and whose one error says so.
    package func check(progress: @Sendable (Int, String) -> Void = { _, _ in }) async -> CheckResult {
        var result: CheckResult
        do {
            result = try await loadAndParse(progress: progress)
        } catch {
            // Reported at the site's folder, so that every caller prints why nothing happened.
            let cancelled = Diagnostic(at: SourceLocation(path: options.root.path), "the check was cancelled")
            return CheckResult(
                site: nil, theme: nil, localization: nil, diagnostics: [cancelled], stages: [], wasCancelled: true)
        }
        if options.strict {
            result.diagnostics = result.diagnostics.map(\.treatedAsError)
            if result.hasErrors { result.site = nil }
        }
        result.diagnostics = DiagnosticLimit.apply(result.diagnostics)
        return result
    }

    /// The load and parse stages, in order: each stage function takes values and returns values
    /// with the problems it found, which are collected so that one run reports all of them.
    ///
    /// - Throws: Only `CancellationError`: every problem of the site is a diagnostic.
    private func loadAndParse(progress: @Sendable (Int, String) -> Void) async throws -> CheckResult {
        var stages: [StageTiming] = []
        let clock = ContinuousClock()

        progress(1, Self.stageNames[0])
        var start = clock.now
        let loaded = try await load()
        // Files that cannot be read are reported with the problems of those that can.
        var diagnostics = loaded.diagnostics
        // Without a readable herald.yml nothing else can be checked against it.
        guard !diagnostics.contains(where: { $0.location.path == "herald.yml" }) else {
            return CheckResult(site: nil, theme: nil, localization: nil, diagnostics: diagnostics, stages: stages)
        }
        stages.append(StageTiming(name: Self.stageNames[0], duration: clock.now - start))

        progress(2, Self.stageNames[1])
        start = clock.now
        let parsed = parseConfig(loaded.sources.config, folder: loaded.folder)
        diagnostics += parsed.diagnostics
        let assembled = assembleTheme(loaded.sources, config: parsed.config)
        diagnostics += assembled.diagnostics
        let localized = loadLocalization(assembled.sources, config: parsed.config)
        diagnostics += localized.diagnostics
        let incidents = try await parseIncidents(assembled.sources.incidents, config: parsed.config)
        diagnostics += incidents.diagnostics
        let themed = loadTheme(assembled.sources, themePath: loaded.themePath, localization: localized.localization)
        diagnostics += themed.diagnostics
        stages.append(StageTiming(name: Self.stageNames[1], duration: clock.now - start))

        diagnostics.sort { ($0.location, $0.message) < ($1.location, $1.message) }
        guard let config = parsed.config, !diagnostics.contains(where: { $0.severity == .error }) else {
            return CheckResult(
                site: nil, theme: themed.theme, localization: localized.localization, diagnostics: diagnostics,
                stages: stages)
        }
        let events = localized.localization.map(MaintenanceEvents.init(localization:)) ?? .english
        let site = Site(config: config, incidents: incidents.incidents, now: options.now, events: events)
        return CheckResult(
            site: site, theme: themed.theme, localization: localized.localization, diagnostics: diagnostics,
            stages: stages)
    }

    /// Load: `herald.yml`, the incident files and the theme (built-in, then the site's `theme/`),
    /// and what the config parser must know of the site's folder: what is at the folder and the
    /// logo herald.yml names, and the languages the theme has.
    private func load() async throws
        -> (sources: SiteSources, folder: SiteFolder, themePath: String, diagnostics: [Diagnostic])
    {
        let loader = SourceLoader(root: options.root)
        let loaded = try await loader.loadReadable()
        let named = ConfigParser.namedPaths(in: loaded.sources.config)
        let folder = loader.siteFolder(theme: named.theme, logo: named.logo)
        return (loaded.sources, folder, loader.relativePath(of: loader.themeDirectory), loaded.diagnostics)
    }

    /// Parse: herald.yml, checked against the loader's answers about the site's folder.
    private func parseConfig(_ file: SourceFile, folder: SiteFolder) -> (config: SiteConfig?, diagnostics: [Diagnostic])
    {
        let parsed = ConfigParser(folder: folder).check(file)
        switch parsed.result {
        case .success(let config): return (config, parsed.warnings)
        case .failure(let error): return (nil, error.diagnostics + parsed.warnings)
        }
    }

    /// Load, for a valid herald.yml: the `theme:` folder's files in place of the theme's, and the
    /// brand's generated stylesheet and logo as theme assets under `brand/`, which replace a
    /// theme's files at the same paths.
    private func assembleTheme(_ sources: SiteSources, config: SiteConfig?)
        -> (sources: SiteSources, diagnostics: [Diagnostic])
    {
        let loader = SourceLoader(root: options.root)
        var sources = sources
        var diagnostics: [Diagnostic] = []
        if let folder = config?.theme {
            do {
                sources = sources.overridden(by: try loader.loadOverride(options.root.appendingPathComponent(folder)))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if let brand = config?.brand {
            var generated: [AssetFile] = []
            if let color = brand.color {
                // The pages' Content-Security-Policy forbids inline styles, so the colour is a file.
                let css = ":root {\n  --brand: \(color);\n}\n"
                generated.append(AssetFile(path: SiteRenderer.brandStylesheet, data: Array(css.utf8)))
            }
            if let logo = brand.logo {
                do {
                    let data = try loader.loadFile(logo)
                    let problems =
                        logo.lowercased().hasSuffix(".svg") ? SVGLogo.problems(in: data, path: logo) : []
                    diagnostics += problems
                    if problems.isEmpty {
                        generated.append(AssetFile(path: SiteRenderer.brandLogoPath(for: logo), data: data))
                    }
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            let paths = Set(generated.map(\.path))
            sources.assets = sources.assets.filter { !paths.contains($0.path) } + generated
        }
        return (sources, diagnostics)
    }

    /// Parse: the theme's words in the site's language, for a valid herald.yml.
    private func loadLocalization(_ sources: SiteSources, config: SiteConfig?)
        -> (localization: Localization?, diagnostics: [Diagnostic])
    {
        guard let config else { return (nil, []) }
        return Localization.load(language: config.language, files: sources.locales, overrides: sources.localeOverrides)
    }

    /// Parse: the incident files on every core, and the checks across files.
    ///
    /// Incidents are still checked when herald.yml has errors, against an empty component list,
    /// so that one run reports everything; unknown-component errors are then left out.
    private func parseIncidents(_ files: [SourceFile], config: SiteConfig?) async throws
        -> (incidents: [Incident], diagnostics: [Diagnostic])
    {
        let parser = IncidentParser(
            config: config ?? SiteConfig(title: "", url: URL(string: "https://example.com/")!, components: []),
            now: options.now,
            checksComponents: config != nil
        )
        // Parsing cannot fail (a problem is a diagnostic): only cancellation stops it.
        let outputs = try await parallelMap(files) { parser.parse($0) }
        let incidents = outputs.compactMap(\.incident)
        let diagnostics = outputs.flatMap(\.diagnostics) + Site.crossFileDiagnostics(incidents, files: files)
        return (incidents, diagnostics)
    }

    /// Parse: the theme's templates and assets, and the `{{t.key}}`s its strings lack.
    private func loadTheme(_ sources: SiteSources, themePath: String, localization: Localization?)
        -> (theme: Theme?, diagnostics: [Diagnostic])
    {
        switch Theme.load(templates: sources.templates, assets: sources.assets, themePath: themePath) {
        case .success(let theme):
            let unknown = localization.map { Self.unknownStrings(in: sources.templates, localization: $0) } ?? []
            return (theme, unknown)
        case .failure(let error):
            return (nil, error.diagnostics)
        }
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

    /// Builds the site and publishes it to the output folder.
    ///
    /// - Parameter progress: Called as each stage starts, with its 1-based number.
    /// - Returns: What the build did.
    /// - Throws: `DiagnosticsError` with every problem when the site cannot be published; the
    ///   output folder is then untouched.
    package func build(progress: @escaping @Sendable (Int, String) -> Void = { _, _ in }) async throws(DiagnosticsError)
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
        let maintenanceCount = site.incidents.count { $0.maintenance != nil }
        let noticeCount = site.incidents.count { $0.notice != nil }
        let incidentCount = site.incidents.count - maintenanceCount - noticeCount
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
            noticeCount: noticeCount,
            stages: stages
        )
    }
}
