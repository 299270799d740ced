import Foundation
import HeraldTestSupport
import Synchronization
import Testing

@testable import HeraldCore
@testable import HeraldNotify

/// Whole `herald notify` runs in-process, on a copy of the sample site, with a scripted
/// transport: what is found, what is sent, and the exact lines the command prints.
struct NotifyRunTests {
    static let notifySection = """
        notify:
          - id: everyone
            type: slack
            url_env: HERALD_RUN_SLACK_URL
          - id: payments-team
            type: webhook
            url_env: HERALD_RUN_WEBHOOK_URL
            components: [payments]
          - id: mobile-team
            type: discord
            url_env: HERALD_RUN_DISCORD_URL
            components: [mobile-apps]

        """

    static let environment = [
        "HERALD_RUN_SLACK_URL": "https://hooks.example.com/slack",
        "HERALD_RUN_WEBHOOK_URL": "https://hooks.example.com/webhook",
        "HERALD_RUN_DISCORD_URL": "https://hooks.example.com/discord",
    ]

    /// The update the tests add to the sample's open incident.
    static let updateID = "2026-11-27-delayed-payments-update-20261127T093000Z"

    /// An hour after the sample's clock, so that the added update is in the past.
    static let runTime = Fixture.now.addingTimeInterval(3600)

    /// A copy of the sample (with `notifySection` unless `notify` is false) whose API as published
    /// at `Fixture.now` is in `previous/`, and whose payments incident then got one more update.
    static func sample(notify: Bool = true) async throws -> URL {
        let root = try Fixture.copyOfSample()
        if notify {
            let config = root.appendingPathComponent("herald.yml")
            try (try String(contentsOf: config, encoding: .utf8) + notifySection)
                .write(to: config, atomically: true, encoding: .utf8)
        }
        try await publishAPI(of: root, at: Fixture.now, into: "previous")
        let incident = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let text = try String(contentsOf: incident, encoding: .utf8)
        let marker = try #require(text.range(of: "\n## "))
        try
            (text[..<marker.lowerBound] + "\n## Update — 2026-11-27 09:30 UTC\nStill **watching** the payments.\n"
            + text[marker.lowerBound...]).write(to: incident, atomically: true, encoding: .utf8)
        return root
    }

