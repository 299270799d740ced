import Foundation
import HeraldCore

/// One `herald notify` run, from the command's arguments to what happened: checks the site,
/// reads the previous state, works out the new updates and hands them to a `Notifier`.
///
/// The command only parses its arguments, runs this and prints the `Summary`, so that a whole
/// run can be tested without the binary, with any transport.
package struct NotifyRun: Sendable {
    /// The site's folder.
    package var root: URL
    /// The run's clock: the page's status, and which maintenance has started, depend on it.
    package var now: Date
    /// Whether warnings count as errors, as in `herald build --strict`.
    package var strict: Bool
    /// The `--since` argument, read as `PreviousState` reads it.
    package var since: String
    /// The clock a git revision's previous state is read at: the instant it was published, so
    /// that the maintenance events the clock has posted since then count as new. Nil for the
    /// run's clock. A previous build's files carry their own events and need no clock.
    package var sinceNow: Date?
    /// The folder that relative `--since` and `--ledger` paths start from.
    package var workingDirectory: URL
    /// The `--ledger` path, or nil for `DeliveryLedger.defaultPath` in the site's folder.
    package var ledgerPath: String?
    /// Show what would be sent, send nothing and leave the ledger alone.
    package var dryRun: Bool
    /// How long one request may take, in seconds (rounded to milliseconds).
    package var timeout: Double
    /// How often a failed request is retried.
    package var retries: Int
    /// The wait before the first retry, in seconds (rounded to milliseconds); each further one
    /// doubles it.
    package var retryDelay: Double
    /// The environment the targets' webhook URLs are read from.
    package var environment: [String: String]
    /// Herald's version, for the `User-Agent` header (`Herald/<version>`), so that a receiver can
    /// tell which release sent a message.
    package var version: String
    /// How requests are sent, both for an http(s) `--since` and for the messages.
    package var transport: any HTTPTransport

    /// Creates a run; nothing happens until `run(progress:)`.
    package init(
        root: URL,
        now: Date,
        strict: Bool = false,
        since: String,
        sinceNow: Date? = nil,
        workingDirectory: URL,
        ledgerPath: String? = nil,
        dryRun: Bool = false,
        timeout: Double,
        retries: Int,
        retryDelay: Double,
        environment: [String: String],
        version: String,
        transport: any HTTPTransport = URLSessionTransport()
    ) {
        self.root = root
        self.now = now
        self.strict = strict
        self.since = since
        self.sinceNow = sinceNow
        self.workingDirectory = workingDirectory
        self.ledgerPath = ledgerPath
        self.dryRun = dryRun
        self.timeout = timeout
        self.retries = retries
        self.retryDelay = retryDelay
        self.environment = environment
        self.version = version
        self.transport = transport
    }

    /// The ledger's file: `--ledger` relative to the working directory, else the default one in
    /// the site's folder.
    package var ledger: URL {
        // Appended rather than resolved against the folder, which would replace its last component
        // when its URL lacks the trailing slash.
        let url = ledgerPath.map { path in
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path)
        }
        return (url ?? root.appendingPathComponent(DeliveryLedger.defaultPath)).standardizedFileURL
    }

    /// Sends every new update to every target that accepts it (or, in a dry run, shows it).
    ///
    /// A target that fails does not make this throw: the summary says so, and the other targets
    /// are served.
    ///
    /// - Parameter progress: Receives the lines a person watching needs before the run ends, as
    ///   they happen: how many updates are new (before anything is sent), and each retry.
    /// - Returns: What was found and what happened to each delivery; its `lines` follow those
    ///   `progress` received.
    /// - Throws: `NotifyError.invalidSite` when the site has errors, `unreadablePrevious` or `git`
    ///   when `--since` cannot be read, `ledger` when the ledger cannot be read or written (some
    ///   messages may have been sent by then, and recorded).
    package func run(progress: @Sendable (Line) -> Void = { _ in }) async throws(NotifyError) -> Summary {
        let checked = await Builder(options: .init(root: root, now: now, strict: strict)).check()
        guard !checked.hasErrors, let site = checked.site else { throw .invalidSite(checked.diagnostics) }
        let previous = PreviousState(since, workingDirectory: workingDirectory)
        let published = try await previous.load(
            root: root, config: site.config, now: sinceNow ?? now, transport: transport,
            timeout: Self.duration(timeout))
        var summary = Summary(
            previous: previous,
            newUpdates: published.newUpdates(in: UpdateNotice.all(in: site)),
            targets: site.config.notify,
            ledger: ledger,
            dryRun: dryRun
        )
        progress(summary.headline)
        guard !summary.targets.isEmpty else { return summary }

        let notifier = Notifier(options: notifierOptions(targets: summary.targets), transport: transport)
        if dryRun {
            for target in summary.targets {
                summary.urlProblems[target.id] = notifier.urlProblem(for: target)
            }
        }
        summary.report = try await notifier.run(updates: summary.newUpdates, context: NotifyContext(site: site)) {
            progress(.error($0))
        }
        return summary
    }

    /// The notifier's options: the targets, this run's environment, ledger and retries.
    func notifierOptions(targets: [NotifyTarget]) -> Notifier.Options {
        Notifier.Options(
            targets: targets,
            environment: environment,
            ledger: ledger,
            dryRun: dryRun,
            retry: RetryPolicy(
                attempts: retries + 1,
                baseDelay: Self.duration(retryDelay),
                timeout: Self.duration(timeout)
            ),
            userAgent: "Herald/\(version)"
        )
    }

    /// Seconds as a duration in whole milliseconds, so that a retry's wait prints as "0.1 seconds"
    /// rather than with the binary fraction's tail.
    static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int((seconds * 1000).rounded()))
    }
}
