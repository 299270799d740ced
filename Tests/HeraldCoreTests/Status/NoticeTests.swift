import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Informational notices: announcements that change no status, shown on the index from their
/// first update until their `until`.
struct NoticeTests {
    static let notice = """
        ---
        title: Webhooks will come from new IP addresses
        notice:
          until: 2026-12-10 00:00 UTC
          embed: true
        components: [api]
        ---

        ## Update — 2026-11-26 12:00 UTC
        The range is now final.

        ## Notice — 2026-11-25 10:00 UTC
        From Monday, webhooks come from `203.0.113.0/24`.
        """

    static let outage = """
        ---
        title: API errors
        impact: major
        components:
          api: partial_outage
        ---

        ## Investigating — 2026-11-26 08:00 UTC
        Errors.
        """

    static func date(_ text: String) -> Date {
        try! TimeParser(timeZone: .gmt).parse(text).get()
    }

    static func site(_ texts: [String], now: String) throws -> Site {
        let incidents = try texts.enumerated().map { offset, text in
            try #require(Fixture.parse(text, name: "2026-11-25-file-\(offset)").incident)
        }
        return Site(config: Fixture.config, incidents: incidents, now: date(now))
    }

    @Test func readsTheNoticeAndItsSettings() throws {
        let output = Fixture.parse(Self.notice)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map(\.headline))")
        let incident = try #require(output.incident)
        #expect(incident.notice == Notice(until: Self.date("2026-12-10T00:00:00Z"), showsInEmbed: true))
        #expect(incident.impact == .none)
        #expect(incident.started == Self.date("2026-11-25T10:00:00Z"))
        #expect(incident.components == [AffectedComponent(id: "api", status: .operational)])
        #expect(!incident.isOpen)
        #expect(incident.displayedStatus(at: Self.date("2026-11-27T00:00:00Z")) == .notice)
        let plain = Self.notice.replacingOccurrences(
            of: "notice:\n  until: 2026-12-10 00:00 UTC\n  embed: true\n", with: "notice: true\n")
        #expect(Fixture.parse(plain).incident?.notice == Notice())
    }

    @Test func mistakesAreReportedAtTheirLines() {
        func messages(_ text: String) -> [String] { Fixture.parse(text).diagnostics.map(\.headline) }
        let withImpact = Self.notice.replacingOccurrences(of: "components: [api]", with: "impact: minor")
        #expect(
            messages(withImpact) == [
                "incidents/2026-11-26-example.md:6:1: error: a notice has no 'impact': it announces something and"
                    + " changes no status"
            ])
        let withStatuses = Self.notice.replacingOccurrences(
            of: "components: [api]", with: "components: {api: major_outage}")
        #expect(messages(withStatuses).first?.contains("a notice changes no component's status") == true)
        let typo = Self.notice.replacingOccurrences(of: "  embed: true", with: "  embedd: true")
        #expect(
            messages(typo).first?.hasPrefix("incidents/2026-11-26-example.md:5:3: error: unknown key 'embedd'") == true)
        let resolved = Self.notice.replacingOccurrences(of: "## Update", with: "## Resolved")
        let unknown = Fixture.parse(resolved).diagnostics
        #expect(unknown.map(\.message) == ["unknown update status 'Resolved'"])
        #expect(unknown.first?.expected == ["Notice", "Update"])
        let line = Self.notice.replacingOccurrences(
            of: "The range is now final.", with: "Components: api=major_outage\nThe range is now final.")
        #expect(
            messages(line).first?.hasSuffix("error: a notice changes no component's status; post an incident for that")
                == true)
        let empty = "---\ntitle: T\nnotice: true\n---\n\nJust text.\n"
        #expect(messages(empty).first?.contains("notice has no update to say when it is posted") == true)
    }

    @Test func aNoticeChangesNoStatusAndNoUptime() throws {
        let now = "2026-11-27T09:00:00Z"
        let with = try Self.site([Self.notice, Self.outage], now: now)
        let without = try Self.site([Self.outage], now: now)
        let statusWith = SiteStatus(site: with)
        let statusWithout = SiteStatus(site: without)
        #expect(statusWith.indicator == statusWithout.indicator)
        #expect(statusWith.componentStatuses == statusWithout.componentStatuses)
        #expect(statusWith.openIncidents.map { with.incidents[$0].slug } == ["2026-11-25-file-1"])
        #expect(statusWith.currentNotices.map { with.incidents[$0].slug } == ["2026-11-25-file-0"])
        let uptimeWith = Uptime(site: with, index: SiteIndex(site: with)).components["api"]
        let uptimeWithout = Uptime(site: without, index: SiteIndex(site: without)).components["api"]
        #expect(uptimeWith?.days.map(\.downtime) == uptimeWithout?.days.map(\.downtime))
        #expect(uptimeWith?.days.map(\.worst) == uptimeWithout?.days.map(\.worst))
        #expect(uptimeWith?.days.allSatisfy { !$0.incidents.contains(0) || with.incidents[0].notice == nil } == true)
        // Alone, it leaves everything operational, and the page changes only at its instants.
        let alone = try Self.site([Self.notice], now: now)
        #expect(SiteStatus(site: alone).indicator == .none)
        #expect(alone.asOf < alone.now)
    }

    @Test func itAppearsAndDisappearsOnTime() async throws {
        let root = try Fixture.copyOfSample()
        try Data(Self.notice.replacingOccurrences(of: "[api]", with: "[webhooks]").utf8).write(
            to: root.appendingPathComponent("incidents/2026-11-25-ip-addresses.md"))
        func index(at now: String) async throws -> String {
            let checked = await Builder(options: .init(root: root, now: Self.date(now))).check()
            let site = try #require(checked.site)
            let renderer = try await SiteRenderer.make(
                site: site, index: SiteIndex(site: site), status: SiteStatus(site: site),
                theme: try #require(checked.theme), localization: try #require(checked.localization))
            let file = try #require(try renderer.render(.index).first)
            return String(decoding: file.data, as: UTF8.self)
        }
        let title = "Webhooks will come from new IP addresses"
        let before = try await index(at: "2026-11-25T09:59:00Z")
        #expect(!before.contains(title))
        let inside = try await index(at: "2026-12-09T23:59:00Z")
        #expect(inside.contains("<h2 id=\"notices-title\">Notices</h2>"))
        #expect(inside.contains(title))
        #expect(inside.contains("Until <time datetime=\"2026-12-10T00:00:00Z\">"))
        let after = try await index(at: "2026-12-10T00:00:00Z")
        #expect(!after.contains("notices-title"))
        #expect(!after.contains(title))
        // A scheduled job knows when to rebuild: at the posting and at `until` (the sample has an
        // open incident, which changes by the second, so these sites hold the notice alone).
        #expect(
            SiteClock.nextChange(of: try Self.site([Self.notice], now: "2026-11-25T09:59:00Z"))
                == Self.date("2026-11-25T10:00:00Z"))
        #expect(
            SiteClock.nextChange(of: try Self.site([Self.notice], now: "2026-12-09T23:59:00Z"))
                == Self.date("2026-12-10T00:00:00Z"))
    }

    @Test func theAPIListsItAsAResolvedIncidentWithoutImpact() throws {
        let site = try Self.site([Self.notice, Self.outage], now: "2026-11-27T09:00:00Z")
        let api = StatuspageAPI(site: site, index: SiteIndex(site: site), status: SiteStatus(site: site))
        let position = try #require(site.incidents.firstIndex { $0.notice != nil })
        let notice = api.incident(site.incidents[position], componentsByID: [:])
        #expect(notice.impact == "none")
        #expect(notice.status == "resolved")
        #expect(notice.incidentUpdates.map(\.status) == ["resolved", "resolved"])
        #expect(notice.resolvedAt == "2026-11-25T10:00:00.000Z")
        #expect(notice.heraldNotice == StatuspageAPI.HeraldNotice(until: "2026-12-10T00:00:00.000Z"))
        #expect(notice.incidentUpdates.allSatisfy { $0.affectedComponents == nil })
        let files = try api.files()
        let unresolved = try #require(files.first { $0.path == "api/v2/incidents/unresolved.json" })
        #expect(!String(decoding: unresolved.data, as: UTF8.self).contains("2026-11-25-file-0"))
        let incidents = try #require(files.first { $0.path == "api/v2/incidents.json" })
        #expect(String(decoding: incidents.data, as: UTF8.self).contains("\"herald_notice\" : {"))
    }

    @Test func feedsAndTheEmbedShowItAsANotice() throws {
        let site = try Self.site([Self.notice], now: "2026-11-27T09:00:00Z")
        let components = Dictionary(uniqueKeysWithValues: site.config.components.map { ($0.id, $0) })
        let entries = Feed.entries(of: [0], in: site, components: components)
        #expect(
            entries.map(\.title) == [
                "Webhooks will come from new IP addresses — Update",
                "Webhooks will come from new IP addresses — Notice",
            ])
        #expect(
            entries[1].html.hasPrefix("<p><strong>Notice</strong> · Until 2026-12-10T00:00:00Z · Affected: API</p>"))
        let embed = EmbedScript(site: site, status: SiteStatus(site: site))
        #expect(embed.items.map(\.impact) == ["notice"])
        #expect(embed.items.first?.all == false)
        // Without `embed: true`, embed.js leaves it out.
        let quiet = try Self.site(
            [Self.notice.replacingOccurrences(of: "  embed: true\n", with: "")], now: "2026-11-27T09:00:00Z")
        #expect(EmbedScript(site: quiet, status: SiteStatus(site: quiet)).items.isEmpty)
    }
}
