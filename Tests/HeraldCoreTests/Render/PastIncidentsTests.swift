import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The index's "Past incidents": each incident once, on the day it began, and only once over.
struct PastIncidentsTests {
    static func incident(_ slug: String, started: String, resolved: String?) throws -> Incident {
        var updates = "## Investigating — \(started)\nLooking into it.\n"
        if let resolved { updates = "## Resolved — \(resolved)\nFixed.\n\n" + updates }
        let text = "---\ntitle: \(slug)\nimpact: minor\ncomponents: [api]\n---\n\n" + updates
        return try #require(Fixture.parse(text, name: slug).incident)
    }

    static func index(_ incidents: [Incident], now: String) async throws -> String {
        let site = Site(
            config: Fixture.config, incidents: incidents, now: try #require(ISO8601DateFormatter().date(from: now)))
        let sources = try await SourceLoader(root: Fixture.repositoryRoot).load()
        let theme = try Theme.load(templates: sources.templates, assets: sources.assets, themePath: "theme").get()
        let localization = Localization.load(language: "en", files: ThemeFiles.builtIn.locales).localization!
        let renderer = try await SiteRenderer.make(
            site: site, index: SiteIndex(site: site), status: SiteStatus(site: site), theme: theme,
            localization: localization)
        return try #require(renderer.render(.index).first.map { String(decoding: $0.data, as: UTF8.self) })
    }

    /// The part of the page from the "Past incidents" heading on, cut into its days.
    static func pastDays(_ html: String) throws -> [(day: String, text: Substring)] {
        let section = try #require(html.range(of: "id=\"recent-title\"")).upperBound
        let days = html[section...].components(separatedBy: "<h3 class=\"day-heading\"><time datetime=\"").dropFirst()
        return days.map { (String($0.prefix(10)), Substring($0)) }
    }

    @Test func anIncidentThatLastedSixDaysIsListedOnceOnTheDayItBegan() async throws {
        let long = try Self.incident(
            "2026-11-21-long", started: "2026-11-21 10:00 UTC", resolved: "2026-11-26 10:00 UTC")
        let html = try await Self.index([long], now: "2026-11-27T09:00:00Z")
        let days = try Self.pastDays(html)
        #expect(days.count == 7)
        #expect(days.filter { $0.text.contains("incidents/2026-11-21-long/") }.map(\.day) == ["2026-11-21"])
    }

    @Test func anOpenIncidentIsAtTheTopAndNotAmongPastIncidents() async throws {
        let open = try Self.incident("2026-11-22-open", started: "2026-11-22 10:00 UTC", resolved: nil)
        let html = try await Self.index([open], now: "2026-11-27T09:00:00Z")
        #expect(try Self.pastDays(html).allSatisfy { !$0.text.contains("incidents/2026-11-22-open/") })
        let top = try #require(html.range(of: "id=\"recent-title\"")).lowerBound
        #expect(html[..<top].contains("incidents/2026-11-22-open/"))
    }

    @Test func anIncidentThatBeganBeforeTheWeekIsLeftToTheHistory() async throws {
        let old = try Self.incident("2026-11-18-old", started: "2026-11-18 10:00 UTC", resolved: "2026-11-22 10:00 UTC")
        let html = try await Self.index([old], now: "2026-11-27T09:00:00Z")
        #expect(try Self.pastDays(html).allSatisfy { !$0.text.contains("incidents/2026-11-18-old/") })
    }
}
