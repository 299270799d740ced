import ArgumentParser
import Foundation
import HeraldCore

struct NextChange: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-change",
        abstract: "Print when the built site next changes by the clock alone, with no file edited.",
        discussion: """
            Prints an instant as 2026-12-06T01:00:00Z (UTC): the next maintenance start or end, \
            notice's until, timed update, component since, or midnight in the site's zone, after --now. While an \
            incident is open or a maintenance window runs the page changes continuously, and it \
            prints --now itself. A build at any instant before that is byte-identical to a build \
            at --now, so a scheduled job can skip deploying until then.
            """
    )

    @OptionGroup var site: SiteOptions

    func run() async throws {
        let checked = await Builder(options: .init(root: site.rootURL, now: try site.clock(), strict: site.strict))
            .check()
        guard !checked.hasErrors, let current = checked.site else {
            Console.printDiagnostics(checked.diagnostics)
            Console.error(Console.summary(checked.diagnostics))
            throw ExitCode.failure
        }
        let next = SiteClock.nextChange(of: current)
        print(Timestamp.iso8601(Date(timeIntervalSince1970: next.timeIntervalSince1970.rounded(.down))))
    }
}
