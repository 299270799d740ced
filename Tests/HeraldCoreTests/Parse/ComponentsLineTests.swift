import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// An update's `Components:` line: read as statuses, kept out of the update's text, and every
/// mistake reported at its line and column with the values expected.
struct ComponentsLineTests {
    static func incident(_ updates: String, frontMatter: String = "components: [api]") -> String {
        """
        ---
        title: T
        impact: major
        \(frontMatter)
        ---

        \(updates)
        """
    }

    static func messages(_ text: String) -> [String] {
        Fixture.parse(text).diagnostics.map(\.headline)
    }

    @Test func readsTheStatusesAndLeavesTheLineOutOfTheText() throws {
        let text = Self.incident(
            """
            ## Identified — 2026-11-26 14:40 UTC

            Components: payments=major_outage,api = degraded_performance
            The cause is found.
            Components: this line is text.

            ## Investigating — 2026-11-26 14:05 UTC
            Looking.
            """)
        let output = Fixture.parse(text)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics.map(\.headline))")
        let incident = try #require(output.incident)
        let identified = incident.updates[0]
        #expect(
            identified.components == [
                AffectedComponent(id: "payments", status: .majorOutage),
                AffectedComponent(id: "api", status: .degradedPerformance),
            ])
        #expect(identified.markdown == "The cause is found.\nComponents: this line is text.")
        #expect(identified.html == "<p>The cause is found.\nComponents: this line is text.</p>\n")
        #expect(incident.updates[1].components.isEmpty)
        // The front matter's component first, then the one the update adds.
        #expect(incident.components.map(\.id) == ["api", "payments"])
    }

    @Test func laterLinesKeepTheirNumbersInMessages() {
        let text = Self.incident(
            """
            ## Update — 2026-11-26 14:40 UTC
            Components: api=major_outage
            More.

            ## Investigatin — 2026-11-26 14:05 UTC
            Looking.
            """)
        #expect(
            Self.messages(text).contains(
                "incidents/2026-11-26-example.md:11:4: error: unknown update status 'Investigatin'"))
    }

    @Test func eachMistakeIsReportedAtItsColumnWithWhatIsExpected() {
        let text = Self.incident(
            """
            ## Update — 2026-11-26 14:50 UTC
            components: api=major_outage

            ## Identified — 2026-11-26 14:40 UTC
            Components: api=major, paymnts=degraded, login, api=operational, api=major_outage

            ## Investigating — 2026-11-26 14:05 UTC
            Components:
            """)
        let diagnostics = Fixture.parse(text).diagnostics
        #expect(
            diagnostics.map(\.headline) == [
                "incidents/2026-11-26-example.md:8:1: error: 'components:' is not the components line; write 'Components:'",
                "incidents/2026-11-26-example.md:11:17: error: unknown component status 'major'",
                "incidents/2026-11-26-example.md:11:24: error: unknown component 'paymnts'",
                "incidents/2026-11-26-example.md:11:32: error: unknown component status 'degraded'",
                "incidents/2026-11-26-example.md:11:42: error: 'login' gives no status; write '<component>=<status>',"
                    + " such as 'login=major_outage'",
                "incidents/2026-11-26-example.md:11:66: error: component 'api' is named twice on this line",
                "incidents/2026-11-26-example.md:14:1: error: the components line names no component; write"
                    + " 'Components: payments=major_outage'",
            ])
        #expect(diagnostics[1].suggestion == "did you mean 'major_outage'?")
        #expect(diagnostics[1].expected == ComponentStatus.allCases.map(\.rawValue))
        #expect(diagnostics[2].suggestion == "did you mean 'payments'?")
        #expect(diagnostics[2].expected == ["api", "payments", "billing-emails"])
        // Both halves of one item are checked: its component and its status.
        #expect(diagnostics[3].suggestion == "did you mean 'degraded_performance'?")
    }

    @Test func aMaintenanceCannotSetStatuses() {
        let text = """
            ---
            title: Upgrade
            maintenance:
              start: 2026-12-06 02:00 UTC
              end: 2026-12-06 04:00 UTC
            components: [api]
            ---

            ## Scheduled — 2026-11-26 10:00 UTC
            Components: api=major_outage
            We upgrade.
            """
        #expect(
            Self.messages(text).first?.hasPrefix(
                "incidents/2026-11-26-example.md:10:1: error: a maintenance's updates cannot change component statuses")
                == true)
    }

    @Test func statusesOnAResolvedIncidentAreFlagged() {
        let text = Self.incident(
            """
            ## Update — 2026-11-26 15:50 UTC
            Components: api=degraded_performance

            ## Resolved — 2026-11-26 15:40 UTC
            Components: api=operational
            Done.

            ## Investigating — 2026-11-26 14:05 UTC
            Looking.
            """)
        // `operational` on the resolution says what it does anyway; the later line cannot show.
        #expect(
            Self.messages(text) == [
                "incidents/2026-11-26-example.md:8:1: warning: the incident is resolved at this update, so every"
                    + " component is operational; these statuses show only if a later update reopens it"
            ])
    }
}
