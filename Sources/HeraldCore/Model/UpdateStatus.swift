import Foundation

/// The status word of an update heading (`## Monitoring — 2026-11-26 15:10 UTC`).
package enum UpdateStatus: String, Sendable, Hashable, Codable, CaseIterable {
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
    /// The maintenance was called off; it no longer holds its components or appears as upcoming.
    case cancelled = "Cancelled"
    /// An informational notice's announcement.
    case notice = "Notice"

    /// The status a command line or an API names: the heading's word in any case, with `_` for
    /// its space (`in_progress`, `In progress`, `RESOLVED`); nil for any other word.
    package init?(word: String) {
        let normalized = word.replacingOccurrences(of: "_", with: " ").lowercased()
        guard let status = Self.allCases.first(where: { $0.rawValue.lowercased() == normalized }) else { return nil }
        self = status
    }

    /// The words an incident's updates may use.
    package static let incidentStatuses: [UpdateStatus] = [
        .investigating, .identified, .update, .monitoring, .resolved, .postmortem,
    ]
    /// The words a maintenance's updates may use.
    package static let maintenanceStatuses: [UpdateStatus] = [
        .scheduled, .inProgress, .verifying, .completed, .cancelled, .update,
    ]
    /// The words a notice's updates may use.
    package static let noticeStatuses: [UpdateStatus] = [.notice, .update]

    /// The lowercase word for the status (`in_progress`), used in class names and the feeds: the
    /// raw value lowercased, with `_` for spaces. Spelled out because every update of every page
    /// asks for it.
    package var apiValue: String {
        switch self {
        case .investigating: "investigating"
        case .identified: "identified"
        case .update: "update"
        case .monitoring: "monitoring"
        case .resolved: "resolved"
        case .postmortem: "postmortem"
        case .scheduled: "scheduled"
        case .inProgress: "in_progress"
        case .verifying: "verifying"
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .notice: "notice"
        }
    }

    /// Statuspage's word: its maintenance statuses have no `cancelled`, so a cancelled
    /// maintenance reads as `completed` to Statuspage clients (its update's text says why); it
    /// has no notices, which its pages post as incidents with impact `none` that are `resolved`
    /// from the start, so that no client takes them for a problem.
    package var statuspageValue: String {
        switch self {
        case .cancelled: UpdateStatus.completed.apiValue
        case .notice: UpdateStatus.resolved.apiValue
        default: apiValue
        }
    }

    /// Whether the update changes the incident's status (`Update` keeps the previous one).
    package var setsStatus: Bool { self != .update }

    /// The order a maintenance moves through; nil for incident words.
    var maintenanceStage: Int? {
        switch self {
        case .scheduled: 0
        case .inProgress: 1
        case .verifying: 2
        case .completed: 3
        case .cancelled: 4
        default: nil
        }
    }
}
