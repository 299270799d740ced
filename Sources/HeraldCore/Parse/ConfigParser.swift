import Foundation
import Yams

/// Reads `herald.yml` into a `SiteConfig`.
///
/// ```yaml
/// title: Acme Cloud Status
/// description: Live status of Acme Cloud's services.
/// url: https://status.acme-cloud.example/
/// timezone: Europe/Berlin
/// language: en
/// components:
///   - id: api
///     name: Public API
///     description: REST and GraphQL APIs
///     group: Core platform
///     since: 2024-06-01
/// theme: my-theme
/// brand:
///   color: "#0a7d4f"
///   logo: branding/logo.svg
/// ```
package struct ConfigParser: Sendable {
    /// The keys `herald.yml` accepts at the top level.
    package static let keys = [
        "title", "description", "url", "timezone", "language", "components", "theme", "brand", "notify",
    ]
    /// The keys a component accepts.
    package static let componentKeys = ["id", "name", "description", "group", "since"]
    /// The keys `brand:` accepts.
    package static let brandKeys = ["color", "logo"]
    /// The logo file types a brand may use.
    package static let logoExtensions = ["svg", "png", "webp", "jpg", "jpeg", "gif"]

    /// What the loader found in the site's folder: with it, the `theme` folder, the brand logo
    /// and the `language` (a file in the themes' `locales/`) are checked against it. The parser
    /// itself never looks at the file system.
    let folder: SiteFolder?

    /// Creates a parser.
    ///
    /// - Parameter folder: The loader's answers for the site's folder
    ///   (`SourceLoader.siteFolder(theme:logo:)`, given `namedPaths(in:)`); without them, paths
    ///   and languages are only checked for their form.
    package init(folder: SiteFolder? = nil) {
        self.folder = folder
    }

    /// The folder (`theme:`) and the file (the brand's `logo:`) herald.yml names, read as
    /// `check(_:)` reads them, when their form is valid: the loader looks them up before the
    /// parser checks them (`SourceLoader.siteFolder(theme:logo:)`). Nil for a value that is
    /// missing or that the parser refuses by its form alone.
    package static func namedPaths(in file: SourceFile) -> (theme: String?, logo: String?) {
        var reader = YAMLReader(file: file)
        guard let root = reader.compose(file.text),
            let fields = reader.fields(of: root, named: "herald.yml", allowed: keys)
        else { return (nil, nil) }
        let theme = fields["theme"].flatMap { reader.string($0.value, field: "theme") }.flatMap(relativePath)
        let brand = fields["brand"].flatMap { reader.fields(of: $0.value, named: "brand", allowed: brandKeys) }
        let logo = brand?["logo"].flatMap { reader.string($0.value, field: "logo") }.flatMap(relativePath)
        return (theme, logo)
    }

    /// Parses the configuration file.
    ///
    /// - Parameter file: `herald.yml`.
    /// - Returns: The configuration, or every problem found in it.
    package func parse(_ file: SourceFile) -> Result<SiteConfig, DiagnosticsError> {
        check(file).result
    }

    /// Parses the configuration file, keeping the warnings of a valid one too.
    ///
    /// - Parameter file: `herald.yml`.
    /// - Returns: The configuration or every problem found in it, and the warnings of a valid one.
    package func check(_ file: SourceFile) -> (result: Result<SiteConfig, DiagnosticsError>, warnings: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.compose(file.text) else {
            if reader.diagnostics.isEmpty {
                reader.error(line: 1, column: 1, "herald.yml is empty; it needs at least title, url and components")
            }
            return (.failure(DiagnosticsError(reader.diagnostics)), [])
        }
        guard let fields = reader.fields(of: root, named: "herald.yml", allowed: Self.keys, required: ["title", "url"])
        else { return (.failure(DiagnosticsError(reader.diagnostics)), []) }

        let title = fields["title"].flatMap { reader.string($0.value, field: "title") } ?? ""
        let description = fields["description"].flatMap { reader.string($0.value, field: "description") } ?? ""
        let language = fields["language"].flatMap { reader.string($0.value, field: "language") } ?? "en"
        let isLanguageTag =
            !language.isEmpty && language.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        if !isLanguageTag, let node = fields["language"]?.value {
            reader.error(at: node, "'language' must be a language tag such as en, de or pt-BR")
        }

        var url = URL(string: "https://status.example.com/")!
        if let node = fields["url"]?.value, let text = reader.string(node, field: "url"),
            let parsed = parseURL(text, at: node, reader: &reader)
        {
            url = parsed
        }

        var timeZone = TimeZone(identifier: "UTC")!
        var timeZoneName = "UTC"
        if let node = fields["timezone"]?.value, let name = reader.string(node, field: "timezone") {
            if let zone = TimeZone(identifier: name), name.contains("/") || name == "UTC" || name == "GMT" {
                timeZone = zone
                timeZoneName = name
            } else {
                let known = TimeZone.knownTimeZoneIdentifiers
                reader.error(
                    at: node,
                    "unknown time zone '\(name)'; use an IANA name such as UTC, Europe/Berlin or America/New_York",
                    suggestion: Suggestion.didYouMean(name, in: known)
                )
            }
        }

        let theme = fields["theme"].flatMap { field -> String? in
            guard let text = reader.string(field.value, field: "theme") else { return nil }
            return checkedPath(text, at: field.value, field: "theme", directory: true, reader: &reader)
        }
        var brand: Brand?
        if let (_, node) = fields["brand"] {
            brand = parseBrand(node, reader: &reader)
        }
        // Whether the theme has the language can be known only when `theme:` names a usable
        // folder (or is absent); every other problem of the file is reported beside it.
        if let node = fields["language"]?.value, isLanguageTag, fields["theme"] == nil || theme != nil {
            checkLanguage(language, at: node, reader: &reader)
        }

        var components: [Component] = []
        if let (key, node) = fields["components"] {
            components = parseComponents(node, key: key, timeZone: timeZone, reader: &reader)
        } else {
            reader.error(.warning, at: root, "herald.yml lists no components; the page will show none")
        }
        let notify = fields["notify"].map {
            parseNotify($0.value, key: $0.key, components: components, reader: &reader)
        }

        guard reader.diagnostics.allSatisfy({ $0.severity != .error }) else {
            return (.failure(DiagnosticsError(reader.diagnostics)), [])
        }
        return (
            .success(
                SiteConfig(
                    title: title,
                    description: description,
                    url: url,
                    timeZone: timeZone,
                    timeZoneName: timeZoneName,
                    language: language,
                    components: components,
                    theme: theme,
                    brand: brand,
                    notify: notify ?? []
                )
            ),
            reader.diagnostics
        )
    }

    /// Checks the language against the loader's list, which has the `theme:` folder's locales
    /// (`namedPaths(in:)` names the same folder as `theme`).
    private func checkLanguage(_ language: String, at node: Node, reader: inout YAMLReader) {
        guard let available = folder?.languages else { return }
        guard Localization.resolve(language, available: available) == nil else { return }
        reader.error(
            at: node,
            "unknown language '\(language)'; the theme has no locales/\(language).yml",
            expected: available,
            suggestion: Suggestion.didYouMean(language, in: available)
        )
    }

    private func parseBrand(_ node: Node, reader: inout YAMLReader) -> Brand? {
        guard let fields = reader.fields(of: node, named: "brand", allowed: Self.brandKeys) else { return nil }
        var brand = Brand()
        if let node = fields["color"]?.value, let text = reader.string(node, field: "color") {
            if let color = Brand.normalizedColor(text) {
                brand.color = color
                let ratio = Brand.contrast(color, "#ffffff")
                if ratio < 4.5 {
                    reader.error(
                        .warning,
                        at: node,
                        "brand colour \(color) has a contrast of \(Self.ratio(ratio)) with white text; "
                            + "the header needs at least 4.5:1 to be readable, so choose a darker colour"
                    )
                }
            } else {
                reader.error(
                    at: node,
                    "'color' must be a hex colour such as \"#0a7d4f\" (quote it: YAML reads # as a comment)",
                    expected: ["#0a7d4f", "#06c"]
                )
            }
        }
        if let node = fields["logo"]?.value, let text = reader.string(node, field: "logo"),
            let path = checkedPath(text, at: node, field: "logo", directory: false, reader: &reader)
        {
            let type = (path as NSString).pathExtension.lowercased()
            if Self.logoExtensions.contains(type) {
                brand.logo = path
            } else {
                reader.error(
                    at: node,
                    "the logo must be an image file, not '.\(type)'",
                    expected: Self.logoExtensions.map { ".\($0)" }
                )
            }
        }
        return brand
    }

    private static func ratio(_ value: Double) -> String {
        "\((value * 10).rounded() / 10):1"
    }

    /// A relative path that stays inside the site's folder (symbolic links resolved) and, when
    /// the parser has the loader's answers, exists as a folder or a file; nil with a diagnostic
    /// otherwise.
    private func checkedPath(_ text: String, at node: Node, field: String, directory: Bool, reader: inout YAMLReader)
        -> String?
    {
        guard let path = Self.relativePath(text) else {
            reader.error(
                at: node,
                "'\(field)' must be a path inside the site's folder, relative to herald.yml, without '..', "
                    + "such as \(directory ? "my-theme" : "branding/logo.svg")"
            )
            return nil
        }
        guard let folder else { return path }
        switch folder.entry(at: path) {
        case .outside(let target):
            reader.error(
                at: node, "'\(field)' leads outside the site's folder through a symbolic link (to \(target))")
            return nil
        case .root:
            reader.error(
                at: node,
                "'\(field)' names the site's folder itself; give a folder inside it, such as "
                    + (directory ? "my-theme" : "branding/logo.svg"),
                expected: [directory ? "my-theme" : "branding/logo.svg"]
            )
            return nil
        case .folder where directory, .file where !directory:
            return path
        case .folder, .file, .missing:
            let what = directory ? "folder" : "file"
            reader.error(at: node, "the \(field) \(what) '\(path)' does not exist in the site's folder")
            return nil
        }
    }

    /// `text` without a trailing `/`, when it is a relative path without `..` or empty parts;
    /// nil otherwise.
    private static func relativePath(_ text: String) -> String? {
        let trimmed = text.hasSuffix("/") && text.count > 1 ? String(text.dropLast()) : text
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("/"), !trimmed.hasPrefix("~"),
            !parts.contains(where: { $0 == ".." || $0.isEmpty })
        else { return nil }
        return trimmed
    }

    private func parseComponents(_ node: Node, key: Node, timeZone: TimeZone, reader: inout YAMLReader)
        -> [Component]
    {
        guard case .sequence(let sequence) = node else {
            reader.error(at: key, "'components' must be a list of components, each with an id and a name")
            return []
        }
        let timeParser = TimeParser(timeZone: timeZone)
        var components: [Component] = []
        var seen: [String: Int] = [:]
        for item in sequence {
            guard
                let fields = reader.fields(
                    of: item,
                    named: "a component",
                    allowed: Self.componentKeys,
                    required: ["id", "name"]
                )
            else { continue }
            guard let idNode = fields["id"]?.value, !reader.isEmpty(idNode),
                let id = reader.string(idNode, field: "id"),
                let name = fields["name"].flatMap({ reader.string($0.value, field: "name") })
            else { continue }
            guard Identifier.isValid(id) else {
                reader.error(
                    at: idNode,
                    "component id '\(id)' must use only lowercase letters, digits, '-' and '_'",
                    suggestion: Identifier.suggestion(for: id)
                )
                continue
            }
            if let problem = Identifier.lengthProblem(id, what: "component id") {
                reader.error(at: idNode, problem)
                continue
            }
            if let first = seen[id] {
                reader.error(at: idNode, "duplicate component id '\(id)'; it is already used on line \(first)")
                continue
            }
            seen[id] = reader.line(of: idNode)
            let since = fields["since"].flatMap {
                reader.time($0.value, field: "since", parser: timeParser, allowDateOnly: true)
            }
            components.append(
                Component(
                    id: id,
                    name: name,
                    description: fields["description"].flatMap { reader.string($0.value, field: "description") } ?? "",
                    group: fields["group"].flatMap { reader.string($0.value, field: "group") },
                    since: since,
                    position: components.count
                )
            )
        }
        return components
    }

    /// The base URL, ending in `/`, if `text` is an absolute http(s) URL with a host.
    static func baseURL(_ text: String) -> URL? {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil
        else { return nil }
        return URL(string: text.hasSuffix("/") ? text : text + "/")
    }
}
