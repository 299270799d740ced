import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The "In progress" and "Completed" updates the clock posts when a maintenance window opens and
/// closes: when they appear, when they do not, and that they reach the feeds and the API once.
struct MaintenanceEventsTests {
    /// 2026-11-28 02:00 UTC to 03:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_795_831_200)
    static let end = start.addingTimeInterval(3600)

    static func maintenance(_ updates: [(UpdateStatus, Date)]) -> Incident {
        Incident(
            slug: "2026-11-28-cache-upgrade",
            title: "Cache upgrade",
            impact: .none,
            components: [AffectedComponent(id: "api", status: .underMaintenance)],
            updates: updates.map { IncidentUpdate(status: $0.0, time: $0.1, html: "<p>x</p>\n", markdown: "x") },
            maintenance: MaintenanceWindow(start: start, end: end),
            sourcePath: "incidents/2026-11-28-cache-upgrade.md"
        )
    }

    static let announced = (UpdateStatus.scheduled, start.addingTimeInterval(-86_400))

    /// The updates as (status, time), oldest first.
    static func timeline(_ incident: Incident) -> [String] {
        incident.updates.reversed().map { "\($0.status.rawValue) \(Timestamp.iso8601($0.time))" }
    }

    @Test func theClockPostsInProgressAtTheStartAndCompletedAtTheEnd() {
        let incident = Self.maintenance([Self.announced])
        let events = MaintenanceEvents.english
        #expect(Self.timeline(events.adding(to: incident, now: Self.start.addingTimeInterval(-1))).count == 1)
        #expect(
            Self.timeline(events.adding(to: incident, now: Self.start))
                == ["Scheduled 2026-11-27T02:00:00Z", "In progress 2026-11-28T02:00:00Z"])
        let after = events.adding(to: incident, now: Self.end.addingTimeInterval(600))
        #expect(
            Self.timeline(after)
                == [
                    "Scheduled 2026-11-27T02:00:00Z", "In progress 2026-11-28T02:00:00Z",
                    "Completed 2026-11-28T03:00:00Z",
                ])
        #expect(after.updates[0].markdown == "The scheduled maintenance has been completed.")
        #expect(after.updates[0].html == "<p>The scheduled maintenance has been completed.</p>\n")
        #expect(after.updates.map(\.anchor).contains("update-20261128T020000Z"))
        // Adding again changes nothing: a site built twice has each event once.
        #expect(events.adding(to: after, now: Self.end.addingTimeInterval(600)) == after)
        // The status the clock gives is the one the timeline ends with.
        #expect(after.maintenanceStatus(at: Self.end.addingTimeInterval(600)) == .completed)
    }

    @Test(arguments: [
        // Called off before the start: nothing at either end.
        ([(UpdateStatus.cancelled, MaintenanceEventsTests.start.addingTimeInterval(-3600))], [String]()),
        // Started by hand before the clock: only the end is posted.
        ([(.inProgress, MaintenanceEventsTests.start.addingTimeInterval(-120))], ["Completed 2026-11-28T03:00:00Z"]),
        // Ended early by hand: only the start is posted.
        ([(.completed, MaintenanceEventsTests.end.addingTimeInterval(-900))], ["In progress 2026-11-28T02:00:00Z"]),
        // Updates written at the very instants keep their ids; the clock posts nothing there.
        ([(.update, MaintenanceEventsTests.start), (.update, MaintenanceEventsTests.end)], []),
        // Called off while under way: it did start, and never completes.
        ([(.cancelled, MaintenanceEventsTests.start.addingTimeInterval(600))], ["In progress 2026-11-28T02:00:00Z"]),
        // Started by hand after the clock did: the clock's start stands, as published.
        (
            [(.inProgress, MaintenanceEventsTests.start.addingTimeInterval(300))],
            ["In progress 2026-11-28T02:00:00Z", "Completed 2026-11-28T03:00:00Z"]
        ),
    ])
    func theClockPostsNothingAnUpdateAlreadySaid(written: [(UpdateStatus, Date)], posted: [String]) {
        let incident = Self.maintenance([Self.announced] + written)
        let result = MaintenanceEvents.english.adding(to: incident, now: Self.end.addingTimeInterval(3600))
        let before = Set(Self.timeline(incident))
        #expect(Self.timeline(result).filter { !before.contains($0) } == posted)
    }

    @Test func incidentsGetNothing() {
        let incident = Incident(
            slug: "2026-11-28-outage", title: "Outage", impact: .major,
            components: [AffectedComponent(id: "api", status: .majorOutage)],
            updates: [IncidentUpdate(status: .investigating, time: Self.start, html: "", markdown: "")],
            sourcePath: "incidents/2026-11-28-outage.md")
        #expect(MaintenanceEvents.english.adding(to: incident, now: Self.end) == incident)
    }

    // MARK: In a built site

    /// How often `needle` occurs in a built file.
    static func occurrences(of needle: String, in url: URL) throws -> Int {
        try String(contentsOf: url, encoding: .utf8).components(separatedBy: needle).count - 1
    }

    @Test func aWindowThatOpensAndClosesBetweenBuildsIsInTheFeedsAndTheAPIOnce() async throws {
        let root = try Fixture.copyOfSampleWithMaintenanceWindow()
        let output = root.appendingPathComponent("site")
        let before = Self.start.addingTimeInterval(-3600)
        let after = Self.end.addingTimeInterval(3600)
        let started = "2026-11-28-cache-upgrade-update-20261128T020000Z"
        let completed = "2026-11-28-cache-upgrade-update-20261128T030000Z"
        let anchors = ["#update-20261128T020000Z\"", "#update-20261128T030000Z\""]

        _ = try await Builder(options: .init(root: root, output: output, now: before)).build()
        let maintenances = output.appendingPathComponent("api/v2/scheduled-maintenances.json")
        #expect(try Self.occurrences(of: started, in: maintenances) == 0)

        // Built twice after the window: each event once, the same in both builds.
        for _ in 0..<2 {
            _ = try await Builder(options: .init(root: root, output: output, now: after)).build()
            #expect(try Self.occurrences(of: "\"\(started)\"", in: maintenances) == 1)
            #expect(try Self.occurrences(of: "\"\(completed)\"", in: maintenances) == 1)
            #expect(try Self.occurrences(of: "router-swap-update-20261128", in: maintenances) == 0)
            let feed = output.appendingPathComponent("feed.json")
            let entries = try String(contentsOf: feed, encoding: .utf8)
            for anchor in anchors {
                // The entry's id and url.
                #expect(entries.components(separatedBy: "cache-upgrade/" + anchor).count - 1 == 2)
            }
            #expect(!entries.contains("router-swap/#update-20261128"))
            let page = try String(
                contentsOf: output.appendingPathComponent("incidents/2026-11-28-cache-upgrade/index.html"),
                encoding: .utf8)
            #expect(page.contains("id=\"update-20261128T020000Z\""))
            #expect(page.contains("Scheduled maintenance is currently in progress."))
            #expect(page.contains("id=\"update-20261128T030000Z\""))
        }
    }

    @Test func feedEntriesOfAMaintenanceStateItsWindowInTheSitesZoneNotAnImpact() async throws {
        let root = try Fixture.copyOfSampleWithMaintenanceWindow()
        let output = root.appendingPathComponent("site")
        _ = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
        // ICU puts thin and narrow no-break spaces around the dash and before "AM".
        let feed = try String(contentsOf: output.appendingPathComponent("components/api/history.rss"), encoding: .utf8)
            .replacingOccurrences(of: "\u{2009}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        // The sample site is in Europe/Berlin: 02:00–03:00 UTC is 3:00–4:00 AM UTC+1.
        #expect(
            feed.contains(
                "&lt;strong&gt;Scheduled&lt;/strong&gt; · Scheduled maintenance: Saturday, November 28, 2026, 3:00 – 4:00 AM UTC+1 · Affected: Public API"
            ))
        #expect(!feed.contains("Impact: None"))
    }
}
