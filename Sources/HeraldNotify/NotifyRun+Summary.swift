import Foundation
import HeraldCore

extension NotifyRun {
    /// What a run found and did, and the lines `herald notify` prints about it.
    ///
    /// The wording lives here rather than in the command, so that tests read exactly what a
    /// person sees without running the binary.
    package struct Summary: Sendable, Equatable {
        /// The previous state `--since` named.
        package var previous: PreviousState
        /// The updates the previous state does not have, oldest first.
        package var newUpdates: [UpdateNotice]
        /// The targets in `herald.yml`; without any, nothing else happened.
        package var targets: [NotifyTarget]
        /// The delivery ledger the run read and wrote.
        package var ledger: URL
        /// Whether messages were only shown.
        package var dryRun: Bool
        /// In a dry run, why a target's webhook URL could not be used, by target id: a real run
        /// would fail those targets.
        package var urlProblems: [String: String] = [:]
        /// Each delivery's outcome and each failed target's reason; empty without targets.
        package var report = Notifier.Report(deliveries: [], failures: [:])

        /// Whether every target got every update it accepts (`herald notify` exits with 0).
        package var succeeded: Bool { report.succeeded }

        /// The line before any delivery: how many updates are new, and since what.
        package var headline: Line {
            .output("\(Self.count(newUpdates.count, "new update")) since \(previous)")
        }

        /// The lines after the deliveries: the dry run's URL problems, one line per delivery, then
        /// what was sent and which targets failed.
        package var lines: [Line] {
            guard !targets.isEmpty else {
                return newUpdates.isEmpty ? [] : [.output("herald.yml has no notify: targets; nothing was sent")]
            }
            var lines: [Line] = []
            for target in targets {
                if let problem = urlProblems[target.id] { lines.append(.output("note: \(target.id): \(problem)")) }
            }
            let kinds = Dictionary(targets.map { ($0.id, $0.kind.rawValue) }, uniquingKeysWith: { a, _ in a })
            for delivery in report.deliveries {
                let target = "\(delivery.target) (\(kinds[delivery.target] ?? ""))"
                let update = delivery.update
                switch delivery.outcome {
                case .sent(let attempts):
                    lines.append(
                        .output("sent \(update) to \(target)" + (attempts > 1 ? " after \(attempts) attempts" : "")))
                case .alreadyDelivered:
                    lines.append(.output("skipped \(update) for \(target): already delivered"))
                case .wouldSend(let body):
                    // The body ends in its own newline.
                    lines.append(Line(text: "would send \(update) to \(target):\n\(body)", isError: false))
                case .failed(let reason):
                    lines.append(.error("error: \(update) was not sent to \(target): \(reason)"))
                case .notAttempted:
                    lines.append(.error("error: \(update) was not sent to \(target): an earlier update failed"))
                }
            }
            if dryRun {
                lines.append(.output("dry run: nothing was sent and the ledger is unchanged"))
            } else {
                lines.append(.output("\(Self.count(report.sentCount, "message")) sent; ledger \(ledger.path)"))
            }
            if !report.succeeded {
                lines.append(
                    .error(
                        "\(Self.count(report.failures.count, "notify target")) failed; run notify again to retry them"
                    )
                )
            }
            return lines
        }

        /// `1 message`, `2 messages`.
        private static func count(_ count: Int, _ noun: String) -> String {
            "\(count) \(noun)\(count == 1 ? "" : "s")"
        }
    }

    /// A line of what `herald notify` prints.
    package struct Line: Sendable, Equatable {
        /// The text as printed, ending in a newline (a dry run's message body spans several lines).
        package var text: String
        /// Whether it goes to standard error (failures and retries), not standard output.
        package var isError: Bool

        /// Creates a line from text that already ends as it should; credentials and queries in
        /// URLs are redacted (`Redaction`), so no line notify prints carries them.
        package init(text: String, isError: Bool) {
            self.text = Redaction.redact(text)
            self.isError = isError
        }

        /// A line for standard output.
        static func output(_ line: String) -> Line { Line(text: line + "\n", isError: false) }

        /// A line for standard error.
        static func error(_ line: String) -> Line { Line(text: line + "\n", isError: true) }
    }
}
