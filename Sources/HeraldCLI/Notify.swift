import ArgumentParser
import Foundation
import HeraldCore
import HeraldNotify

struct Notify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Post the updates published since the previous state to Slack, Teams, Discord and webhooks.",
        discussion: """
            Compares the site with --since, the previously published state: a previous build's \
            api/v2/incidents.json (a file, a built site folder, or an http(s) URL of the live \
            site), or a git revision of the content. Each new update goes to every target in \
            herald.yml's notify: list that accepts its components, oldest first. The targets' \
            URLs come from the environment variables named by url_env. Deliveries are recorded in \
            the ledger, so running notify again sends nothing twice. Exits with 1 when a target \
            still fails after its retries.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The previous state: an incidents.json file or URL, a built site folder, or a git revision"
                + " (file:PATH and git:REV force one reading).",
            valueName: "previous"
        )
    )
    var since: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With a git revision --since: when that state was published (any time form), so that the"
                + " maintenance starts and ends the clock has passed since then are sent (default: the run's clock).",
            valueName: "time"
        )
    )
    var sinceNow: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The delivery ledger (default: <root>/\(DeliveryLedger.defaultPath)).", valueName: "path")
    )
    var ledger: String?

    @Flag(name: .long, help: "Print each message that would be sent, and send nothing.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("How long one request may take, in seconds.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(
        name: .long, help: "How often a failed request is retried (after network errors, timeouts, 5xx, 408 and 429).")
    var retries: Int = 3

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The wait before the first retry, in seconds; each further one doubles it.", valueName: "seconds")
    )
    var retryDelay: Double = 1

    func validate() throws {
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        guard retryDelay >= 0 else { throw ValidationError("--retry-delay must be 0 or more seconds") }
        guard !since.isEmpty else { throw ValidationError("--since must name the previous state") }
    }

    /// The `--since-now` time, read as `--now` is (without a zone, in the site's).
    private func previousClock(_ text: String) throws -> Date {
        do {
            return try BuildClock.resolve(now: text, environment: [:]) { BuildClock.siteTimeZone(root: site.rootURL) }
        } catch {
            throw ValidationError(error.description.replacingOccurrences(of: "--now", with: "--since-now"))
        }
    }

    func run() async throws {
        let notify = NotifyRun(
            root: site.rootURL,
            now: try site.clock(),
            strict: site.strict,
            since: since,
            sinceNow: try sinceNow.map(previousClock),
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            ledgerPath: ledger,
            dryRun: dryRun,
            timeout: timeout,
            retries: retries,
            retryDelay: retryDelay,
            environment: ProcessInfo.processInfo.environment,
            version: HeraldVersion.current
        )
        let summary: NotifyRun.Summary
        do throws(NotifyError) {
            summary = try await notify.run(progress: Console.write)
        } catch .invalidSite(let diagnostics) {
            Console.printDiagnostics(diagnostics)
            Console.error(Console.summary(diagnostics) + "; nothing was sent")
            throw ExitCode.failure
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode.failure
        }
        summary.lines.forEach(Console.write)
        guard summary.succeeded else { throw ExitCode.failure }
    }
}

extension Console {
    /// Prints a line of `herald notify` as it is: its text ends in its own newline.
    fileprivate static func write(_ line: NotifyRun.Line) {
        if line.isError {
            FileHandle.standardError.write(Data(line.text.utf8))
        } else {
            print(line.text, terminator: "")
        }
    }
}
