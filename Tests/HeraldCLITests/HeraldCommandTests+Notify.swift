import FlyingFox
import FlyingSocks
import Foundation
import Testing

/// End-to-end runs of `herald notify` from the built binary against a real HTTP server on the
/// loopback interface; part of the serialized CLI suite, so that they never compete with its
/// timing-sensitive `serve` tests.
extension HeraldCommandTests {
    /// Records every request and answers from a script of statuses per path (then 200).
    actor NotifyRecorder: HTTPHandler {
        private(set) var received: [(path: String, headers: [String: String], body: String)] = []
        private var scripts: [String: [Int]] = [:]

        func script(_ path: String, _ statuses: [Int]) { scripts[path] = statuses }
        func count(_ path: String) -> Int { received.count { $0.path == path } }

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            received.append((request.path, headers, String(decoding: try await request.bodyData, as: UTF8.self)))
            var status = 200
            if var script = scripts[request.path], !script.isEmpty {
                status = script.removeFirst()
                scripts[request.path] = script
            }
            return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: status == 200 ? "OK" : "Error"))
        }
    }

    static let notifySection = """
        notify:
          - id: everyone
            type: slack
            url_env: HERALD_E2E_SLACK_URL
          - id: payments-team
            type: webhook
            url_env: HERALD_E2E_WEBHOOK_URL
            components: [payments]
          - id: mobile-team
            type: discord
            url_env: HERALD_E2E_DISCORD_URL
            components: [mobile-apps]

        """

    /// Runs the binary without blocking a thread of the cooperative pool, which the loopback
    /// server in this process needs to answer the binary's requests.
    func runWithoutBlocking(_ arguments: [String], environment: [String: String]) async throws -> Run {
        let folder = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask,
            appropriateFor: FileManager.default.temporaryDirectory, create: true)
        let out = folder.appendingPathComponent("stdout")
        let err = folder.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Run(
            status: status,
            stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8)
        )
    }

    @Test func notifySendsNewUpdatesOnceRetriesAndFailsLoudly() async throws {
        let recorder = NotifyRecorder()
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
        await server.appendRoute("*", to: recorder)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        try await server.waitUntilListening(timeout: 60)
        guard let address = await server.listeningAddress, case .ip4(_, let port) = address else {
            Issue.record("the server has no address")
            return
        }
        let base = "http://127.0.0.1:\(port)"
        let environment = [
            "HERALD_E2E_SLACK_URL": base + "/slack",
            "HERALD_E2E_WEBHOOK_URL": base + "/webhook",
            "HERALD_E2E_DISCORD_URL": base + "/discord",
        ]

        // Publish the sample, keep its API as the previous state, then post one more update.
        let root = try copyOfSample()
        let config = root.appendingPathComponent("herald.yml")
        try (try String(contentsOf: config, encoding: .utf8) + Self.notifySection)
            .write(to: config, atomically: true, encoding: .utf8)
        #expect(try run(["build", "--root", root.path, "--now", "2026-11-27T09:00:00Z"]).status == 0)
        let previous = root.appendingPathComponent("previous")
        try FileManager.default.copyItem(at: root.appendingPathComponent("site/api/v2"), to: previous)
        let incident = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let text = try String(contentsOf: incident, encoding: .utf8)
        let marker = try #require(text.range(of: "\n## "))
        try
            (text[..<marker.lowerBound] + "\n## Update — 2026-11-27 09:30 UTC\nStill **watching** the payments.\n"
            + text[marker.lowerBound...]).write(to: incident, atomically: true, encoding: .utf8)
        let arguments = [
            "notify", "--root", root.path, "--now", "2026-11-27T10:00:00Z", "--since",
            previous.appendingPathComponent("incidents.json").path, "--retry-delay", "0", "--timeout", "60",
        ]
        let updateID = "2026-11-27-delayed-payments-update-20261127T093000Z"

        // A dry run prints the messages and sends nothing.
        let dry = try await runWithoutBlocking(arguments + ["--dry-run"], environment: environment)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("1 new update since"))
        #expect(dry.stdout.contains("would send \(updateID) to everyone (slack):\n{"))
        #expect(dry.stdout.contains("Still *watching* the payments."))
        #expect(dry.stdout.contains("would send \(updateID) to payments-team (webhook):"))
        #expect(!dry.stdout.contains("mobile-team"))
        #expect(await recorder.received.isEmpty)

        // Slack answers 503 once; the retry gets through. The Discord team owns no affected component.
        await recorder.script("/slack", [503])
        let first = try await runWithoutBlocking(arguments, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("sent \(updateID) to everyone (slack) after 2 attempts"), "\(first.stdout)")
        #expect(first.stdout.contains("sent \(updateID) to payments-team (webhook)"))
        #expect(first.stderr.contains("everyone: attempt 1 of 4 failed: HTTP 503"))
        #expect(await recorder.count("/slack") == 2)
        #expect(await recorder.count("/webhook") == 1)
        #expect(await recorder.count("/discord") == 0)
        let webhook = try #require(await recorder.received.first { $0.path == "/webhook" })
        #expect(webhook.headers["idempotency-key"] == updateID)
        #expect(webhook.headers["user-agent"]?.hasPrefix("Herald/") == true)
        #expect(webhook.body.contains("\"incident_updates\""))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".herald-notify-ledger.json").path))

        // The same inputs again: nothing is sent twice.
        let second = try await runWithoutBlocking(arguments, environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("skipped \(updateID) for everyone (slack): already delivered"))
        #expect(await recorder.received.count == 3)

        // With a fresh ledger and an endpoint that keeps failing, notify exits with 1.
        await recorder.script("/slack", [500, 500])
        let ledger = root.appendingPathComponent("other-ledger.json").path
        let failing = try await runWithoutBlocking(
            arguments + ["--ledger", ledger, "--retries", "1"], environment: environment)
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("everyone still fails after 2 attempts: HTTP 500"), "\(failing.stderr)")
        #expect(failing.stderr.contains("1 notify target failed"))

        // A missing secret fails the target that needs it, naming the variable.
        var withoutSlack = environment
        withoutSlack["HERALD_E2E_SLACK_URL"] = ""
        let missing = try await runWithoutBlocking(
            arguments + ["--ledger", root.appendingPathComponent("third-ledger.json").path],
            environment: withoutSlack)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("the environment variable HERALD_E2E_SLACK_URL is not set"))
        await server.stop(timeout: 1)
    }

    @Test func checkRejectsABadNotifySection() throws {
        let root = try copyOfSample()
        let config = root.appendingPathComponent("herald.yml")
        let original = try String(contentsOf: config, encoding: .utf8)
        try (original + "notify:\n  - id: support\n    type: teems\n    url_env: TEAMS_URL\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let line = original.count { $0 == "\n" } + 3
        let result = try run(["check", "--root", root.path, "--now", "2026-11-27T09:00:00Z"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("herald.yml:\(line):11: error: unknown notify target type 'teems'"),
            "\(result.stderr)")
        #expect(result.stderr.contains("did you mean 'teams'?"))
    }
}
