import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// A relative link in an update leads to the same place wherever the update is shown.
struct RelativeLinksTests {
    @Test func aRelativeLinkResolvesToOneAddressOnEveryPageAndFeed() async throws {
        let text = """
            ---
            title: Slow API
            impact: minor
            components: [api]
            ---

            ## Investigating — 2026-11-27 08:00 UTC
            Like the [earlier incident](../2026-10-07-sign-in-failures/); see ![the graph](graph.png).
            """
        let incident = try #require(Fixture.parse(text, name: "2026-11-27-slow-api").incident)
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-27T09:00:00Z"))
        let site = Site(config: Fixture.config, incidents: [incident], now: now)
        let sources = try await SourceLoader(root: Fixture.repositoryRoot).load()
        let theme = try Theme.load(templates: sources.templates, assets: sources.assets, themePath: "theme").get()
        let localization = Localization.load(language: "en", files: ThemeFiles.builtIn.locales).localization!
        let renderer = try await SiteRenderer.make(
            site: site, index: SiteIndex(site: site), status: SiteStatus(site: site), theme: theme,
            localization: localization)
        var outputs: [String: String] = [:]
        for job in [
            RenderPlan.Job.index, .incident(0), .component("api"), .feeds(component: nil), .feeds(component: "api"),
            .api,
        ] {
            for file in try renderer.render(job) { outputs[file.path] = String(decoding: file.data, as: UTF8.self) }
        }
        let earlier = "https://status.example.com/incidents/2026-10-07-sign-in-failures/"
        let graph = "https://status.example.com/incidents/2026-11-27-slow-api/graph.png"
        for path in [
            "index.html", "incidents/2026-11-27-slow-api/index.html", "components/api/index.html", "history.rss",
            "history.atom", "feed.json", "components/api/history.rss", "api/v2/incidents.json",
            "api/v2/summary.json",
        ] {
            let output = try #require(outputs[path], "\(path) was not rendered")
            // Feeds escape the HTML they carry; JSON escapes the slashes. The API's `body` is
            // Markdown, rewritten where it had relative links.
            let readable = output.replacingOccurrences(of: "\\/", with: "/")
            #expect(readable.contains(earlier), "\(path)")
            #expect(readable.contains(graph), "\(path)")
            #expect(!readable.contains("\"../2026-10-07-sign-in-failures/"), "\(path)")
        }
    }
}
