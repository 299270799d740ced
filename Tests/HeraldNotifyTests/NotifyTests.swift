import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore
@testable import HeraldNotify

/// `herald notify`'s core against a real HTTP server on the loopback interface: the exact payload
/// per target (golden files in `Tests/Golden/notify/`, re-recorded on purpose with
/// `HERALD_RECORD_GOLDEN=1 swift test --filter NotifyTests`, which then fails by design),
/// component filters, retries, failures, idempotence and dry runs.
@Suite(.serialized)
struct NotifyTests {
    static let goldenFolder = Fixture.repositoryRoot.appendingPathComponent("Tests/Golden/notify")

    static let payments = """
        ---
        title: Delayed payments & <refunds>
        impact: major
        components:
          payments: partial_outage
          billing-emails: degraded_performance
        ---

        ## Resolved — 2026-11-26 15:40 UTC
        All delayed payments have been processed.

        ## Monitoring — 2026-11-26 15:10 UTC
        Components: payments=degraded_performance
        A fix is **deployed** and payments are _flowing_ again; see [the FAQ](https://example.com/faq?a=1&b=2).

        - Card payments: settled
        - Bank transfers: `queued` < 5 min

        ~~Refunds~~ are next.

        ## Investigating — 2026-11-26 14:05 UTC
        We're seeing delays in payment processing.
        """

    static let api = """
        ---
        title: API errors
        impact: critical
        components: [api]
        ---

        ## Investigating — 2026-11-26 16:00 UTC
        The API answers with errors.
        """

    static let maintenance = """
        ---
        title: Database upgrade
        maintenance:
          start: 2026-12-06 02:00 UTC
          end: 2026-12-06 04:00 UTC
        components: [api]
        ---

        ## Scheduled — 2026-11-26 10:00 UTC
        We will upgrade the database. Expect **short** pauses.
        """

