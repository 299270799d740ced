import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Component statuses that change with an incident's updates (`Components:` lines), computed by
/// hand: uptime counts the real segments, and the API, pages and notify show the changes.
struct ComponentTimelineTests {
    /// The issue's fixture: payments partial (30 min) → major (20 min) → degraded (40 min) →
    /// resolved. Weighted downtime: 30 × 0.3 + 20 × 1 + 40 × 0 = 29 minutes.
    static let fixture = """
        ---
        title: Payments failing
        impact: major
        components:
          payments: partial_outage
        ---

        ## Resolved — 2026-11-20 11:30 UTC
        Payments are confirmed normally.

        ## Identified — 2026-11-20 10:50 UTC
        Components: payments=degraded_performance

        Payments go through again; receipts are slow.

        ## Update — 2026-11-20 10:30 UTC

        Components: payments=major_outage, billing-emails=degraded_performance
        No payment goes through.

        ## Investigating — 2026-11-20 10:00 UTC
        Some payments fail.
        """

    static func site(_ texts: [String], now: String = "2026-11-21T00:00:00Z") throws -> Site {
        let clock = try TimeParser(timeZone: .gmt).parse(now).get()
        let incidents = try texts.enumerated().map { offset, text in
            let output = IncidentParser(config: Fixture.config, now: clock).parse(
                SourceFile(path: "incidents/2026-11-20-case-\(offset).md", text: text))
            #expect(output.diagnostics.allSatisfy { $0.severity != .error }, "\(output.diagnostics.map(\.headline))")
            return try #require(output.incident)
        }
        return Site(config: Fixture.config, incidents: incidents, now: clock)
    }

    /// Seconds equal to a millisecond: sums of weighted floating-point spans are not exact.
    static func same(_ seconds: TimeInterval?, _ expected: TimeInterval) -> Bool {
        guard let seconds else { return false }
        return abs(seconds - expected) < 0.001
    }

    @Test func theIssuesFixtureCountsTwentyNineWeightedMinutes() throws {
        let site = try Self.site([Self.fixture])
        let uptime = Uptime(site: site, index: SiteIndex(site: site))
        let payments = try #require(uptime.components["payments"])
        #expect(Self.same(payments.downtime(lastDays: Uptime.dayCount), 29 * 60))
        #expect(Self.same(payments.downtime(lastDays: 30), 29 * 60))
        // The day's bar shows the worst status of the day.
        let day = try #require(payments.days.first { !$0.incidents.isEmpty })
        #expect(day.worst == .majorOutage)
        // Billing emails were degraded from 10:30 to 11:30: shown, but weighted 0.
        let emails = try #require(uptime.components["billing-emails"])
        #expect(emails.downtime(lastDays: Uptime.dayCount) == 0)
        #expect(emails.days.contains { $0.worst == .degradedPerformance })
    }

