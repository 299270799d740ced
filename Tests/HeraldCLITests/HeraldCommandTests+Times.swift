import Foundation
import Testing

/// One rule for times, end to end: a time without a zone is in the site's zone, whether it is
/// `--now`, `--start`, `--end` or a heading, and an ambiguous one is refused with its readings.
extension HeraldCommandTests {
    /// The sample site moved to New York (UTC-5 in December).
    func copyOfSampleInNewYork() throws -> URL {
        let root = try copyOfSample()
        let config = root.appendingPathComponent("herald.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("timezone: Europe/Berlin"))
        try text.replacingOccurrences(of: "timezone: Europe/Berlin", with: "timezone: America/New_York")
            .write(to: config, atomically: true, encoding: .utf8)
        return root
    }

    @Test func zonelessTimesAreInTheSitesZoneForEveryOption() throws {
        let root = try copyOfSampleInNewYork()
        // --now without a zone stamps the update at 02:10 in New York, not at 02:10 UTC.
        let updated = try run(
            [
                "update", "2026-11-27-delayed-payments", "--status", "update", "-m", "Still on it.", "--now",
                "2026-11-27 07:10",
            ],
            in: root)
        #expect(updated.status == 0, "\(updated.stderr)")
        let incident = try String(
            contentsOf: root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md"), encoding: .utf8)
        #expect(incident.contains("## Update — 2026-11-27 07:10 -05:00\n"))

        // --start and --end without a zone, then builds whose --now has none either.
        let created = try run(
            [
                "new", "Router swap", "--maintenance", "--start", "2026-12-06 02:00", "--end", "2026-12-06 04:00",
                "--components", "api", "-m", "We will swap a router.", "--now", "2026-11-28 09:00",
            ],
            in: root)
        #expect(created.status == 0, "\(created.stderr)")
        // The router swap's status on the index (its card has data-status and data-components).
        func status(at now: String) throws -> String {
            let built = try run(["build", "--now", now], in: root)
            #expect(built.status == 0, "\(built.stderr)")
            let index = try String(contentsOf: root.appendingPathComponent("site/index.html"), encoding: .utf8)
            for status in ["scheduled", "in_progress"]
            where index.contains("data-status=\"\(status)\" data-components=\"api\"") {
                return status
            }
            return "not shown"
        }
        // 01:59 in New York is before the window, 03:00 inside it, 04:00 its end. Read as UTC, all
        // three would be before it (02:00 in New York is 07:00 UTC).
        #expect(try status(at: "2026-12-06 01:59") == "scheduled")
        #expect(try status(at: "2026-12-06 03:00") == "in_progress")
        #expect(try status(at: "2026-12-06 04:00") == "not shown")
        #expect(try status(at: "2026-12-06 03:00 UTC") == "scheduled")
    }

    @Test func anAmbiguousNowIsRefusedWithBothReadings() throws {
        let root = try copyOfSampleInNewYork()
        let gap = try run(["build", "--now", "2026-03-08 02:30"], in: root)
        #expect(gap.status == 64)
        #expect(gap.stderr.contains("'2026-03-08 02:30 -05:00' or '2026-03-08 02:30 -04:00'"))
        let overlap = try run(["check", "--now", "2026-11-01 01:30"], in: root)
        #expect(overlap.status == 64)
        #expect(overlap.stderr.contains("'2026-11-01 01:30 -04:00' or '2026-11-01 01:30 -05:00'"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
        // notify's --since-now follows the same rule.
        let since = try run(["notify", "--since", "HEAD", "--since-now", "2026-11-01 01:30", "--dry-run"], in: root)
        #expect(since.status == 64)
        #expect(since.stderr.contains("--since-now: '2026-11-01 01:30' happens twice in America/New_York"))
    }
}