    static func site(
        _ files: [(String, String)] = [
            ("2026-11-26-payments", payments), ("2026-11-26-api", api), ("2026-12-06-database", maintenance),
        ]
    ) throws -> Site {
        var incidents: [Incident] = []
        for (name, text) in files {
            let output = Fixture.parse(text, name: name)
            incidents.append(try #require(output.incident, "\(output.diagnostics.map(\.formatted))"))
        }
        return Site(config: Fixture.config, incidents: incidents, now: Fixture.now)
    }

    static func notice(_ id: String, in site: Site) throws -> UpdateNotice {
        try #require(UpdateNotice.all(in: site).first { $0.id == id })
    }

    static let monitoring = "2026-11-26-payments-update-20261126T151000Z"

    /// A server, targets pointing at it, and a notifier with instant retries.
    struct Harness {
        var server: LoopbackServer
        var base: URL
        var ledger: URL
        var targets: [NotifyTarget]

        static func start(_ targets: [NotifyTarget]) async throws -> Harness {
            let server = try LoopbackServer()
            let base = try await server.start()
            let ledger = try Fixture.temporaryFolder().appendingPathComponent("ledger.json")
            return Harness(server: server, base: base, ledger: ledger, targets: targets)
        }

        var environment: [String: String] {
            Dictionary(
                targets.map { ($0.urlEnvironmentVariable, base.appendingPathComponent($0.id).absoluteString) },
                uniquingKeysWith: { a, _ in a })
        }

        func notifier(dryRun: Bool = false, attempts: Int = 3, timeout: Duration = .seconds(30)) -> Notifier {
            Notifier(
                options: .init(
                    targets: targets,
                    environment: environment,
                    ledger: ledger,
                    dryRun: dryRun,
                    retry: RetryPolicy(attempts: attempts, baseDelay: .zero, timeout: timeout, sleep: { _ in })
                )
            )
        }
    }

    static let allKinds = NotifyTarget.Kind.allCases.map {
        NotifyTarget(id: $0.rawValue, kind: $0, urlEnvironmentVariable: "HERALD_TEST_\($0.rawValue.uppercased())_URL")
    }

    // MARK: Payloads

    @Test(arguments: NotifyTarget.Kind.allCases)
    func eachTargetReceivesItsExactPayload(kind: NotifyTarget.Kind) async throws {
        let site = try Self.site()
        let harness = try await Harness.start(Self.allKinds.filter { $0.kind == kind })
        defer { Task { await harness.server.stop() } }
        let notices = try [
            Self.notice(Self.monitoring, in: site),
            Self.notice(
                "2026-12-06-database-update-20261126T100000Z", in: site),
        ]
        let report = try await harness.notifier().run(updates: notices, context: NotifyContext(site: site))
        #expect(report.succeeded, "\(report.failures)")

        let requests = await harness.server.requests(to: "/\(kind.rawValue)")
        try #require(requests.count == 2)
        for (request, name) in zip(requests, ["incident", "maintenance"]) {
            #expect(request.method == "POST")
            #expect(request.headers["content-type"] == "application/json; charset=utf-8")
            let file = Self.goldenFolder.appendingPathComponent("\(kind.rawValue)-\(name).json")
            if ProcessInfo.processInfo.environment["HERALD_RECORD_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
                try request.body.write(to: file)
                Issue.record("Recorded \(file.lastPathComponent); run again without HERALD_RECORD_GOLDEN to compare.")
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(request.text == expected, "the \(kind.rawValue) payload differs from \(file.lastPathComponent)")
        }
        #expect((requests[0].headers["idempotency-key"] != nil) == (kind == .webhook))
        if kind == .webhook { #expect(requests[0].headers["idempotency-key"] == Self.monitoring) }
    }

    @Test func slackTextIsEscapedAndLinksUseSlackSyntax() async throws {
        let site = try Self.site()
        let body = try NotifyPayload.body(
            for: .slack, notice: Self.notice(Self.monitoring, in: site), context: NotifyContext(site: site))
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let text = try #require(json["text"] as? String)
        #expect(text == "[Major] Delayed payments &amp; &lt;refunds&gt;: Monitoring")
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        let section = try #require((blocks[2]["text"] as? [String: Any])?["text"] as? String)
        #expect(section.contains("<https://example.com/faq?a=1&b=2|the FAQ>"))
        #expect(section.contains("*deployed*"))
        #expect(section.contains("_flowing_"))
        #expect(section.contains("`queued` &lt; 5 min"))
        #expect(section.contains("~Refunds~"))
        #expect(section.contains("• Card payments: settled"))
    }

    @Test func discordRespectsItsLimitsAndColoursByImpact() throws {
        let site = try Self.site()
        var notice = try Self.notice(Self.monitoring, in: site)
        notice.title = String(repeating: "t", count: 300)
        notice.markdown = String(repeating: "word ", count: 2000)
        let body = try NotifyPayload.body(for: .discord, notice: notice, context: NotifyContext(site: site))
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let embed = try #require((json["embeds"] as? [[String: Any]])?.first)
        #expect((embed["title"] as? String)?.count == 256)
        #expect((embed["description"] as? String)?.count == 4096)
        #expect((embed["description"] as? String)?.hasSuffix("…") == true)
        #expect(embed["color"] as? Int == 0xE6_7E22)
        #expect((json["allowed_mentions"] as? [String: [String]])?["parse"] == [])

        let resolved = try Self.notice("2026-11-26-payments-update-20261126T154000Z", in: site)
        #expect(NotifyPayload.discordColor(resolved) == 0x2E_CC71)
        let critical = try Self.notice("2026-11-26-api-update-20261126T160000Z", in: site)
        #expect(NotifyPayload.discordColor(critical) == 0xE7_4C3C)
    }

    @Test func webhookCarriesTheIncidentAsOfTheUpdate() throws {
        let site = try Self.site()
        let body = try NotifyPayload.body(
            for: .webhook, notice: Self.notice(Self.monitoring, in: site), context: NotifyContext(site: site))
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let page = try #require(json["page"] as? [String: Any])
        #expect(page["status_indicator"] as? String == "critical")
        #expect(page["status_description"] as? String == "Major Service Outage")
        let meta = try #require(json["meta"] as? [String: Any])
        #expect(meta.keys.sorted() == ["documentation", "unsubscribe"])
        let incident = try #require(json["incident"] as? [String: Any])
        #expect(incident["id"] as? String == "2026-11-26-payments")
        #expect(incident["status"] as? String == "monitoring")
        #expect(incident["resolved_at"] is NSNull)
        let updates = try #require(incident["incident_updates"] as? [[String: Any]])
        #expect(
            updates.map { $0["id"] as? String } == [Self.monitoring, "2026-11-26-payments-update-20261126T140500Z"])
    }

    @Test func aNoticeIsAnnouncedAsANoticeNeverAsAnOutageOrAnEnd() throws {
        let text = """
            ---
            title: New IP ranges
            notice:
              until: 2026-12-10 00:00 UTC
            components: [api]
            ---

            ## Update — 2026-11-26 12:00 UTC
            The range is final.

            ## Notice — 2026-11-25 10:00 UTC
            Webhooks come from `203.0.113.0/24` from Monday.
            """
        let site = try Self.site([("2026-11-25-ip-ranges", text)])
        let notices = UpdateNotice.all(in: site)
        #expect(notices.map(\.statusLabel) == ["Notice", "Update"])
        #expect(notices.allSatisfy { $0.isNotice && !$0.isFinal && $0.impactLabel == "Notice" })
        #expect(NotifyPayload.headline(notices[0]) == "[Notice] New IP ranges: Notice")
        #expect(notices.allSatisfy { NotifyPayload.discordColor($0) == 0x34_98DB })
        let body = try NotifyPayload.body(for: .slack, notice: notices[1], context: NotifyContext(site: site))
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["text"] as? String == "[Notice] New IP ranges: Update")
        // Filters by component work as for incidents.
        #expect(notices.allSatisfy { $0.components.map(\.id) == ["api"] })
    }

    // MARK: Delivery

    @Test func componentFiltersDecideWhoHearsWhat() async throws {
        let site = try Self.site()
        let targets = [
            NotifyTarget(id: "everyone", kind: .slack, urlEnvironmentVariable: "A_URL"),
            NotifyTarget(
                id: "payments-team", kind: .discord, urlEnvironmentVariable: "B_URL", components: ["payments"]),
            NotifyTarget(id: "api-team", kind: .teams, urlEnvironmentVariable: "C_URL", components: ["api"]),
        ]
        let harness = try await Harness.start(targets)
        defer { Task { await harness.server.stop() } }
        let report = try await harness.notifier().run(
            updates: UpdateNotice.all(in: site), context: NotifyContext(site: site))
        #expect(report.succeeded)
        #expect(await harness.server.requests(to: "/everyone").count == 5)
        #expect(await harness.server.requests(to: "/payments-team").count == 3)
        #expect(await harness.server.requests(to: "/api-team").count == 2)
        let paymentsTeam = report.deliveries.filter { $0.target == "payments-team" }.map(\.update)
        #expect(paymentsTeam.allSatisfy { $0.hasPrefix("2026-11-26-payments-") })
        // Oldest first.
        let sent = await harness.server.requests(to: "/payments-team").map(\.text)
        #expect(sent[0].contains("We're seeing delays"))
        #expect(sent[2].contains("All delayed payments have been processed"))
    }

    @Test func a503IsRetriedUntilItSucceeds() async throws {
        let site = try Self.site()
        let harness = try await Harness.start([Self.allKinds[0]])
        defer { Task { await harness.server.stop() } }
        await harness.server.script("/slack", [503, 502])
        let delays = DelayLog()
        let notifier = Notifier(
            options: .init(
                targets: harness.targets,
                environment: harness.environment,
                ledger: harness.ledger,
                retry: RetryPolicy(
                    attempts: 4, baseDelay: .seconds(1), timeout: .seconds(30), sleep: { await delays.add($0) })
            )
        )
        let report = try await notifier.run(
            updates: [Self.notice(Self.monitoring, in: site)], context: NotifyContext(site: site))
        #expect(report.succeeded)
        #expect(report.deliveries.map(\.outcome) == [.sent(attempts: 3)])
        let requests = await harness.server.requests(to: "/slack")
        #expect(requests.count == 3)
        #expect(Set(requests.map(\.text)).count == 1, "every attempt sends the same body")
        #expect(await delays.delays == [.seconds(1), .seconds(2)])
    }

    actor DelayLog {
        var delays: [Duration] = []
        func add(_ delay: Duration) { delays.append(delay) }
    }

    @Test func aTargetThatStillFailsFailsTheRunButNotTheOthers() async throws {
        let site = try Self.site()
        let harness = try await Harness.start(Array(Self.allKinds.prefix(2)))
        defer { Task { await harness.server.stop() } }
        await harness.server.setDefault("/slack", 500)
        let notices = UpdateNotice.all(in: site).filter { $0.incidentID == "2026-11-26-payments" }
        let report = try await harness.notifier(attempts: 3).run(updates: notices, context: NotifyContext(site: site))
        #expect(!report.succeeded)
        #expect(report.failures["slack"]?.contains("still fails after 3 attempts: HTTP 500") == true)
        #expect(report.failures["teams"] == nil)
        // The failed target gets nothing after its first failure, so nothing arrives out of order.
        #expect(await harness.server.requests(to: "/slack").count == 3)
        #expect(
            report.deliveries.filter { $0.target == "slack" }.map(\.outcome).dropFirst().allSatisfy {
                $0 == .notAttempted
            })
        #expect(await harness.server.requests(to: "/teams").count == 3)

        // A 4xx answer is not retried.
        await harness.server.setDefault("/slack", 404)
        let again = try await harness.notifier(attempts: 3).run(updates: notices, context: NotifyContext(site: site))
        #expect(again.failures["slack"]?.contains("refused the message: HTTP 404") == true)
        #expect(await harness.server.requests(to: "/slack").count == 4)
        // Teams got everything the first time and is not sent anything again.
        #expect(await harness.server.requests(to: "/teams").count == 3)

        // Once the endpoint works again, the next run delivers what is missing, oldest first.
        await harness.server.setDefault("/slack", 200)
        let third = try await harness.notifier().run(updates: notices, context: NotifyContext(site: site))
        #expect(third.succeeded)
        #expect(third.sentCount == 3)
        #expect(await harness.server.requests(to: "/teams").count == 3)
    }