    /// Writes the site's `api/v2` files as a build at `now` would, into `folder` under the root.
    static func publishAPI(of root: URL, at now: Date, into folder: String) async throws {
        let checked = await Builder(options: .init(root: root, now: now)).check()
        let site = try #require(checked.site, "\(checked.diagnostics.map(\.formatted))")
        let api = StatuspageAPI(site: site, index: SiteIndex(site: site), status: SiteStatus(site: site))
        for file in try api.files() {
            let url = root.appendingPathComponent(folder).appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
    }

    static func run(
        _ root: URL,
        since: String = "previous",
        ledgerPath: String? = nil,
        dryRun: Bool = false,
        retries: Int = 1,
        environment: [String: String] = environment,
        transport: ScriptedTransport
    ) -> NotifyRun {
        NotifyRun(
            root: root,
            now: runTime,
            since: since,
            workingDirectory: root,
            ledgerPath: ledgerPath,
            dryRun: dryRun,
            timeout: 10,
            retries: retries,
            retryDelay: 0,
            environment: environment,
            version: "9.9.9",
            transport: transport
        )
    }

    /// The lines `progress` received.
    final class ProgressLog: Sendable {
        private let lines = Mutex<[NotifyRun.Line]>([])
        var all: [NotifyRun.Line] { lines.withLock { $0 } }
        func add(_ line: NotifyRun.Line) { lines.withLock { $0.append(line) } }
    }

    static func previousPath(_ root: URL) -> String {
        root.appendingPathComponent("previous/api/v2/incidents.json").standardizedFileURL.path
    }

    // MARK: Sending

    @Test func theNewUpdateIsSentOnceToTheTargetsThatAcceptIt() async throws {
        let root = try await Self.sample()
        let transport = ScriptedTransport()
        let progress = ProgressLog()
        let summary = try await Self.run(root, transport: transport).run(progress: progress.add)
        let ledger = root.appendingPathComponent(".herald-notify-ledger.json").standardizedFileURL
        #expect(summary.newUpdates.map(\.id) == [Self.updateID])
        #expect(summary.ledger == ledger)
        #expect(summary.succeeded)
        #expect(progress.all == [.output("1 new update since \(Self.previousPath(root))")])
        #expect(
            summary.lines == [
                .output("sent \(Self.updateID) to everyone (slack)"),
                .output("sent \(Self.updateID) to payments-team (webhook)"),
                .output("2 messages sent; ledger \(ledger.path)"),
            ])
        let requests = transport.requests
        #expect(requests.map(\.url.path) == ["/slack", "/webhook"])
        #expect(requests.allSatisfy { $0.method == "POST" && $0.headers["User-Agent"] == "Herald/9.9.9" })
        #expect(requests.allSatisfy { $0.timeout == .seconds(10) })
        #expect(requests[1].headers["Idempotency-Key"] == Self.updateID)

        let again = try await Self.run(root, transport: transport).run()
        #expect(
            again.lines == [
                .output("skipped \(Self.updateID) for everyone (slack): already delivered"),
                .output("skipped \(Self.updateID) for payments-team (webhook): already delivered"),
                .output("0 messages sent; ledger \(ledger.path)"),
            ])
        #expect(transport.requests.count == 2)
    }

    @Test func retriesAreReportedAsTheyHappen() async throws {
        let root = try await Self.sample()
        let transport = ScriptedTransport(scripts: ["/slack": [503]])
        let progress = ProgressLog()
        let summary = try await Self.run(root, transport: transport).run(progress: progress.add)
        #expect(
            progress.all == [
                .output("1 new update since \(Self.previousPath(root))"),
                .error("everyone: attempt 1 of 2 failed: HTTP 503; response body: \"no\"; retrying in 0.0 seconds"),
            ])
        #expect(summary.lines.first == .output("sent \(Self.updateID) to everyone (slack) after 2 attempts"))
        #expect(summary.succeeded)
    }

    @Test func aTargetThatStillFailsFailsTheRunAndGetsNothingMore() async throws {
        let root = try await Self.sample()
        // A previous file that lists nothing: every incident update is new.
        try Data(#"{"incidents":[]}"#.utf8).write(to: root.appendingPathComponent("nothing.json"))
        let transport = ScriptedTransport(defaults: ["/slack": 500])
        let summary = try await Self.run(root, since: "nothing.json", retries: 0, transport: transport).run()
        #expect(!summary.succeeded)
        #expect(summary.newUpdates.count > 2)
        #expect(summary.newUpdates.allSatisfy { !$0.isMaintenance }, "without a page, maintenances count as published")
        let first = try #require(summary.newUpdates.first?.id)
        let second = summary.newUpdates[1].id
        let lines = summary.lines
        #expect(
            lines.contains(
                .error(
                    "error: \(first) was not sent to everyone (slack): everyone still fails after 1 attempt: HTTP 500; response body: \"no\""
                )))
        #expect(lines.contains(.error("error: \(second) was not sent to everyone (slack): an earlier update failed")))
        #expect(lines.last == .error("1 notify target failed; run notify again to retry them"))
        #expect(transport.requests.count { $0.url.path == "/slack" } == 1)
        #expect(summary.report.sentCount == transport.requests.count - 1)
    }

    @Test func aDryRunShowsTheMessagesNotesMissingURLsAndSendsNothing() async throws {
        let root = try await Self.sample()
        let transport = ScriptedTransport()
        var environment = Self.environment
        environment["HERALD_RUN_WEBHOOK_URL"] = nil
        let summary = try await Self.run(root, dryRun: true, environment: environment, transport: transport).run()
        let lines = summary.lines
        try #require(lines.count == 4)
        #expect(
            lines[0]
                == .output(
                    "note: payments-team: the environment variable HERALD_RUN_WEBHOOK_URL is not set;"
                        + " it must hold the target's webhook URL"))
        #expect(lines[1].text.hasPrefix("would send \(Self.updateID) to everyone (slack):\n{\n"))
        #expect(lines[1].text.contains("Still *watching* the payments."))
        #expect(lines[2].text.hasPrefix("would send \(Self.updateID) to payments-team (webhook):\n{\n"))
        #expect(lines[1...2].allSatisfy { $0.text.hasSuffix("}\n") && !$0.isError })
        #expect(lines[3] == .output("dry run: nothing was sent and the ledger is unchanged"))
        #expect(summary.succeeded)
        #expect(transport.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: summary.ledger.path))
    }

    // MARK: Nothing to send

    @Test func withoutTargetsNothingIsSent() async throws {
        let root = try await Self.sample(notify: false)
        let transport = ScriptedTransport()
        let summary = try await Self.run(root, transport: transport).run()
        #expect(summary.newUpdates.map(\.id) == [Self.updateID])
        #expect(summary.lines == [.output("herald.yml has no notify: targets; nothing was sent")])
        #expect(summary.succeeded)
        #expect(transport.requests.isEmpty)

        // With nothing new either, there is nothing to say after the count.
        try await Self.publishAPI(of: root, at: Self.runTime, into: "current")
        let current = try await Self.run(root, since: "current", transport: transport).run()
        #expect(current.headline == .output("0 new updates since \(current.previous)"))
        #expect(current.lines.isEmpty)
    }

    // MARK: Failures before sending

    @Test func aSiteWithErrorsThrowsItsDiagnostics() async throws {
        let root = try await Self.sample()
        let config = root.appendingPathComponent("herald.yml")
        try (try String(contentsOf: config, encoding: .utf8) + "bogus: 1\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let transport = ScriptedTransport()
        let progress = ProgressLog()
        do {
            _ = try await Self.run(root, transport: transport).run(progress: progress.add)
            Issue.record("a site with errors was notified about")
        } catch {
            guard case .invalidSite(let diagnostics) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("'bogus'") })
            #expect(error.description == "the site has 1 error; nothing was sent")
        }
        #expect(progress.all.isEmpty)
        #expect(transport.requests.isEmpty)
    }

    @Test func anUnreadablePreviousStateThrows() async throws {
        let root = try await Self.sample()
        let run = Self.run(root, since: "file:missing.json", transport: ScriptedTransport())
        await #expect(
            throws: NotifyError.unreadablePrevious(root.appendingPathComponent("missing.json").path, "no such file")
        ) {
            try await run.run()
        }
    }

    @Test func aLedgerThatCannotBeReadThrowsAfterTheCount() async throws {
        let root = try await Self.sample()
        try Data("nope".utf8).write(to: root.appendingPathComponent("broken-ledger.json"))
        let transport = ScriptedTransport()
        let progress = ProgressLog()
        do {
            _ = try await Self.run(root, ledgerPath: "broken-ledger.json", transport: transport)
                .run(progress: progress.add)
            Issue.record("a broken ledger was used")
        } catch {
            guard case .ledger(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == root.appendingPathComponent("broken-ledger.json").path)
        }
        #expect(progress.all == [.output("1 new update since \(Self.previousPath(root))")])
        #expect(transport.requests.isEmpty)
    }

    // MARK: Settings

    @Test func theLedgerAndRetriesComeFromTheArguments() {
        let root = URL(fileURLWithPath: "/sites/status")
        var run = NotifyRun(
            root: root, now: Fixture.now, since: "HEAD~1", workingDirectory: URL(fileURLWithPath: "/work"),
            timeout: 2.5, retries: 2, retryDelay: 0.1, environment: [:], version: "1.2.3")
        #expect(run.ledger.path == "/sites/status/.herald-notify-ledger.json")
        run.ledgerPath = "cache/../ledger.json"
        #expect(run.ledger.path == "/work/ledger.json")
        run.ledgerPath = "/var/ledger.json"
        #expect(run.ledger.path == "/var/ledger.json")
        // A folder's URL without the trailing slash is still the folder.
        run.workingDirectory = URL(string: "file:///work/site")!
        run.ledgerPath = "ledger.json"
        #expect(run.ledger.path == "/work/site/ledger.json")

        let options = run.notifierOptions(targets: [])
        #expect(options.retry.attempts == 3)
        #expect(options.retry.baseDelay == .milliseconds(100))
        #expect("\(options.retry.delay(after: 1))" == "0.1 seconds")
        #expect(options.retry.timeout == .milliseconds(2500))
        #expect(options.userAgent == "Herald/1.2.3")
        #expect(options.ledger == run.ledger)
    }
}
