import HeraldCore

/// Why `herald notify` cannot work out what to send.
public enum NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The previous state could not be read.
    case unreadablePrevious(String, String)
    /// A git command failed.
    case git(String)
    /// The delivery ledger could not be read or written.
    case ledger(String, String)

    public var description: String {
        switch self {
        case .unreadablePrevious(let source, let reason): "cannot read the previous state '\(source)': \(reason)"
        case .git(let message): message
        case .ledger(let path, let reason): "cannot use the delivery ledger \(path): \(reason)"
        }
    }
}
