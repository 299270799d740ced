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
}
