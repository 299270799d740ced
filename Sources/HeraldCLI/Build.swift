import ArgumentParser
import Foundation
import HeraldCore

#if canImport(Glibc)
    import Glibc
#endif

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
            The site is written to a staging folder beside the output and swapped in only when the \
            whole build succeeds; on any error nothing is published and the previous site stays. \
            The replaced site is kept as .<output>.herald-previous and written over by the next build.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The output folder (default: <root>/site).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Print each stage with its time.")
    var verbose = false

    func run() async throws {
        let root = site.rootURL
        let outputURL = output.map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        }
        let builder = Builder(options: .init(root: root, output: outputURL, now: try site.clock(), strict: site.strict))
        let verbose = self.verbose
        let total = Builder.stageNames.count
        // For the kill test only: stop (SIGSTOP) as publishing starts, with the whole site in the
        // staging folder, so that the test kills the build at the moment that matters instead of
        // racing a timer.
        let stopBeforePublish = ProcessInfo.processInfo.environment["HERALD_TEST_STOP_BEFORE_PUBLISH"] == "1"
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let report = try await builder.build { number, name in
                if verbose { Console.error("[\(number)/\(total)] \(name)") }
                if stopBeforePublish, number == total { raise(SIGSTOP) }
            }
            Console.printDiagnostics(report.warnings)
            if verbose {
                for stage in report.stages {
                    Console.error("  \(stage.name): \(Console.milliseconds(stage.duration))")
                }
            }
            let elapsed = Console.milliseconds(clock.now - start)
            print(
                "Built \(Console.plural(report.incidentCount, "incident"))"
                    + (report.noticeCount > 0 ? ", \(Console.plural(report.noticeCount, "notice"))" : "") + " and"
                    + " \(Console.plural(report.maintenanceCount, "maintenance window")) into"
                    + " \(builder.options.output.path)"
                    + " (\(report.fileCount) files) in \(elapsed)"
            )
        } catch {
            Console.printDiagnostics(error.diagnostics)
            Console.error(Console.summary(error.diagnostics) + "; nothing was published")
            throw ExitCode.failure
        }
    }
}
