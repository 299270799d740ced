import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

struct MaintenanceCalendarTests {
    @Test func writesOneEventPerMaintenanceInUTCWithStableUIDs() throws {
        let text = """
            ---
            title: "Upgrade; part 2, with a very long title that needs folding because it goes past 75 octets é"
            maintenance:
              start: 2026-12-06T03:00:00+01:00
              end: 2026-12-06 04:00 UTC
            ---

            ## Update — 2026-11-27 08:00 UTC
            Moved by an hour.

            ## Scheduled — 2026-11-26 10:00 UTC
            Planned.
            """
        let maintenance = try #require(Fixture.parse(text, name: "2026-12-06-upgrade").incident)
        let outage = try #require(Fixture.parse(IncidentParserTests.sample).incident)
        let site = Site(config: Fixture.config, incidents: [maintenance, outage], now: Fixture.now)
        let ics = MaintenanceCalendar(site: site).ics()
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 2)
        #expect(ics.contains("\r\nUID:2026-12-06-upgrade@status.example.com\r\n"))
        #expect(ics.contains("\r\nDTSTART:20261206T020000Z\r\nDTEND:20261206T040000Z\r\n"))
        #expect(ics.contains("\r\nSEQUENCE:1\r\n"))
        #expect(ics.contains("\r\nDESCRIPTION:Moved by an hour.\r\n"))
        #expect(ics.contains("SUMMARY:Upgrade\\; part 2\\, with"))
        for line in ics.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        // Unfolded, the summary reads back whole.
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("because it goes past 75 octets é\r\n"))
    }

    /// A component's calendar holds the windows that affect it, under the same UIDs as the site's,
    /// so a customer who follows one component sees only its maintenance.
    @Test func aComponentsCalendarHoldsOnlyTheMaintenanceThatAffectsIt() throws {
        func maintenance(_ slug: String, components: String) throws -> Incident {
            let text = """
                ---
                title: \(slug)
                components: [\(components)]
                maintenance:
                  start: 2026-12-06 02:00 UTC
                  end: 2026-12-06 04:00 UTC
                ---

                ## Scheduled — 2026-11-26 10:00 UTC
                Planned.
                """
            return try #require(Fixture.parse(text, name: "2026-12-06-\(slug)").incident)
        }
        let site = Site(
            config: Fixture.config,
            incidents: [
                try maintenance("database", components: "api, payments"),
                try maintenance("mail", components: "billing-emails"),
            ],
            now: Fixture.now)
        func uids(_ component: String?) -> [String] {
            let calendar = MaintenanceCalendar(
                site: site, component: component.map { id in Fixture.config.components.first { $0.id == id }! })
            return calendar.ics().components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        }
        #expect(uids(nil) == ["UID:2026-12-06-database@status.example.com", "UID:2026-12-06-mail@status.example.com"])
        #expect(uids("payments") == ["UID:2026-12-06-database@status.example.com"])
        #expect(uids("billing-emails") == ["UID:2026-12-06-mail@status.example.com"])
        let payments = Fixture.config.components[1]
        #expect(
            MaintenanceCalendar(site: site, component: payments).ics().contains(
                "\r\nX-WR-CALNAME:Example Status: Payments maintenance\r\n"))
    }
}
