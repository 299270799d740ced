import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

struct MaintenanceTests {
    static let file = """
        ---
        title: Database upgrade
        maintenance:
          start: 2026-12-06T03:00:00+01:00
          end: 2026-12-06 04:00 UTC
        components: [payments]
        ---

        ## Scheduled — 2026-11-26 10:00 UTC
        We will upgrade the database.
        """

    func maintenance(_ text: String = file) throws -> Incident {
        let output = Fixture.parse(text, name: "2026-12-06-database-upgrade")
        // Updates written ahead of the fixture's clock only warn.
        #expect(output.diagnostics.allSatisfy { $0.severity == .warning }, "\(output.diagnostics.map(\.formatted))")
        return try #require(output.incident)
    }

    func date(_ text: String) throws -> Date {
        try TimeParser(timeZone: .gmt).parse(text).get()
    }

    @Test func readsTheWindowWithItsOffsetAndNeedsNoImpact() throws {
        let incident = try maintenance()
        let window = try #require(incident.maintenance)
        #expect(Timestamp.iso8601(window.start) == "2026-12-06T02:00:00Z")
        #expect(Timestamp.iso8601(window.end) == "2026-12-06T04:00:00Z")
        #expect(incident.started == window.start)
        #expect(incident.components == [AffectedComponent(id: "payments", status: .underMaintenance)])
        #expect(!incident.isOpen)
    }

    @Test(arguments: [
        ("2026-12-06T01:59:59Z", UpdateStatus.scheduled),
        ("2026-12-06T02:00:00Z", .inProgress),
        ("2026-12-06T03:59:00Z", .inProgress),
        ("2026-12-06T04:00:00Z", .completed),
        ("2027-01-01T00:00:00Z", .completed),
    ])
    func followsTheBuildClock(now: String, expected: UpdateStatus) throws {
        #expect(try maintenance().maintenanceStatus(at: date(now)) == expected)
    }

    @Test func updatesMoveItAlongButNeverBack() throws {
        let text =
            Self.file + """


                ## Completed — 2026-12-06 03:10 UTC
                Done early.

                ## Verifying — 2026-12-06 02:50 UTC
                Checking.
                """
        let incident = try maintenance(text)
        #expect(incident.maintenanceStatus(at: try date("2026-12-06T02:55:00Z")) == .verifying)
        #expect(incident.maintenanceStatus(at: try date("2026-12-06T03:15:00Z")) == .completed)
        // A "Scheduled" update cannot hold the clock back.
        #expect(incident.maintenanceStatus(at: try date("2026-12-06T02:10:00Z")) == .inProgress)
    }

    @Test func aCancelledMaintenanceIsNeitherUpcomingNorUnderWay() throws {
        let text =
            Self.file + """


                ## Cancelled — 2026-12-01 09:00 UTC
                Called off.
                """
        let incident = try maintenance(text)
        #expect(incident.maintenanceStatus(at: try date("2026-11-30T00:00:00Z")) == .scheduled)
        #expect(incident.maintenanceStatus(at: try date("2026-12-01T09:00:00Z")) == .cancelled)
        #expect(incident.maintenanceStatus(at: try date("2026-12-06T02:30:00Z")) == .cancelled)
        let site = Site(config: Fixture.config, incidents: [incident], now: try date("2026-12-06T02:30:00Z"))
        let status = SiteStatus(site: site)
        #expect(status.upcomingMaintenance.isEmpty && status.activeMaintenance.isEmpty)
        #expect(status.status(of: "payments") == .operational)
        // Nothing is left out of the uptime: the component was never held. Dec 6 in Berlin began
        // at 23:00Z and the clock is at 02:30Z.
        let uptime = Uptime(site: site, index: SiteIndex(site: site), dayCount: 1)
        #expect(uptime.components["payments"]?.days.map(\.measured) == [12_600])
        let ics = MaintenanceCalendar(site: site).ics()
        #expect(ics.contains("STATUS:CANCELLED\r\n"))
        #expect(ics.contains("SEQUENCE:1\r\n"))
        // Statuspage has no cancelled status: its clients read completed.
        let api = StatuspageAPI(site: site, index: SiteIndex(site: site), status: status, uptime: uptime)
        #expect(api.incident(incident, componentsByID: [:]).status == "completed")
    }

    @Test func putsComponentsUnderMaintenanceUnlessAnIncidentIsWorse() throws {
        let window = try maintenance()
        let outage = try #require(
            Fixture.parse(
                "---\ntitle: Payouts down\nimpact: critical\ncomponents: [billing-emails]\n---\n## Investigating — 2026-12-06 02:30 UTC\nx\n",
                name: "2026-12-06-outage"
            ).incident
        )
        var site = Site(config: Fixture.config, incidents: [window], now: try date("2026-12-06T02:30:00Z"))
        var status = SiteStatus(site: site)
        #expect(status.status(of: "payments") == .underMaintenance)
        #expect(status.indicator == .maintenance)
        #expect(status.activeMaintenance == [0])
        #expect(status.openIncidents.isEmpty)

        site = Site(config: Fixture.config, incidents: [window, outage], now: try date("2026-12-06T02:30:00Z"))
        status = SiteStatus(site: site)
        #expect(status.indicator == .critical)
        #expect(status.status(of: "billing-emails") == .majorOutage)
        #expect(status.status(of: "payments") == .underMaintenance)

        site = Site(config: Fixture.config, incidents: [window], now: try date("2026-12-01T00:00:00Z"))
        status = SiteStatus(site: site)
        #expect(status.upcomingMaintenance == [0])
        #expect(status.status(of: "payments") == .operational)
        #expect(status.indicator == .none)
    }

    @Test func checksTheWindowAndTheMaintenanceWords() {
        let backwards = Fixture.parse(
            "---\ntitle: T\nmaintenance:\n  start: 2026-12-06 04:00 UTC\n  end: 2026-12-06 03:00 UTC\n---\n",
            name: "m"
        )
        #expect(
            backwards.diagnostics.map(\.message) == [
                "the maintenance ends before it starts; 'end' must be after 'start'"
            ])
        let incidentWord = Fixture.parse(
            "---\ntitle: T\nmaintenance:\n  start: 2026-12-06 03:00 UTC\n  end: 2026-12-06 04:00 UTC\n---\n## Resolved — 2026-12-06 04:00 UTC\nx\n",
            name: "m"
        )
        #expect(
            incidentWord.diagnostics.first?.expected == [
                "Scheduled", "In progress", "Verifying", "Completed", "Cancelled", "Update",
            ])
        let maintenanceWord = Fixture.parse(
            "---\ntitle: T\nimpact: minor\n---\n## Scheduled — 2026-12-06 04:00 UTC\nx\n")
        #expect(maintenanceWord.incident == nil)
        let noImpact = Fixture.parse("---\ntitle: T\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n")
        #expect(noImpact.diagnostics.first?.message == "the front matter has no 'impact'; it is required")
    }
}
