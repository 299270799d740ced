import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore
@testable import HeraldNotify

/// A target that redirects is a failure, never a delivery; URLs notify prints carry no secrets.
extension NotifyTests {
    @Test(arguments: [301, 302, 303, 307, 308])
    func aRedirectIsAFailureAndNothingReachesTheOtherHost(status: Int) async throws {
        let site = try Self.site()
        let harness = try await Harness.start([Self.allKinds[0]])
        let other = try LoopbackServer()
        let otherBase = try await other.start()
        defer {
            Task {
                await harness.server.stop()
                await other.stop()
            }
        }
        let location = otherBase.appendingPathComponent("slack").absoluteString
        await harness.server.redirect("/slack", status, to: location)
        let notice = try Self.notice(Self.monitoring, in: site)
        let report = try await harness.notifier(attempts: 3).run(updates: [notice], context: NotifyContext(site: site))
        #expect(!report.succeeded)
        #expect(report.sentCount == 0)
        let reason = try #require(report.failures["slack"])
        #expect(reason.contains("answered HTTP \(status), a redirect to \(location)"), "\(reason)")
        #expect(reason.contains("set HERALD_TEST_SLACK_URL to the final URL"))
        // Asked once (a redirect is not retried), and the other host heard nothing.
        #expect(await harness.server.requests(to: "/slack").count == 1)
        #expect(await other.requests.isEmpty)

        // Nothing was recorded: once the target answers, the next run delivers the message.
        await harness.server.clearRedirect("/slack")
        let again = try await harness.notifier().run(updates: [notice], context: NotifyContext(site: site))
        #expect(again.succeeded)
        #expect(again.sentCount == 1)
    }

    @Test(arguments: [
        (
            "cannot read 'https://user:secret@status.example.com/api/v2/incidents.json': timed out",
            "cannot read 'https://***@status.example.com/api/v2/incidents.json': timed out"
        ),
        ("http://u@h/x?token=abc&b=2 and ftp://a:b@c", "http://***@h/x?*** and ftp://***@c"),
        ("3 new updates since /srv/site/api/v2/incidents.json", "3 new updates since /srv/site/api/v2/incidents.json"),
        ("see https://example.com/faq#top", "see https://example.com/faq#top"),
    ])
    func urlsLoseTheirCredentialsAndQueries(text: String, expected: String) {
        #expect(Redaction.redact(text) == expected)
    }

    @Test func everyPrintedLineAndErrorIsRedacted() {
        let line = NotifyRun.Line(
            text: "1 new update since https://bot:hunter2@example.com/api?key=k\n", isError: false)
        #expect(line.text == "1 new update since https://***@example.com/api?***\n")
        let error = NotifyError.unreadablePrevious("https://bot:hunter2@example.com/x.json", "HTTP 404")
        #expect(error.description == "cannot read the previous state 'https://***@example.com/x.json': HTTP 404")
        #expect(!error.description.contains("hunter2"))
    }

    @Test func anErrorAnswerIsQuotedAndLabelled() {
        #expect(Notifier.describe(Data("ok".utf8)) == "; response body: \"ok\"")
        #expect(Notifier.describe(Data("a\u{1B}[2J\"b\"\r\nc".utf8)) == "; response body: \"a [2J\\\"b\\\" c\"")
        #expect(Notifier.describe(Data()) == "")
        #expect(Notifier.describe(Data(String(repeating: "x", count: 500).utf8)).hasSuffix("(cut at 200 bytes)"))
    }
}
