import Foundation
import Testing

@testable import HeraldCore

struct ConfigParserTests {
    func parse(_ text: String) -> Result<SiteConfig, DiagnosticsError> {
        ConfigParser().parse(SourceFile(path: "herald.yml", text: text))
    }

    @Test func readsTheSettingsAndComponentsInOrder() throws {
        let config = try parse(
            """
            title: Acme Status
            description: Live status.
            url: https://example.com/status
            timezone: Europe/Berlin
            language: de
            components:
              - id: api
                name: API
                group: Core
                since: 2024-06-01
              - id: on
                name: Ops
            """
        ).get()
        #expect(config.title == "Acme Status")
        #expect(config.url.absoluteString == "https://example.com/status/")
        #expect(config.basePath == "/status/")
        #expect(config.absoluteURL("feed.json") == "https://example.com/status/feed.json")
        #expect(config.timeZone.identifier == "Europe/Berlin")
        #expect(config.language == "de")
        #expect(config.components.map(\.id) == ["api", "on"])
        #expect(config.components.map(\.position) == [0, 1])
        #expect(config.components[0].group == "Core")
        #expect(config.components[0].since.map(Timestamp.iso8601) == "2024-05-31T22:00:00Z")
        #expect(config.components[1].group == nil)
    }

    @Test func defaultsToUTCAndEnglish() throws {
        let config = try parse("title: T\nurl: https://example.com\ncomponents: []\n").get()
        #expect(config.timeZone.secondsFromGMT() == 0)
        #expect(config.timeZoneName == "UTC")
        #expect(config.language == "en")
    }

    @Test(arguments: [
        ("title: T\nurl: /status\n", 2, 6, "'url' must be an absolute http or https URL"),
        ("title: T\nurl: ftp://example.com\n", 2, 6, "'url' must be an absolute http or https URL"),
        ("title: T\nurl: https://example.com\ntimezone: Europe/Berlim\n", 3, 11, "unknown time zone 'Europe/Berlim'"),
        ("title: T\nurl: https://example.com\nthemes: dark\n", 3, 1, "unknown key 'themes'"),
        ("url: https://example.com\n", 1, 1, "herald.yml has no 'title'"),
        (
            "title: T\nurl: https://example.com\ncomponents:\n  - id: api\n    name: A\n  - id: api\n    name: B\n", 6,
            9,
            "duplicate component id 'api'"
        ),
        (
            "title: T\nurl: https://example.com\ncomponents:\n  - id: ''\n    name: A\n", 4, 5,
            "'id' of a component must not be empty"
        ),
        (
            "title: T\nurl: https://example.com\ncomponents:\n  - id: Big API\n    name: A\n", 4, 9,
            "component id 'Big API'"
        ),
        ("title: T\nurl: https://example.com\ncomponents:\n  - id: api\n", 4, 5, "a component has no 'name'"),
        ("title: T\nurl: https://example.com\ncomponents:\n  - id: api\n    nmae: A\n", 5, 5, "unknown key 'nmae'"),
    ])
    func reportsBadSettings(text: String, line: Int, column: Int, message: String) throws {
        guard case .failure(let error) = parse(text) else {
            Issue.record("accepted")
            return
        }
        let diagnostic = try #require(error.diagnostics.first { $0.message.contains(message) })
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect((diagnostic.location.line, diagnostic.location.column) == (line, column), "\(diagnostic.formatted)")
    }

    @Test func suggestsAKnownKeyAndZone() throws {
        guard case .failure(let error) = parse("titel: T\nurl: https://example.com\ntimezone: Europe/Berlim\n") else {
            Issue.record("accepted")
            return
        }
        #expect(error.diagnostics.compactMap(\.suggestion).contains("did you mean 'title'?"))
        #expect(error.diagnostics.compactMap(\.suggestion).contains("did you mean 'Europe/Berlin'?"))
    }
}
