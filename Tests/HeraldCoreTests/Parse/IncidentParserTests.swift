import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

struct IncidentParserTests {
    static let sample = """
        ---
        title: Delayed payment processing
        impact: major
        components:
          payments: partial_outage
          billing-emails: degraded_performance
        ---

        Card payments are accepted but settle late.

        ## Resolved — 2026-11-26 15:40 UTC
        All delayed payments have been processed.

        ## Monitoring — 2026-11-26 15:10 UTC
        A fix is deployed.

        ### Details
        - payments flow again

        ## Investigating — 2026-11-26 14:05 UTC
        We're experiencing some delay.
        """

    @Test func readsFrontMatterSummaryAndTimeline() throws {
        let output = Fixture.parse(Self.sample)
        #expect(output.diagnostics.isEmpty)
        let incident = try #require(output.incident)
        #expect(incident.slug == "2026-11-26-example")
        #expect(incident.title == "Delayed payment processing")
        #expect(incident.impact == .major)
        #expect(
            incident.components == [
                AffectedComponent(id: "payments", status: .partialOutage),
                AffectedComponent(id: "billing-emails", status: .degradedPerformance),
            ]
        )
        #expect(incident.summaryHTML == "<p>Card payments are accepted but settle late.</p>\n")
        #expect(incident.updates.map(\.status) == [.resolved, .monitoring, .investigating])
        #expect(Timestamp.iso8601(incident.started) == "2026-11-26T14:05:00Z")
        #expect(incident.resolvedAt.map(Timestamp.iso8601) == "2026-11-26T15:40:00Z")
        #expect(!incident.isOpen)
        let monitoring = incident.updates[1]
        #expect(monitoring.markdown == "A fix is deployed.\n\n### Details\n- payments flow again")
        #expect(monitoring.html.contains("<h4>Details</h4>"))
        #expect(monitoring.line == 14)
        #expect(monitoring.anchor == "update-20261126T151000Z")
    }

    @Test func anUpdatesMarkdownHasItsRelativeLinksMadeAbsoluteLikeItsHTML() throws {
        let text = """
            ---
            title: Slow API
            impact: minor
            components: [api]
            ---

            ## Monitoring — 2026-11-26 15:10 UTC
            As in [October](../2026-10-07-sign-in-failures/), a fix is deployed.

            ### Details
            - requests flow again
            """
        let update = try #require(Fixture.parse(text).incident?.updates.first)
        let url = "https://status.example.com/incidents/2026-10-07-sign-in-failures/"
        #expect(update.html.contains("href=\"\(url)\""))
        // The API's body and notify read the Markdown: the paragraph with the link is rewritten,
        // the rest is as written (the sub-heading keeps its level).
        #expect(update.markdown == "As in [October](\(url)), a fix is deployed.\n\n### Details\n- requests flow again")
    }

    @Test func orderInTheFileDoesNotMatter() throws {
        let text = """
            ---
            title: T
            impact: minor
            ---
            ## Investigating — 2026-11-26 14:05 UTC
            a
            ## Resolved — 2026-11-26 15:40 UTC
            b
            """
        let incident = try #require(Fixture.parse(text).incident)
        #expect(incident.updates.map(\.status) == [.resolved, .investigating])
        #expect(!incident.isOpen)
    }

    @Test func aListOfComponentsTakesItsStatusFromTheImpact() throws {
        let text = """
            ---
            title: API errors
            impact: critical
            components: [api, payments]
            ---
            ## Investigating — 2026-11-26 14:05 UTC
            x
            """
        let incident = try #require(Fixture.parse(text).incident)
        #expect(incident.components.map(\.status) == [.majorOutage, .majorOutage])
        #expect(incident.isOpen)
        #expect(incident.status == .investigating)
    }

    @Test func anUpdateKeepsThePreviousStatus() throws {
        let text = """
            ---
            title: T
            impact: minor
            ---
            ## Update — 2026-11-26 16:00 UTC
            still watching
            ## Monitoring — 2026-11-26 15:00 UTC
            fix deployed
            """
        let incident = try #require(Fixture.parse(text).incident)
        #expect(incident.status == .monitoring)
        #expect(incident.latestUpdate?.status == .update)
    }

    @Test func aPostmortemKeepsTheIncidentResolvedButReopeningWarns() throws {
        let postmortem = """
            ---
            title: T
            impact: minor
            ---
            ## Postmortem — 2026-11-27 08:00 UTC
            what happened
            ## Resolved — 2026-11-26 15:40 UTC
            done
            """
        let resolved = Fixture.parse(postmortem)
        #expect(resolved.diagnostics.isEmpty)
        #expect(try #require(resolved.incident).resolvedAt != nil)

        let reopened = Fixture.parse(
            """
            ---
            title: T
            impact: minor
            ---
            ## Investigating — 2026-11-26 16:00 UTC
            again
            ## Resolved — 2026-11-26 15:40 UTC
            done
            """
        )
        #expect(try #require(reopened.incident).isOpen)
        #expect(reopened.diagnostics.map(\.severity) == [.warning])
        #expect(reopened.diagnostics.first?.location.line == 5)
    }

    @Test func startedMovesTheStartBeforeTheFirstUpdate() throws {
        let text = """
            ---
            title: T
            impact: minor
            started: 2026-11-26 13:50 UTC
            ---
            ## Investigating — 2026-11-26 14:05 UTC
            x
            """
        let incident = try #require(Fixture.parse(text).incident)
        #expect(Timestamp.iso8601(incident.started) == "2026-11-26T13:50:00Z")
    }

    @Test(arguments: ["no", "1.0", "on", "null value", "2026-11-26"])
    func yamlTypingTrapsAreReadAsTheTextTheUserWrote(title: String) throws {
        let text = """
            ---
            title: \(title)
            impact: none
            ---
            ## Investigating — 2026-11-26 14:05 UTC
            x
            """
        let incident = try #require(Fixture.parse(text).incident)
        #expect(incident.title == title)
    }

    @Test func draftsAreParsedButNotPublished() throws {
        let text = """
            ---
            title: T
            impact: minor
            draft: true
            ---
            ## Investigating — 2026-11-26 14:05 UTC
            x
            """
        let incident = try #require(Fixture.parse(text).incident)
        #expect(incident.draft)
        #expect(Site(config: Fixture.config, incidents: [incident], now: Fixture.now).incidents.isEmpty)
    }

    // MARK: Diagnostics

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let invalidCases: [Case] = [
        Case(
            name: "no front matter",
            text: "# Outage\n\n## Investigating — 2026-11-26 14:05 UTC\n",
            line: 1,
            column: 1,
            message: "missing front matter"
        ),
        Case(
            name: "unterminated front matter",
            text: "---\ntitle: T\nimpact: minor\n\n## Investigating — 2026-11-26 14:05 UTC\n",
            line: 1,
            column: 1,
            message: "unterminated front matter"
        ),
        Case(
            name: "unknown impact",
            text: "---\ntitle: T\nimpact: majr\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 3,
            column: 9,
            message: "unknown impact 'majr'"
        ),
        Case(
            name: "missing title",
            text: "---\nimpact: minor\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 2,
            column: 1,
            message: "has no 'title'"
        ),
        Case(
            name: "unknown key",
            text: "---\ntitle: T\nimpact: minor\ncomponent: [api]\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 4,
            column: 1,
            message: "unknown key 'component'"
        ),
        Case(
            name: "unknown component",
            text:
                "---\ntitle: T\nimpact: minor\ncomponents: [paymnets]\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 4,
            column: 14,
            message: "unknown component 'paymnets'"
        ),
        Case(
            name: "unknown component status",
            text:
                "---\ntitle: T\nimpact: minor\ncomponents:\n  api: down\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 5,
            column: 8,
            message: "unknown component status 'down'"
        ),
        Case(
            name: "miscased update status",
            text: "---\ntitle: T\nimpact: minor\n---\n## monitoring — 2026-11-26 14:05 UTC\nx\n",
            line: 5,
            column: 4,
            message: "unknown update status 'monitoring'"
        ),
        Case(
            name: "heading without a time",
            text: "---\ntitle: T\nimpact: minor\n---\n## What happened\nx\n",
            line: 5,
            column: 1,
            message: "is not an update heading"
        ),
        Case(
            name: "impossible date",
            text: "---\ntitle: T\nimpact: minor\n---\n## Investigating — 2026-02-30 14:05 UTC\nx\n",
            line: 5,
            column: 28,
            message: "Feb 30, 2026 does not exist"
        ),
        Case(
            name: "impossible hour",
            text: "---\ntitle: T\nimpact: minor\n---\n## Investigating — 2026-11-26 25:00 UTC\nx\n",
            line: 5,
            column: 31,
            message: "25:00 is not a time of day"
        ),
        Case(
            name: "same time twice",
            text:
                "---\ntitle: T\nimpact: minor\n---\n## Monitoring — 2026-11-26 14:05 UTC\nx\n## Investigating — 2026-11-26 14:05 UTC\ny\n",
            line: 7,
            column: 20,
            message: "two updates have the same time"
        ),
        Case(
            name: "no updates",
            text: "---\ntitle: T\nimpact: minor\n---\nJust a summary.\n",
            line: 4,
            column: 1,
            message: "incident has no updates"
        ),
        Case(
            name: "update before started",
            text:
                "---\ntitle: T\nimpact: minor\nstarted: 2026-11-26 15:00 UTC\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 6,
            column: 20,
            message: "before the incident's 'started' time"
        ),
        Case(
            name: "tab indentation",
            text:
                "---\ntitle: T\nimpact: minor\ncomponents:\n\t- api\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 5,
            column: 1,
            message: "must use spaces, not tabs"
        ),
        Case(
            name: "unbalanced quote",
            text: "---\ntitle: \"Payments\nimpact: minor\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 2,
            column: 8,
            message: "invalid YAML: found unexpected end of stream"
        ),
        Case(
            name: "unsafe slug",
            text: "---\ntitle: T\nimpact: minor\nslug: ../../etc\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 4,
            column: 7,
            message: "is not URL-safe"
        ),
        Case(
            name: "boolean that is not true or false",
            text: "---\ntitle: T\nimpact: minor\ndraft: yes\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n",
            line: 4,
            column: 8,
            message: "'draft' must be true or false"
        ),
    ]

    @Test(arguments: invalidCases)
    func reportsEachProblemAtItsLineAndColumn(_ invalid: Case) throws {
        let output = Fixture.parse(invalid.text)
        #expect(output.incident == nil)
        let diagnostic = try #require(output.diagnostics.first { $0.severity == .error })
        #expect(diagnostic.message.contains(invalid.message), "\(diagnostic.message)")
        #expect(diagnostic.location.path == "incidents/2026-11-26-example.md")
        #expect(
            (diagnostic.location.line, diagnostic.location.column) == (invalid.line, invalid.column),
            "\(diagnostic.formatted)"
        )
    }

    @Test func suggestsTheNearestSpelling() throws {
        let output = Fixture.parse(Self.invalidCases[5].text)
        let diagnostic = try #require(output.diagnostics.first)
        #expect(diagnostic.suggestion == "did you mean 'payments'?")
        #expect(diagnostic.expected == ["api", "payments", "billing-emails"])
        let miscased = try #require(Fixture.parse(Self.invalidCases[7].text).diagnostics.first)
        #expect(miscased.suggestion == "did you mean 'Monitoring'?")
    }

    @Test func formatsDiagnosticsLikeACompiler() throws {
        let diagnostic = try #require(Fixture.parse(Self.invalidCases[2].text).diagnostics.first)
        #expect(
            diagnostic.formatted == """
                incidents/2026-11-26-example.md:3:9: error: unknown impact 'majr'
                    impact: majr
                            ^
                  expected one of: none, minor, major, critical
                  did you mean 'major'?
                """
        )
    }

    @Test func reportsEveryProblemOfAFileTogether() {
        let text = """
            ---
            title: T
            impact: huge
            components: [nope]
            ---
            ## Investigatin — 2026-11-26 14:05 UTC
            x
            ## Resolved — 2026-13-26 14:05 UTC
            """
        let lines = Fixture.parse(text).diagnostics.map(\.location.line)
        #expect(lines == [3, 4, 6, 8])
    }

    @Test func warnsAboutUpdatesInTheFuture() throws {
        let text = "---\ntitle: T\nimpact: minor\n---\n## Investigating — 2026-11-27 10:00 UTC\nx\n"
        let output = Fixture.parse(text)
        #expect(output.incident != nil)
        #expect(output.diagnostics.map(\.severity) == [.warning])
        #expect(output.diagnostics.first?.message.contains("in the future") == true)
    }

    /// Updates in one minute, told apart by seconds in any time form; a heading without seconds
    /// is the minute's first second, as it always was.
    @Test func headingsWithSecondsShareAMinute() throws {
        let text = """
            ---
            title: T
            impact: minor
            ---
            ## Resolved — 2026-11-26T14:05:47Z
            c
            ## Monitoring — 2026-11-26 15:05:31 +01:00
            b
            ## Identified — 2026-11-26 15:05:12
            a
            ## Investigating — 2026-11-26 14:05 UTC
            x
            """
        let output = Fixture.parse(text)
        #expect(output.diagnostics.isEmpty)
        let incident = try #require(output.incident)
        #expect(
            incident.updates.map { Timestamp.iso8601($0.time) } == [
                "2026-11-26T14:05:47Z", "2026-11-26T14:05:31Z", "2026-11-26T14:05:12Z", "2026-11-26T14:05:00Z",
            ])
        #expect(
            incident.updates.map(\.anchor) == [
                "update-20261126T140547Z", "update-20261126T140531Z", "update-20261126T140512Z",
                "update-20261126T140500Z",
            ])
        #expect(incident.resolvedAt.map(Timestamp.iso8601) == "2026-11-26T14:05:47Z")
    }

    /// `14:05` and `14:05:00` are one time, and fractions of a second are dropped, so anchors
    /// stay unique.
    @Test(arguments: [
        ("2026-11-26 14:05 UTC", "2026-11-26 14:05:00 UTC"),
        ("2026-11-26T14:05:12.250Z", "2026-11-26 14:05:12.750 UTC"),
    ])
    func twoUpdatesInOneSecondAreAnError(first: String, second: String) throws {
        let text = "---\ntitle: T\nimpact: minor\n---\n## Update — \(second)\nb\n## Investigating — \(first)\na\n"
        let output = Fixture.parse(text)
        #expect(output.incident == nil)
        let error = try #require(output.diagnostics.first)
        #expect(error.location.line == 7)
        #expect(
            error.message
                == "two updates have the same time (the other is on line 5); give each update its own time, with"
                + " seconds when two share a minute (such as '2026-11-26 14:05:30 UTC')")
    }

    /// A file name in another script gives an ASCII slug, and a note says where it is published.
    @Test(arguments: [
        ("2026-11-27-zahlungen-verzögert", "2026-11-27-zahlungen-verzogert"),
        ("2026-11-26 Payment Outage", "2026-11-26-payment-outage"),
        ("2026-11-22-تأخر-الفواتير", "2026-11-22-" + Slug.ascii("تأخر-الفواتير")),
        ("2026-11-23-ログイン障害", "2026-11-23-" + Slug.hash("2026-11-23-ログイン障害")),
    ])
    func aFileNameInAnyScriptGivesAnASCIISlugAndANote(name: String, slug: String) throws {
        let text = "---\ntitle: T\nimpact: minor\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n"
        let output = Fixture.parse(text, name: name)
        let incident = try #require(output.incident)
        #expect(incident.slug == slug)
        #expect(Identifier.isValid(slug))
        #expect(
            output.diagnostics.map(\.formatted) == [
                "incidents/\(name).md:1:1: note: published at incidents/\(slug)/, the file name in URL-safe letters"
                    + " ('slug:' chooses another)"
            ])
        // `slug:` still wins, without a note.
        let custom = Fixture.parse(
            text.replacingOccurrences(of: "impact: minor\n", with: "impact: minor\nslug: mine\n"), name: name)
        #expect(custom.incident?.slug == "mine")
        #expect(custom.diagnostics.isEmpty)
        // A draft is not published, so there is nothing to note.
        let draft = Fixture.parse(
            text.replacingOccurrences(of: "impact: minor\n", with: "impact: minor\ndraft: true\n"), name: name)
        #expect(draft.incident?.slug == slug)
        #expect(draft.diagnostics.isEmpty)
    }
}

