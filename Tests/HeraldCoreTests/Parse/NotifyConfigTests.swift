import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// `herald.yml`'s `notify:` list: what it accepts, and the diagnostics for what it does not.
struct NotifyConfigTests {
    static let head = """
        title: T
        url: https://example.com
        components:
          - id: api
            name: API
          - id: payments
            name: Payments

        """

    func parse(_ notify: String) -> Result<SiteConfig, DiagnosticsError> {
        ConfigParser().parse(SourceFile(path: "herald.yml", text: Self.head + notify))
    }

    @Test func readsEveryKindOfTarget() throws {
        let config = try parse(
            """
            notify:
              - id: support
                type: slack
                url_env: SLACK_SUPPORT_WEBHOOK_URL
              - id: payments-team
                type: teams
                url_env: TEAMS_PAYMENTS_URL
                components: [payments]
              - id: community
                type: discord
                url_env: DISCORD_URL
                components: [api, payments]
              - id: pager
                type: webhook
                url_env: PAGER_WEBHOOK_URL
            """
        ).get()
        #expect(
            config.notify == [
                NotifyTarget(id: "support", kind: .slack, urlEnvironmentVariable: "SLACK_SUPPORT_WEBHOOK_URL"),
                NotifyTarget(
                    id: "payments-team", kind: .teams, urlEnvironmentVariable: "TEAMS_PAYMENTS_URL",
                    components: ["payments"]),
                NotifyTarget(
                    id: "community", kind: .discord, urlEnvironmentVariable: "DISCORD_URL",
                    components: ["api", "payments"]),
                NotifyTarget(id: "pager", kind: .webhook, urlEnvironmentVariable: "PAGER_WEBHOOK_URL"),
            ])
        #expect(try parse("").get().notify.isEmpty)
    }

    @Test(
        arguments: [
            (
                "notify:\n  - id: a\n    type: slak\n    url_env: A\n", 10, 11, "unknown notify target type 'slak'",
                "did you mean 'slack'?"
            ),
            ("notify:\n  - id: a\n    type: slack\n", 9, 5, "a notify target has no 'url_env'; it is required", nil),
            (
                "notify:\n  - id: a\n    type: slack\n    url_env: https://hooks.slack.com/services/x\n", 11, 14,
                "'url_env' must name an environment variable", nil
            ),
            (
                "notify:\n  - id: a\n    type: slack\n    url_env: A\n    components: [paymnets]\n", 12, 18,
                "unknown component 'paymnets' in a notify target", "did you mean 'payments'?"
            ),
            (
                "notify:\n  - id: a\n    type: slack\n    url: A\n", 11, 5, "unknown key 'url' in a notify target",
                nil
            ),
            (
                "notify:\n  - id: a\n    type: slack\n    url_env: A\n  - id: a\n    type: teams\n    url_env: B\n", 12,
                9,
                "duplicate notify target id 'a'", nil
            ),
            (
                "notify:\n  - id: Support Team\n    type: slack\n    url_env: A\n", 9, 9,
                "notify target id 'Support Team'", nil
            ),
            ("notify: slack\n", 8, 1, "'notify' must be a list of targets", nil),
            (
                "notify:\n  - id: a\n    type: slack\n    url_env: A\n    components: payments\n", 12, 5,
                "'components' of a notify target must be a non-empty list", nil
            ),
        ] as [(String, Int, Int, String, String?)])
    func reportsBadTargets(text: String, line: Int, column: Int, message: String, suggestion: String?) throws {
        guard case .failure(let error) = parse(text) else {
            Issue.record("accepted")
            return
        }
        let diagnostic = try #require(error.diagnostics.first { $0.message.contains(message) }, "\(error.diagnostics)")
        #expect((diagnostic.location.line, diagnostic.location.column) == (line, column), "\(diagnostic.formatted)")
        if let suggestion { #expect(diagnostic.suggestion == suggestion, "\(diagnostic.formatted)") }
    }

    @Test func unknownTypesListTheKnownOnes() throws {
        guard case .failure(let error) = parse("notify:\n  - id: a\n    type: email\n    url_env: A\n") else {
            Issue.record("accepted")
            return
        }
        #expect(error.diagnostics.first?.expected == ["slack", "teams", "discord", "webhook"])
        #expect(error.diagnostics.first?.headline == "herald.yml:10:11: error: unknown notify target type 'email'")
    }

    @Test func checkAndBuildRejectABadNotifySectionButNotAMissingVariable() async throws {
        let root = try Fixture.copyOfSample()
        let config = root.appendingPathComponent("herald.yml")
        let original = try String(contentsOf: config, encoding: .utf8)
        try (original + "notify:\n  - id: support\n    type: slack\n    url_env: HERALD_NOT_SET_ANYWHERE\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let good = await Builder(options: .init(root: root, now: Fixture.now)).check()
        #expect(good.diagnostics.isEmpty, "\(good.diagnostics.map(\.formatted))")

        try (original + "notify:\n  - id: support\n    type: slack\n    url_env: A\n    components: [paymnets]\n")
            .write(to: config, atomically: true, encoding: .utf8)
        do {
            _ = try await Builder(options: .init(root: root, now: Fixture.now)).build()
            Issue.record("the build succeeded")
        } catch {
            #expect(error.diagnostics.map(\.message).contains("unknown component 'paymnets' in a notify target"))
        }
    }
}