    @Test func theAPIShowsEveryTransitionOnItsUpdate() throws {
        let site = try Self.site([Self.fixture])
        let api = StatuspageAPI(site: site, index: SiteIndex(site: site), status: SiteStatus(site: site))
        let incident = api.incident(site.incidents[0], componentsByID: [:])
        let transitions = incident.incidentUpdates.map { update in
            (update.affectedComponents ?? []).map { "\($0.code): \($0.oldStatus) → \($0.newStatus)" }
        }
        #expect(
            transitions == [
                [
                    "payments: degraded_performance → operational",
                    "billing-emails: degraded_performance → operational",
                ],
                ["payments: major_outage → degraded_performance"],
                ["payments: partial_outage → major_outage", "billing-emails: operational → degraded_performance"],
                ["payments: operational → partial_outage"],
            ]
        )
        #expect(incident.incidentUpdates.map(\.status) == ["resolved", "identified", "investigating", "investigating"])
        // The line is not part of the update's text.
        #expect(incident.incidentUpdates[1].body == "Payments go through again; receipts are slow.")
        #expect(incident.incidentUpdates[2].body == "No payment goes through.")
    }

    @Test func theCurrentStatusIsTheLatestStatedOneWhileOpen() throws {
        let open = Self.fixture.replacingOccurrences(
            of: "## Resolved — 2026-11-20 11:30 UTC\nPayments are confirmed normally.\n\n", with: "")
        let site = try Self.site([open])
        let status = SiteStatus(site: site)
        #expect(status.status(of: "payments") == .degradedPerformance)
        #expect(status.status(of: "billing-emails") == .degradedPerformance)
        #expect(status.indicator == .major)  // the impact
        #expect(
            site.incidents[0].components == [
                AffectedComponent(id: "payments", status: .degradedPerformance),
                AffectedComponent(id: "billing-emails", status: .degradedPerformance),
            ])
        #expect(site.incidents[0].worstComponents.map(\.status) == [.majorOutage, .degradedPerformance])
        // Open up to the clock: 30 × 0.3 + 20 + 0 for the rest.
        let uptime = Uptime(site: site, index: SiteIndex(site: site))
        #expect(Self.same(uptime.components["payments"]?.downtime(lastDays: 90), 29 * 60))
    }

    @Test func aReopenedIncidentBringsBackItsStatusesAndTheGapIsUp() throws {
        let text = """
            ---
            title: Flapping
            impact: critical
            components:
              api: major_outage
            ---

            ## Investigating — 2026-11-20 12:00 UTC
            It is back.

            ## Resolved — 2026-11-20 11:00 UTC
            Fixed.

            ## Investigating — 2026-11-20 10:00 UTC
            Down.
            """
        let site = try Self.site([text])
        let incident = site.incidents[0]
        #expect(
            Fixture.parse(text).diagnostics.map(\.message) == [
                "'Investigating' update after 'Resolved' reopens the incident; check its time"
            ])
        #expect(
            incident.segments(of: "api").map { [Timestamp.iso8601($0.start), $0.end.map(Timestamp.iso8601) ?? "open"] }
                == [
                    ["2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z"],
                    ["2026-11-20T12:00:00Z", "open"],
                ])
        #expect(
            incident.componentChanges.map { $0.map { "\($0.old.rawValue)→\($0.new.rawValue)" } } == [
                ["operational→major_outage"], ["major_outage→operational"], ["operational→major_outage"],
            ])
        // 10:00 to 11:00 and 12:00 to the clock (midnight) are down: 13 hours.
        let uptime = Uptime(site: site, index: SiteIndex(site: site))
        #expect(Self.same(uptime.components["api"]?.downtime(lastDays: 90), 13 * 3600))
    }

    @Test func aComponentFirstNamedByAnUpdateJoinsThen() throws {
        let text = """
            ---
            title: Spreading
            impact: major
            components: [api]
            ---

            ## Resolved — 2026-11-20 12:00 UTC
            Fixed.

            ## Identified — 2026-11-20 11:00 UTC
            Components: payments=major_outage

            Payments are down too.

            ## Investigating — 2026-11-20 10:00 UTC
            API errors.
            """
        let site = try Self.site([text])
        let incident = site.incidents[0]
        #expect(incident.components.map(\.id) == ["api", "payments"])
        #expect(SiteIndex(site: site).incidentsByComponent["payments"] == [0])
        let uptime = Uptime(site: site, index: SiteIndex(site: site))
        // Payments: down from 11:00 to 12:00 only.
        #expect(Self.same(uptime.components["payments"]?.downtime(lastDays: 90), 3600))
        // The API: partial outage (the impact's status) for two hours, weighted 0.3.
        #expect(Self.same(uptime.components["api"]?.downtime(lastDays: 90), 2 * 3600 * 0.3))
    }

    @Test func withoutComponentsLinesNothingChangesFromTheFrontMatter() throws {
        let text = """
            ---
            title: Plain
            impact: major
            started: 2026-11-20 09:30 UTC
            components:
              api: partial_outage
            ---

            ## Resolved — 2026-11-20 11:00 UTC
            Fixed.

            ## Investigating — 2026-11-20 10:00 UTC
            Down.
            """
        let site = try Self.site([text])
        let incident = site.incidents[0]
        // One segment from `started`, the time customers were hurt, to the resolution.
        #expect(
            incident.segments(of: "api") == [
                StatusSegment(start: incident.started, end: incident.resolvedAt, status: .partialOutage)
            ])
        #expect(incident.shownComponentChanges.allSatisfy { $0.isEmpty })
        #expect(incident.componentChanges.map(\.count) == [1, 1])
    }
}
