import HeraldCore

/// Why `herald notify` cannot work out what to send.
package enum NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The site has errors (with `--strict`, warnings too): it is not what would be published, so
    /// nothing is sent. Carries every problem, to be printed as `herald check` prints them.
    case invalidSite([Diagnostic])
    /// The previous state could not be read.
    case unreadablePrevious(String, String)
    /// A git command failed.
    case git(String)
    /// The delivery ledger could not be read or written.
    case ledger(String, String)

    /// The message, with credentials and queries in URLs redacted (`Redaction`).
    package var description: String { Redaction.redact(text) }

    private var text: String {
        switch self {
        case .invalidSite(let diagnostics):
            let errors = diagnostics.count { $0.severity == .error }
            return "the site has \(errors) error\(errors == 1 ? "" : "s"); nothing was sent"
        case .unreadablePrevious(let source, let reason): return "cannot read the previous state '\(source)': \(reason)"
        case .git(let message): return message
        case .ledger(let path, let reason): return "cannot use the delivery ledger \(path): \(reason)"
        }
    }
}
