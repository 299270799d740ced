import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The file an editor opens for an update, and what is kept of it.
struct EditorMessageTests {
    static let message = EditorMessage(context: ["Update to: Slow API (incidents/2026-11-27-slow-api.md)", "", "x"])

    @Test func theFileOpensWithRoomForTheTextAndTheContextBelowTheScissors() {
        let lines = Self.message.fileText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].isEmpty && lines[1].isEmpty)
        #expect(lines[2] == Substring(EditorMessage.scissors))
        #expect(lines.contains("# Update to: Slow API (incidents/2026-11-27-slow-api.md)"))
        // An empty context line is a bare "#", never "# ".
        #expect(!lines.contains("# "))
    }

    @Test(
        arguments: [
            // Unchanged, or only blank lines: nothing was written.
            (EditorMessageTests.message.fileText, nil),
            ("\n  \n" + EditorMessageTests.message.fileText, nil),
            // The text above the scissors, headings kept, blank lines at the ends dropped.
            (
                "\nA fix is deployed.\n\n### Details\n- payments flow again\n\n" + EditorMessageTests.message.fileText,
                "A fix is deployed.\n\n### Details\n- payments flow again"
            ),
            // Windows line endings from some editors.
            (
                "Fixed.\r\n\r\n" + EditorMessageTests.message.fileText.replacingOccurrences(of: "\n", with: "\r\n"),
                "Fixed."
            ),
            // The scissors line deleted: the context's own lines are still removed.
            (
                "Fixed.\n"
                    + EditorMessageTests.message.fileText.replacingOccurrences(
                        of: EditorMessage.scissors + "\n", with: ""),
                "Fixed."
            ),
            // Anything below the scissors is removed, even what the operator wrote there.
            (EditorMessageTests.message.fileText + "written below\n", nil),
        ] as [(String, String?)])
    func keepsOnlyTheTextAboveTheScissors(edited: String, expected: String?) {
        #expect(Self.message.message(from: edited) == expected)
    }

    @Test func theContextNamesTheIncidentItsStatusComponentsAndTemplates() throws {
        let editor = IncidentEditor(root: Fixture.repositoryRoot, config: Fixture.config, now: Fixture.now)
        let incident = try #require(
            Fixture.parse(
                """
                ---
                title: Slow API
                impact: minor
                components:
                  api: degraded_performance
                ---

                ## Identified — 2026-11-27 08:00 UTC
                Found it.
                """, name: "2026-11-27-slow-api"
            ).incident)
        let context = editor.editorContext(
            updating: incident, path: "incidents/2026-11-27-slow-api.md", posting: "monitoring",
            templates: ["identified", "monitoring"])
        #expect(
            context == [
                "Update to: Slow API (incidents/2026-11-27-slow-api.md)",
                "Status now: Identified; this update: Monitoring",
                "Components: API (degraded performance)",
                "",
                "Instead of writing, --template NAME uses a ready-made message:",
                "identified, monitoring",
            ])
        let new = editor.editorContext(
            new: "Upgrade", components: ["payments"], impact: nil,
            window: ("2026-12-06 02:00 UTC", "2026-12-06 04:00 UTC"), posting: "scheduled", templates: [])
        #expect(new.first == "New maintenance: Upgrade")
        #expect(new.contains("Components: Payments"))
        #expect(new.contains("First update: Scheduled"))
        // The window in the site's zone (Europe/Berlin), as the feeds state it.
        #expect(new.contains { $0.hasPrefix("Window: Sunday, December 6, 2026") && $0.hasSuffix("UTC+1") })
    }
}
