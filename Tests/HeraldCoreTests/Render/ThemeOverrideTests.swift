import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// `theme:` override folders, `brand:` and `language:` in whole builds of the sample site.
struct ThemeOverrideTests {
    func write(_ text: String, to path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func setting(_ lines: String, in root: URL) throws {
        let url = root.appendingPathComponent("herald.yml")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "\nlanguage: en\n", with: "\n") + lines
        try Data(text.utf8).write(to: url)
    }

    func build(_ root: URL) async throws -> (files: [String: Data], report: Builder.Report) {
        let output = root.appendingPathComponent("site")
        let report = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
        return (try Fixture.files(in: output), report)
    }

    /// herald.yml checked as a build checks it: against what the loader finds in `root`.
    func parseConfig(_ text: String, in root: URL) -> Result<SiteConfig, DiagnosticsError> {
        let file = SourceFile(path: "herald.yml", text: text)
        let named = ConfigParser.namedPaths(in: file)
        let folder = SourceLoader(root: root).siteFolder(theme: named.theme, logo: named.logo)
        return ConfigParser(folder: folder).parse(file)
    }

    func text(_ files: [String: Data], _ path: String) -> String {
        String(decoding: files[path] ?? Data(), as: UTF8.self)
    }

    @Test func anOverrideFolderReplacesFilesOfTheSamePathOnly() async throws {
        let root = try Fixture.copyOfSample()
        try setting("theme: my-theme\n", in: root)
        try write(
            "<section class=\"overall\"><h1>{{t.custom_banner}}: {{status.description}}</h1></section>\n",
            to: "my-theme/templates/partials/overall.mustache", in: root)
        try write("body{color:#123456}\n", to: "my-theme/assets/style.css", in: root)
        try write("custom_banner: Right now\nnav_history: Archive\n", to: "my-theme/locales/en.yml", in: root)
        let (files, report) = try await build(root)
        let index = text(files, "index.html")
        #expect(index.contains("<h1>Right now: Partial System Outage</h1>"))
        #expect(index.contains(">Archive</a>"))
        #expect(index.contains(">Past incidents</h2>"), "the default index template and strings are still used")
        #expect(text(files, "assets/style.css") == "body{color:#123456}\n")
        #expect(files["assets/favicon.svg"] != nil)
        #expect(report.warnings.isEmpty)
    }

