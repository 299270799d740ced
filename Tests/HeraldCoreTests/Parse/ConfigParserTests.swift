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

    /// `url` is printed into every page, feed and the API as it is.
    @Test(arguments: [
        ("https://deploy:s3cret@status.example.com/", "must not hold a user name or password"),
        ("https://deploy@status.example.com/", "must not hold a user name or password"),
        ("\"https://status.example.com/\\r\\nSet-Cookie: a=b\"", "the control character U+000D"),
        ("\"https://status.example.com/\\u0085\"", "the control character U+0085"),
        ("\"https://status.example.com/\\u007F\"", "the control character U+007F"),
        ("https://status.example.com:99999999999/", "has the port 99999999999; a port is a number from 1 to 65535"),
        ("https://status.example.com:0/", "has the port 0"),
        ("https://status.example.com:65536/", "has the port 65536"),
        ("https://status.example.com:-1/", "must be an absolute http or https URL"),
        ("javascript:alert(1)", "must be an absolute http or https URL"),
        ("https:///path", "must be an absolute http or https URL"),
    ])
    func refusesURLsThatCannotBePublishedAsTheyAre(url: String, message: String) throws {
        guard case .failure(let error) = parse("title: T\nurl: \(url)\n") else {
            Issue.record("accepted \(url)")
            return
        }
        let diagnostic = try #require(error.diagnostics.first { $0.severity == .error })
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect((diagnostic.location.line, diagnostic.location.column) == (2, 6))
        #expect(diagnostic.expected.contains("https://status.example.com/"))
    }

    @Test(arguments: [
        "https://status.example.com:8443/", "http://[::1]:8080/status", "https://status.example.com:65535",
    ])
    func acceptsAValidPort(url: String) throws {
        #expect(try parse("title: T\nurl: \(url)\ncomponents: []\n").get().url.port != nil)
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