struct UpdateHeadingTests {
    @Test(arguments: [
        ("Investigating — 2026-11-26 14:05 UTC", "Investigating", "2026-11-26 14:05 UTC"),
        ("Identified – 14:05", "Identified", "14:05"),
        ("Monitoring - 14:05", "Monitoring", "14:05"),
        ("Resolved · 14:05", "Resolved", "14:05"),
        // The earliest separator wins, whichever kind it is.
        ("Update - part — 14:05", "Update", "part — 14:05"),
        ("Update — part - 14:05", "Update", "part - 14:05"),
        // Spaces around the parts are dropped; text before a separator may hold any scalar.
        ("  Überprüfung   —   14:05  ", "Überprüfung", "14:05"),
        ("調査中 — 2026-11-26 14:05 UTC", "調査中", "2026-11-26 14:05 UTC"),
        ("Identified —  ", "Identified", ""),
        (" — ", "", ""),
    ])
    func splitsAtTheFirstSeparator(text: String, status: String, time: String) {
        #expect(UpdateHeading.split(text) == UpdateHeading(status: status, time: time))
    }

    @Test(arguments: ["Investigating", "Investigating—14:05", "Monitoring -14:05", "", "—"])
    func needsASeparatorWithSpaces(text: String) {
        #expect(UpdateHeading.split(text) == nil)
    }
}