    @Test func aTimeoutCountsAsAFailedAttempt() async throws {
        let site = try Self.site()
        let harness = try await Harness.start([Self.allKinds[2]])
        defer { Task { await harness.server.stop() } }
        await harness.server.delay("/discord", .seconds(60))
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await harness.notifier(attempts: 2, timeout: .seconds(1)).run(
            updates: [Self.notice(Self.monitoring, in: site)], context: NotifyContext(site: site))
        #expect(report.failures["discord"]?.contains("still fails after 2 attempts") == true, "\(report.failures)")
        #expect(clock.now - start >= .seconds(1.5), "each attempt waits for its timeout")
        #expect(clock.now - start < .seconds(30), "no attempt waits for the slow answer")
    }

    @Test func runningTwiceSendsNothingTheSecondTime() async throws {
        let site = try Self.site()
        let harness = try await Harness.start(Self.allKinds)
        defer { Task { await harness.server.stop() } }
        let updates = UpdateNotice.all(in: site)
        let first = try await harness.notifier().run(updates: updates, context: NotifyContext(site: site))
        #expect(first.sentCount == 20)
        let second = try await harness.notifier().run(updates: updates, context: NotifyContext(site: site))
        #expect(second.sentCount == 0)
        #expect(second.deliveries.allSatisfy { $0.outcome == .alreadyDelivered })
        #expect(await harness.server.requests.count == 20)
        let ledger = try DeliveryLedger.load(from: harness.ledger)
        #expect(ledger.delivered["webhook"]?.count == 5)
        let text = try String(contentsOf: harness.ledger, encoding: .utf8)
        #expect(text.hasPrefix("{\"delivered\":{\"discord\":[\"2026-11-26-api-update-20261126T160000Z\""))
    }

