import Foundation
import HeraldCore

/// Sends new updates to the configured targets: each update once per target, oldest first,
/// with retries, recording every delivery in the ledger so that nothing is sent twice.
///
/// A target that still fails after its retries gets nothing more in this run, so that it never
/// receives updates out of order; the next run starts again at its first undelivered update.
package struct Notifier: Sendable {
    /// How a run behaves.
    package struct Options: Sendable {
        /// The targets from `herald.yml`.
        package var targets: [NotifyTarget]
        /// The environment the targets' URLs are read from.
        package var environment: [String: String]
        /// The delivery ledger, or nil to keep none.
        package var ledger: URL?
        /// Print what would be sent instead of sending it.
        package var dryRun: Bool
        /// Retries, backoff and timeouts.
        package var retry: RetryPolicy
        /// The `User-Agent` header.
        package var userAgent: String

        /// Creates options.
        package init(
            targets: [NotifyTarget],
            environment: [String: String],
            ledger: URL?,
            dryRun: Bool = false,
            retry: RetryPolicy = RetryPolicy(),
            userAgent: String = "Herald"
        ) {
            self.targets = targets
            self.environment = environment
            self.ledger = ledger
            self.dryRun = dryRun
            self.retry = retry
            self.userAgent = userAgent
        }
    }

    /// What happened to one update for one target.
    package enum Outcome: Sendable, Equatable {
        /// Delivered, after this many attempts.
        case sent(attempts: Int)
        /// The ledger says it was delivered before.
        case alreadyDelivered
        /// `--dry-run`: this body would be sent.
        case wouldSend(body: String)
        /// The target failed on this update (after its retries).
        case failed(String)
        /// Not tried, because the target failed on an earlier update.
        case notAttempted
    }

    /// One update for one target.
    package struct Delivery: Sendable, Equatable {
        /// The target's id.
        package var target: String
        /// The update's id.
        package var update: String
        /// What happened.
        package var outcome: Outcome
    }

    /// What a run did.
    package struct Report: Sendable, Equatable {
        /// Every update for every target that accepts it, in the order they were handled.
        package var deliveries: [Delivery]
        /// Why each failed target failed, by target id.
        package var failures: [String: String]

        /// Whether every target got every update.
        package var succeeded: Bool { failures.isEmpty }
        /// How many requests succeeded.
        package var sentCount: Int {
            deliveries.count { if case .sent = $0.outcome { true } else { false } }
        }
    }

    /// How the run behaves.
    package let options: Options
    /// How requests are sent.
    package let transport: any HTTPTransport

    /// Creates a notifier.
    package init(options: Options, transport: any HTTPTransport = URLSessionTransport()) {
        self.options = options
        self.transport = transport
    }

    /// Sends `updates` (oldest first) to every target that accepts them.
    ///
    /// - Parameters:
    ///   - updates: The new updates, oldest first.
    ///   - context: The site.
    ///   - log: Receives a line for each retry.
    /// - Returns: What was sent and what failed.
    /// - Throws: `NotifyError.ledger` when the ledger cannot be read or written.
    package func run(
        updates: [UpdateNotice],
        context: NotifyContext,
        log: @Sendable (String) -> Void = { _ in }
    ) async throws(NotifyError) -> Report {
        var ledger =
            try options.ledger.map { url throws(NotifyError) in try DeliveryLedger.load(from: url) }
            ?? DeliveryLedger()
        var failures: [String: String] = [:]
        var urls: [String: URL] = [:]
        var urlProblems: [String: String] = [:]
        for target in options.targets {
            switch resolveURL(target) {
            case .success(let url): urls[target.id] = url
            case .failure(let failure): urlProblems[target.id] = failure.reason
            }
        }
        var deliveries: [Delivery] = []
        for notice in updates {
            for target in options.targets where target.accepts(componentIDs: notice.components.map(\.id)) {
                func add(_ outcome: Outcome) {
                    deliveries.append(Delivery(target: target.id, update: notice.id, outcome: outcome))
                }
                if ledger.contains(target: target.id, update: notice.id) {
                    add(.alreadyDelivered)
                    continue
                }
                if options.dryRun {
                    let body =
                        (try? NotifyPayload.body(for: target.kind, notice: notice, context: context))
                        .map { String(decoding: $0, as: UTF8.self) } ?? ""
                    add(.wouldSend(body: body))
                    continue
                }
                // A missing URL fails only a target that has something to send.
                if failures[target.id] == nil, let problem = urlProblems[target.id] {
                    failures[target.id] = problem
                    add(.failed(problem))
                    continue
                }
                guard failures[target.id] == nil, let url = urls[target.id] else {
                    add(.notAttempted)
                    continue
                }
                let body: Data
                do {
                    body = try NotifyPayload.body(for: target.kind, notice: notice, context: context)
                } catch {
                    failures[target.id] = "cannot encode the message: \(error)"
                    add(.failed(failures[target.id]!))
                    continue
                }
                var headers = [
                    "Content-Type": "application/json; charset=utf-8",
                    "Accept": "application/json",
                    "User-Agent": options.userAgent,
                ]
                if target.kind == .webhook { headers["Idempotency-Key"] = notice.id }
                let request = TransportRequest(
                    method: "POST", url: url, headers: headers, body: body, timeout: options.retry.timeout)
                switch await deliver(request, target: target, log: log) {
                case .success(let attempts):
                    add(.sent(attempts: attempts))
                    ledger.record(target: target.id, update: notice.id)
                    if let ledgerURL = options.ledger { try ledger.save(to: ledgerURL) }
                case .failure(let failure):
                    failures[target.id] = failure.reason
                    add(.failed(failure.reason))
                }
            }
        }
        return Report(deliveries: deliveries, failures: failures)
    }

    /// Why a target's webhook URL cannot be used, or nil when it can.
    package func urlProblem(for target: NotifyTarget) -> String? {
        if case .failure(let failure) = resolveURL(target) { return failure.reason }
        return nil
    }

    /// The webhook URL from the target's environment variable.
    func resolveURL(_ target: NotifyTarget) -> Result<URL, Failure> {
        let name = target.urlEnvironmentVariable
        guard let value = options.environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else {
            return .failure(
                Failure(reason: "the environment variable \(name) is not set; it must hold the target's webhook URL"))
        }
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", url.host != nil
        else {
            // The value is a secret: never print it.
            return .failure(Failure(reason: "the environment variable \(name) does not hold an http or https URL"))
        }
        return .success(url)
    }

    /// Why a target failed, in words for the operator.
    struct Failure: Error {
        var reason: String
    }

    /// Sends one request, retrying network errors, timeouts, 5xx, 408 and 429 answers with backoff.
    private func deliver(_ request: TransportRequest, target: NotifyTarget, log: (String) -> Void) async -> Result<
        Int, Failure
    > {
        let policy = options.retry
        var last = ""
        for attempt in 1...policy.attempts {
            var retryAfter: Int?
            do {
                let response = try await transport.send(request)
                if (200..<300).contains(response.status) { return .success(attempt) }
                if (300..<400).contains(response.status) {
                    // Following would resend to an address nobody configured, and clients turn a
                    // POST into a bodiless GET on 301, 302 and 303: a redirect is a failure.
                    let location = response.headers["location"].map { " to \($0)" } ?? ""
                    return .failure(
                        Failure(
                            reason: "\(target.id) answered HTTP \(response.status), a redirect\(location); "
                                + "notify follows no redirects, so the message was not delivered: "
                                + "set \(target.urlEnvironmentVariable) to the final URL"))
                }
                last = "HTTP \(response.status)" + Self.describe(response.body)
                guard RetryPolicy.isRetryable(status: response.status) else {
                    return .failure(Failure(reason: "\(target.id) refused the message: \(last)"))
                }
                retryAfter = response.headers["retry-after"].flatMap { Int($0) }
            } catch {
                last = error.localizedDescription
            }
            if attempt < policy.attempts {
                let delay = policy.delay(after: attempt, retryAfter: retryAfter)
                log("\(target.id): attempt \(attempt) of \(policy.attempts) failed: \(last); retrying in \(delay)")
                do {
                    try await policy.sleep(delay)
                } catch {
                    return .failure(Failure(reason: "\(target.id): cancelled after \(attempt) attempts: \(last)"))
                }
            }
        }
        return .failure(
            Failure(
                reason:
                    "\(target.id) still fails after \(policy.attempts) attempt\(policy.attempts == 1 ? "" : "s"): \(last)"
            ))
    }

    /// `; response body: "…"`: the start of an error answer, quoted, without control characters,
    /// so that it reads as the server's words and cannot rewrite the terminal.
    static func describe(_ body: Data) -> String {
        let limit = 200
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        var cleaned = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        cleaned = cleaned.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard !cleaned.isEmpty else { return "" }
        let quoted = cleaned.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "; response body: \"\(quoted)\"" + (body.count > limit ? " (cut at \(limit) bytes)" : "")
    }
}
