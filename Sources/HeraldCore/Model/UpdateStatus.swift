import Foundation

/// The status word of an update heading (`## Monitoring — 2026-11-26 15:10 UTC`).
public enum UpdateStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case investigating = "Investigating"
    case identified = "Identified"
    case update = "Update"
    case monitoring = "Monitoring"
    case resolved = "Resolved"
    case postmortem = "Postmortem"
    // Scheduled maintenance.
    case scheduled = "Scheduled"
    case inProgress = "In progress"
    case verifying = "Verifying"
    case completed = "Completed"

    /// The words an incident's updates may use.
    public static let incidentStatuses: [UpdateStatus] = [
        .investigating, .identified, .update, .monitoring, .resolved, .postmortem,
    ]
    /// The words a maintenance's updates may use.
    public static let maintenanceStatuses: [UpdateStatus] = [.scheduled, .inProgress, .verifying, .completed, .update]

    /// Statuspage's lowercase word for the status (`in_progress`).
    public var apiValue: String { rawValue.lowercased().replacingOccurrences(of: " ", with: "_") }

    /// Whether the update changes the incident's status (`Update` keeps the previous one).
    public var setsStatus: Bool { self != .update }

    /// The order a maintenance moves through; nil for incident words.
    var maintenanceStage: Int? {
        switch self {
        case .scheduled: 0
        case .inProgress: 1
        case .verifying: 2
        case .completed: 3
        default: nil
        }
    }
}
