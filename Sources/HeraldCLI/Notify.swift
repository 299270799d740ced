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

    func run() async throws {
        let root = site.rootURL
        let now = try site.clock()
        let checked = await Builder(options: .init(root: root, now: now, strict: site.strict)).check()
        guard !checked.hasErrors, let current = checked.site else {
            Console.printDiagnostics(checked.diagnostics)
            Console.error(Console.summary(checked.diagnostics) + "; nothing was sent")
            throw ExitCode.failure
        }
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let previous = PreviousState(since, workingDirectory: workingDirectory)
        let transport = URLSessionTransport()
        let requestTimeout = Duration.milliseconds(Int((timeout * 1000).rounded()))
        let published: PublishedUpdates
        do {
            published = try await previous.load(
                root: root, config: current.config, now: now, transport: transport, timeout: requestTimeout)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode.failure
        }
        let updates = published.newUpdates(in: UpdateNotice.all(in: current))
        let targets = current.config.notify
        print("\(updates.count) new update\(updates.count == 1 ? "" : "s") since \(previous)")
        guard !targets.isEmpty else {
            if !updates.isEmpty { print("herald.yml has no notify: targets; nothing was sent") }
            return
        }

        let ledgerURL =
            (ledger.map { URL(fileURLWithPath: $0, relativeTo: workingDirectory) }
            ?? root.appendingPathComponent(DeliveryLedger.defaultPath)).standardizedFileURL
        let options = Notifier.Options(
            targets: targets,
            environment: ProcessInfo.processInfo.environment,
            ledger: ledgerURL,
            dryRun: dryRun,
            retry: RetryPolicy(
                attempts: retries + 1,
                baseDelay: .milliseconds(Int((retryDelay * 1000).rounded())),
                timeout: requestTimeout
            ),
            userAgent: "Herald/\(HeraldVersion.current)"
        )
        let notifier = Notifier(options: options, transport: transport)
        if dryRun {
            for target in targets {
                if let problem = notifier.urlProblem(for: target) { print("note: \(target.id): \(problem)") }
            }
        }
        let report: Notifier.Report
        do {
            report = try await notifier.run(updates: updates, context: NotifyContext(site: current)) { line in
                Console.error(line)
            }
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode.failure
        }
        let kinds = Dictionary(targets.map { ($0.id, $0.kind.rawValue) }, uniquingKeysWith: { a, _ in a })
        for delivery in report.deliveries {
            let target = "\(delivery.target) (\(kinds[delivery.target] ?? ""))"
            switch delivery.outcome {
            case .sent(let attempts):
                print("sent \(delivery.update) to \(target)" + (attempts > 1 ? " after \(attempts) attempts" : ""))
            case .alreadyDelivered:
                print("skipped \(delivery.update) for \(target): already delivered")
            case .wouldSend(let body):
                print("would send \(delivery.update) to \(target):\n\(body)", terminator: "")
            case .failed(let reason):
                Console.error("error: \(delivery.update) was not sent to \(target): \(reason)")
            case .notAttempted:
                Console.error("error: \(delivery.update) was not sent to \(target): an earlier update failed")
            }
        }
        if dryRun {
            print("dry run: nothing was sent and the ledger is unchanged")
        } else {
            print("\(report.sentCount) message\(report.sentCount == 1 ? "" : "s") sent; ledger \(ledgerURL.path)")
        }
        guard report.succeeded else {
            Console.error(
                "\(report.failures.count) notify target\(report.failures.count == 1 ? "" : "s") failed; run notify again to retry them"
            )
            throw ExitCode.failure
        }
    }
}
