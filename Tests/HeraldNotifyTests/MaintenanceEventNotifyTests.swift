import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore
@testable import HeraldNotify

/// `herald notify` run by a scheduled job announces the updates the clock posts when a maintenance
/// window opens and closes: each once, none for a cancelled window, whether the previous state is
/// a previous build's API or a git revision read at its clock.
struct MaintenanceEventNotifyTests {
    /// 2026-11-28 02:00 UTC to 03:00 UTC, as in the maintenances below.
    static let start = Date(timeIntervalSince1970: 1_795_831_200)
    static let end = start.addingTimeInterval(3600)
    static let before = start.addingTimeInterval(-3600)
    static let during = start.addingTimeInterval(1800)
    static let after = end.addingTimeInterval(1800)

    static let started = "2026-11-28-cache-upgrade-update-20261128T020000Z"
    static let completed = "2026-11-28-cache-upgrade-update-20261128T030000Z"

    static let notifySection = """
        notify:
          - id: everyone
            type: webhook
            url_env: HERALD_EVENTS_WEBHOOK_URL

        """

    /// A copy of the sample with a maintenance and a cancelled one in the same window, and a
    /// notify target.
    static func site() throws -> URL {
        let root = try Fixture.copyOfSampleWithMaintenanceWindow()
        let config = root.appendingPathComponent("herald.yml")
        try (try String(contentsOf: config, encoding: .utf8) + notifySection)
            .write(to: config, atomically: true, encoding: .utf8)
        return root
    }

    static func run(_ root: URL, now: Date, since: String, sinceNow: Date? = nil, transport: ScriptedTransport)
        -> NotifyRun
    {
        NotifyRun(
            root: root,
            now: now,
            since: since,
            sinceNow: sinceNow,
            workingDirectory: root,
            timeout: 10,
            retries: 0,
            retryDelay: 0,
            environment: ["HERALD_EVENTS_WEBHOOK_URL": "https://hooks.example.com/events"],
            version: "9.9.9",
            transport: transport
        )
    }

    @Test func scheduledRunsAnnounceTheStartAndTheEndOnceEach() async throws {
        let root = try Self.site()
        let transport = ScriptedTransport()
        try await NotifyRunTests.publishAPI(of: root, at: Self.before, into: "before")

        // The run that deployed the opening of the window.
        let opened = try await Self.run(root, now: Self.during, since: "before", transport: transport).run()
        #expect(opened.newUpdates.map(\.id) == [Self.started])
        #expect(opened.succeeded)
        let body = try #require(transport.requests.first?.body)
        let message = try #require(String(data: body, encoding: .utf8))
        #expect(message.contains("Scheduled maintenance is currently in progress."))
        #expect(message.contains("\"in_progress\""))

        // The next scheduled run, compared with the page it deployed: nothing new.
        try await NotifyRunTests.publishAPI(of: root, at: Self.during, into: "during")
        let quiet = try await Self.run(
            root, now: Self.during.addingTimeInterval(300), since: "during", transport: transport
        )
        .run()
        #expect(quiet.newUpdates.isEmpty)

        // The run that deployed the end; then the same run again (a re-run of the job).
        let closed = try await Self.run(root, now: Self.after, since: "during", transport: transport).run()
        #expect(closed.newUpdates.map(\.id) == [Self.completed])
        let rerun = try await Self.run(root, now: Self.after, since: "during", transport: transport).run()
        #expect(rerun.newUpdates.map(\.id) == [Self.completed])
        #expect(rerun.lines.first == .output("skipped \(Self.completed) for everyone (webhook): already delivered"))
        #expect(transport.requests.count == 2)
    }

    @Test func aGitRevisionReadAtItsClockMakesTheClocksUpdatesNew() async throws {
        let root = try Self.site()
        try Fixture.git(in: root, "init", "-q")
        try Fixture.git(in: root, "add", "-A")
        try Fixture.git(in: root, "commit", "-q", "-m", "content")

        let transport = ScriptedTransport()
        let found = { (sinceNow: Date?) in
            try await Self.run(root, now: Self.after, since: "git:HEAD", sinceNow: sinceNow, transport: transport).run()
        }
        // Same content, read as it was published before the window: both events are new.
        #expect(try await found(Self.before).newUpdates.map(\.id) == [Self.started, Self.completed])
        // Read at the run's own clock, the revision already holds them.
        #expect(try await found(nil).newUpdates.isEmpty)
    }

    @Test func aPreviousStateFromBeforeTheClockPostedUpdatesSendsNoOldOnes() async throws {
        // A window that closed a week before the sample's clock, announced but never updated.
        let root = try Self.site()
        try """
        ---
        title: Search reindex
        maintenance:
          start: 2026-11-20 02:00 UTC
          end: 2026-11-20 03:00 UTC
        components: [api]
        ---

        ## Scheduled — 2026-11-19 10:00 UTC
        We will rebuild the search index.
        """.write(
            to: root.appendingPathComponent("incidents/2026-11-20-search-reindex.md"), atomically: true,
            encoding: .utf8)
        try await NotifyRunTests.publishAPI(of: root, at: Fixture.now, into: "old")
        // The API as a Herald from before the clock posted updates wrote it: without their ids.
        let file = root.appendingPathComponent("old/api/v2/scheduled-maintenances.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var maintenances = try #require(json["scheduled_maintenances"] as? [[String: Any]])
        var removed = 0
        for index in maintenances.indices {
            let updates = try #require(maintenances[index]["incident_updates"] as? [[String: Any]])
            let kept = updates.filter {
                ($0["id"] as? String)?.hasPrefix("2026-11-20-search-reindex-update-20261120T0") != true
            }
            removed += updates.count - kept.count
            maintenances[index]["incident_updates"] = kept
        }
        #expect(removed == 2)
        json["scheduled_maintenances"] = maintenances
        try JSONSerialization.data(withJSONObject: json).write(to: file)

        let transport = ScriptedTransport()
        let run = try await Self.run(
            root, now: Fixture.now.addingTimeInterval(60), since: "old", transport: transport
        ).run()
        #expect(run.newUpdates.isEmpty)
        #expect(transport.requests.isEmpty)
    }
}