    @Test func aDryRunSendsNothingAndShowsTheBodies() async throws {
        let site = try Self.site()
        let harness = try await Harness.start([Self.allKinds[3]])
        defer { Task { await harness.server.stop() } }
        let notice = try Self.notice(Self.monitoring, in: site)
        let report = try await harness.notifier(dryRun: true).run(updates: [notice], context: NotifyContext(site: site))
        let expected = try NotifyPayload.body(for: .webhook, notice: notice, context: NotifyContext(site: site))
        #expect(report.deliveries.map(\.outcome) == [.wouldSend(body: String(decoding: expected, as: UTF8.self))])
        #expect(await harness.server.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: harness.ledger.path))
    }

    @Test func aMissingEnvironmentVariableFailsOnlyThatTarget() async throws {
        let site = try Self.site()
        let harness = try await Harness.start(Array(Self.allKinds.prefix(2)))
        defer { Task { await harness.server.stop() } }
        var environment = harness.environment
        environment.removeValue(forKey: "HERALD_TEST_SLACK_URL")
        let notifier = Notifier(
            options: .init(
                targets: harness.targets, environment: environment, ledger: harness.ledger,
                retry: RetryPolicy(baseDelay: .zero, timeout: .seconds(30), sleep: { _ in }))
        )
        let report = try await notifier.run(
            updates: [Self.notice(Self.monitoring, in: site)], context: NotifyContext(site: site))
        #expect(
            report.failures["slack"]
                == "the environment variable HERALD_TEST_SLACK_URL is not set; it must hold the target's webhook URL")
        #expect(report.sentCount == 1)
        // With nothing to send, a missing variable is no failure.
        let quiet = try await notifier.run(updates: [], context: NotifyContext(site: site))
        #expect(quiet.succeeded)
    }

    @Test func backoffDoublesUpToTheMaximumAndHonoursRetryAfter() {
        let policy = RetryPolicy(baseDelay: .seconds(1), maximumDelay: .seconds(5))
        #expect((1...5).map { policy.delay(after: $0) } == [1, 2, 4, 5, 5].map { Duration.seconds($0) })
        #expect(policy.delay(after: 1, retryAfter: 3) == .seconds(3))
        #expect(policy.delay(after: 1, retryAfter: 60) == .seconds(5))
        #expect(RetryPolicy.isRetryable(status: 503))
        #expect(RetryPolicy.isRetryable(status: 429))
        #expect(!RetryPolicy.isRetryable(status: 400))
    }
}
