/// The status word of an update heading (`## Monitoring — 2026-11-26 15:10 UTC`).
public enum UpdateStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case investigating = "Investigating"
    case identified = "Identified"
    case update = "Update"
    case monitoring = "Monitoring"
    case resolved = "Resolved"
    case postmortem = "Postmortem"

    /// Statuspage's lowercase word for the incident status.
    public var apiValue: String { rawValue.lowercased() }

    /// Whether the update changes the incident's status (`Update` keeps the previous one).
    public var setsStatus: Bool { self != .update }
}