    /// A misspelt `{{t.key}}` prints nothing; the build says so, at the template's line and
    /// column, with the nearest key, and still publishes.
    @Test func aStringKeyTheLocalesLackIsAWarning() async throws {
        let root = try Fixture.copyOfSample()
        try setting("theme: my-theme\n", in: root)
        try write(
            "<section class=\"overall\">\n<p>{{t.supprt_line}} {{ uppercased(t.nav_status) }} {{t.incident_count}}</p>"
                + "{{! t.not_a_lookup }}</section>\n",
            to: "my-theme/templates/partials/overall.mustache", in: root)
        try write("support_line: Need help?\n", to: "my-theme/locales/en.yml", in: root)
        let (files, report) = try await build(root)
        #expect(files["index.html"] != nil)
        #expect(
            report.warnings.map(\.headline) == [
                "my-theme/templates/partials/overall.mustache:2:6: warning: unknown string 't.supprt_line'; the"
                    + " theme's locales have no such key, so it prints nothing",
                "my-theme/templates/partials/overall.mustache:2:55: warning: 't.incident_count' is a string with"
                    + " plural forms, which a template cannot print",
            ])
        #expect(report.warnings.first?.suggestion == "did you mean 'support_line'?")
    }

    @Test func anOverrideFolderReplacesMessageTemplatesByName() throws {
        let root = try Fixture.copyOfSample()
        try setting("theme: my-theme\n", in: root)
        try write("We are on it: {{title}}.\n", to: "my-theme/messages/investigating.md", in: root)
        try write("Our own words.\n", to: "my-theme/messages/apology.md", in: root)
        let templates = try MessageTemplates.forSite(at: root)
        #expect(templates.names.contains("apology"))
        #expect(templates.names.contains("resolved"))
        #expect(
            templates.render("investigating", title: "Slow API", components: [], impact: "minor")
                == "We are on it: Slow API.\n")
    }

    /// herald.yml's logo wins over a theme file at the same path, pages link the file that is
    /// published (its hash in `?v=`), and another `brand/logo.*` of the theme is never taken for it.
    @Test func theConfiguredLogoReplacesThemeFilesOfTheSameName() async throws {
        let root = try Fixture.copyOfSample()
        let logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 2\"/>\n"
        try setting("brand:\n  logo: branding/logo.svg\n", in: root)
        try write(logo, to: "branding/logo.svg", in: root)
        try write("<svg>theme</svg>\n", to: "theme/assets/brand/logo.svg", in: root)
        try write("not a logo\n", to: "theme/assets/brand/logo.css", in: root)
        let (files, _) = try await build(root)
        #expect(text(files, "assets/brand/logo.svg") == logo)
        let hash = ContentHash.hex(Array(logo.utf8))
        #expect(text(files, "index.html").contains("<img class=\"logo\" src=\"./assets/brand/logo.svg?v=\(hash)\""))
    }

    @Test func theBrandColourAndLogoBecomeHashedAssets() async throws {
        let root = try Fixture.copyOfSample()
        try setting("brand:\n  color: \"#0A7D4F\"\n  logo: branding/logo.svg\n", in: root)
        try write(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>\n", to: "branding/logo.svg", in: root)
        let (files, report) = try await build(root)
        #expect(text(files, "assets/brand/brand.css") == ":root {\n  --brand: #0a7d4f;\n}\n")
        #expect(files["assets/brand/logo.svg"] != nil)
        let index = text(files, "index.html")
        #expect(index.contains(#"<link rel="stylesheet" href="./assets/brand/brand.css?v="#))
        #expect(index.contains(#"<img class="logo" src="./assets/brand/logo.svg?v="#))
        #expect(index.contains(#"<body class="branded">"#))
        #expect(
            text(files, "incidents/2026-11-27-delayed-payments/index.html").contains("../../assets/brand/logo.svg?v="))
        #expect(report.warnings.isEmpty)
    }

    @Test func aPaleBrandColourIsWarnedAbout() async throws {
        let root = try Fixture.copyOfSample()
        try setting("brand:\n  color: \"#9cf\"\n", in: root)
        let (_, report) = try await build(root)
        #expect(
            report.warnings.map(\.message).contains { $0.hasPrefix("brand colour #99ccff has a contrast of 1.7:1") })
    }

    @Test func anArabicSiteIsRightToLeftAndTranslated() async throws {
        let root = try Fixture.copyOfSample()
        try setting("language: ar\n", in: root)
        let (files, report) = try await build(root)
        let index = text(files, "index.html")
        #expect(index.contains(#"<html lang="ar" dir="rtl">"#))
        #expect(index.contains("انقطاع جزئي في النظام"))
        #expect(report.warnings.isEmpty)
    }

    @Test func aGermanSiteHasGermanDatesAndCounts() async throws {
        let root = try Fixture.copyOfSample()
        try setting("language: de\n", in: root)
        let (files, _) = try await build(root)
        #expect(text(files, "index.html").contains(#"<html lang="de" dir="ltr">"#))
        #expect(text(files, "history/index.html").contains("(1 Störung)"))
        let feed = text(files, "history.rss")
        #expect(feed.contains("<title>Delayed payment processing — Beobachtung</title>"))
        #expect(feed.contains("Auswirkung: Erheblich · Betroffen: Card and bank payments"))
        #expect(text(files, "components/payments/history.atom").contains("Störungen von Card and bank payments"))
        let embed = text(files, "embed.js")
        #expect(embed.contains(#""dismiss":"Ausblenden""#))
        #expect(embed.contains(#""status":"Beobachtung""#))
        #expect(text(files, "incidents/2026-11-27-delayed-payments/index.html").contains("27. Nov. 2026, 8:42 UTC+1"))
    }

    @Test func anUnknownLanguageListsTheShippedOnes() throws {
        let root = try Fixture.copyOfSample()
        let result = parseConfig(
            "title: T\nurl: https://example.com\nlanguage: dk\ncomponents: []\n", in: root)
        guard case .failure(let error) = result else {
            Issue.record("an unknown language was accepted")
            return
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.headline == "herald.yml:3:11: error: unknown language 'dk'; the theme has no locales/dk.yml")
        #expect(diagnostic.expected == ["ar", "de", "en", "es", "fr", "ja"])
        #expect(diagnostic.suggestion == "did you mean 'de'?")
    }

    @Test func anUnknownLanguageIsReportedBesideOtherProblems() throws {
        let root = try Fixture.copyOfSample()
        let text =
            "title: T\nurl: https://example.com\nlanguage: dk\nbrand:\n  color: green\n  logo: x.svg\ncomponents: []\n"
        guard case .failure(let error) = parseConfig(text, in: root)
        else {
            Issue.record("a bad herald.yml was accepted")
            return
        }
        let lines = error.diagnostics.map(\.location.line)
        #expect(lines.sorted() == [3, 5, 6], "\(error.diagnostics.map(\.headline))")
        #expect(error.diagnostics.contains { $0.message.hasPrefix("unknown language 'dk'") })
        // With a theme folder that does not exist, the languages cannot be known: no guess.
        let missing = text.replacingOccurrences(of: "components:", with: "theme: nowhere\ncomponents:")
        guard case .failure(let second) = parseConfig(missing, in: root)
        else {
            Issue.record("a bad herald.yml was accepted")
            return
        }
        #expect(!second.diagnostics.contains { $0.message.hasPrefix("unknown language") })
    }

    @Test(arguments: [
        ("theme: ../elsewhere", "'theme' must be a path inside the site's folder"),
        ("theme: /etc", "'theme' must be a path inside the site's folder"),
        ("theme: missing-theme", "the theme folder 'missing-theme' does not exist in the site's folder"),
        ("theme: herald.yml", "the theme folder 'herald.yml' does not exist in the site's folder"),
        ("brand:\n  color: green", "'color' must be a hex colour"),
        ("brand:\n  color: \"#12345\"", "'color' must be a hex colour"),
        ("brand:\n  logo: incidents", "the logo file 'incidents' does not exist in the site's folder"),
        ("brand:\n  logo: herald.yml", "the logo must be an image file, not '.yml'"),
    ])
    func badThemeAndBrandSettingsAreErrors(_ setting: String, _ message: String) throws {
        let root = try Fixture.copyOfSample()
        let result = parseConfig(
            "title: T\nurl: https://example.com\ncomponents: []\n\(setting)\n", in: root)
        guard case .failure(let error) = result else {
            Issue.record("accepted: \(setting)")
            return
        }
        #expect(error.diagnostics.contains { $0.message.hasPrefix(message) }, "\(error.diagnostics.map(\.message))")
    }

    @Test func aThemeFolderLinkedOutsideTheSiteIsRefused() throws {
        let root = try Fixture.copyOfSample()
        let outside = try Fixture.temporaryFolder()
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("linked-theme"), withDestinationURL: outside)
        let result = parseConfig(
            "title: T\nurl: https://example.com\ntheme: linked-theme\n", in: root)
        guard case .failure(let error) = result else {
            Issue.record("a theme folder outside the site was accepted")
            return
        }
        let target = POSIX.resolvedPath(outside.path) ?? outside.path
        #expect(
            error.diagnostics.filter { $0.severity == .error }.map(\.message) == [
                "'theme' leads outside the site's folder through a symbolic link (to \(target))"
            ])
    }

    @Test func contrastRatiosFollowWCAG() {
        #expect(abs(Brand.contrast("#000000", "#ffffff") - 21) < 0.01)
        #expect((5.1...5.3).contains(Brand.contrast("#0a7d4f", "#ffffff")))
        #expect(Brand.normalizedColor("#ABC") == "#aabbcc")
        #expect(Brand.normalizedColor("abc") == nil)
    }
}
