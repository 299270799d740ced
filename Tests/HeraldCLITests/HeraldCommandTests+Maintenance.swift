import Foundation
import Testing

/// Writing a scheduled maintenance from the command line.
extension HeraldCommandTests {
    @Test func resolvingAMaintenanceSaysHowToCompleteOrCancelIt() throws {
        let root = try copyOfSample()
        let file = root.appendingPathComponent("incidents/2026-12-06-payment-provider-migration.md")
        let before = try Data(contentsOf: file)
        let early = try run(
            ["resolve", "2026-12-06-payment-provider-migration", "--now", "2026-11-27T10:00:00Z"], in: root)
        #expect(early.status == 1)
        #expect(
            early.stderr.contains(
                "incidents/2026-12-06-payment-provider-migration.md:1:1: error: '2026-12-06-payment-provider-migration'"
                    + " is a scheduled maintenance, which is completed rather than resolved;"
                    + " run: herald update 2026-12-06-payment-provider-migration --status completed"
                    + " (or, as it has not started, --status cancelled to call it off)"), "\(early.stderr)")
        // Once the window has opened, calling it off is no longer suggested.
        let during = try run(
            ["resolve", "2026-12-06-payment-provider-migration", "--now", "2026-12-06T02:30:00Z"], in: root)
        #expect(during.status == 1)
        #expect(during.stderr.contains("--status completed\n"))
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func aNewMaintenanceWhoseWindowHasClosedIsWarnedAbout() throws {
        let root = try copyOfSample()
        let past = try run(
            [
                "new", "Old work", "--maintenance", "--start", "2026-11-20 02:00", "--end", "2026-11-20 03:00",
                "-m", "Done already.", "--now", "2026-11-27T10:00:00Z",
            ], in: root)
        #expect(past.status == 0, "\(past.stderr)")
        #expect(past.stderr.contains("warning: the window ended before now (2026-11-20T02:00:00Z"))
        let future = try run(
            [
                "new", "New work", "--maintenance", "--start", "2026-12-20 02:00", "--end", "2026-12-20 03:00",
                "-m", "Planned.", "--now", "2026-11-27T10:00:00Z",
            ], in: root)
        #expect(future.status == 0, "\(future.stderr)")
        #expect(!future.stderr.contains("warning"))
    }
}
