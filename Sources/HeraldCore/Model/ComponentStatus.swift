/// A component's status, with Statuspage's words.
package enum ComponentStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case operational
    case underMaintenance = "under_maintenance"
    case degradedPerformance = "degraded_performance"
    case partialOutage = "partial_outage"
    case majorOutage = "major_outage"

    /// Words a customer reads.
    package var label: String {
        switch self {
        case .operational: "Operational"
        case .underMaintenance: "Under maintenance"
        case .degradedPerformance: "Degraded performance"
        case .partialOutage: "Partial outage"
        case .majorOutage: "Major outage"
        }
    }

    /// The statuses an incident may give a component (not `operational`).
    package static let incidentStatuses: [ComponentStatus] = [.degradedPerformance, .partialOutage, .majorOutage]

    /// The overall indicator this status alone would cause.
    package var indicator: Indicator {
        switch self {
        case .operational: .none
        case .underMaintenance: .maintenance
        case .degradedPerformance: .minor
        case .partialOutage: .major
        case .majorOutage: .critical
        }
    }

    /// Ordered from best to worst; maintenance is better than any degradation.
    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: ComponentStatus, rhs: ComponentStatus) -> Bool { lhs.rank < rhs.rank }
}
