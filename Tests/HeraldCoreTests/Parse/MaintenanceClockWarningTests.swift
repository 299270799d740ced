import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Updates that contradict a maintenance's window are warned about, at their line.
struct MaintenanceClockWarningTests {
    static func warnings(_ updates: String) -> [String] {
        let text = """
            ---
            title: Router swap
            maintenance:
              start: 2026-11-22 02:00 UTC
              end: 2026-11-22 04:00 UTC
            components: [api]
            ---

            \(updates)
            ## Scheduled — 2026-11-15 10:00 UTC
            We will swap a router.
            """
        let output = Fixture.parse(text, name: "2026-11-22-router-swap")
        #expect(output.incident != nil)
        return output.diagnostics.map(\.formatted).map { $0.split(separator: "\n")[0] }.map(String.init)
    }

    @Test(arguments: [
        // Days early: readers would think the work under way.
        (
            "## In progress — 2026-11-19 02:00 UTC\nStarted.\n",
            "incidents/2026-11-22-router-swap.md:9:1: warning: 'In progress' update 3 days before the window opens (2026-11-22T02:00:00Z)"
        ),
        (
            "## Completed — 2026-11-21 10:00 UTC\nDone.\n",
            "incidents/2026-11-22-router-swap.md:9:1: warning: 'Completed' update before the window opens (2026-11-22T02:00:00Z); to call the maintenance off, post 'Cancelled'"
        ),
        (
            "## Verifying — 2026-11-22 05:00 UTC\nChecking.\n",
            "incidents/2026-11-22-router-swap.md:9:1: warning: 'Verifying' update after the window closed (2026-11-22T04:00:00Z)"
        ),
    ])
    func anUpdateThatContradictsTheWindowIsWarnedAbout(updates: String, warning: String) {
        let found = Self.warnings(updates)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(warning) == true, "\(found)")
    }

    @Test func updatesThatFollowTheWindowAreQuiet() {
        // Starting a little early, verifying and completing inside the window, cancelling ahead.
        #expect(
            Self.warnings(
                """
                ## Completed — 2026-11-22 03:30 UTC
                Done.

                ## Verifying — 2026-11-22 03:00 UTC
                Checking.

                ## In progress — 2026-11-22 01:30 UTC
                Started early.

                """
            ).isEmpty)
        #expect(Self.warnings("## Cancelled — 2026-11-18 10:00 UTC\nCalled off.\n").isEmpty)
    }
}
