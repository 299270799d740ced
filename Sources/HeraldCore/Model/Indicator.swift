/// The page's overall status (Statuspage's `status.indicator`).
package enum Indicator: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case none, maintenance, minor, major, critical

    /// The sentence on the page's banner (Statuspage's `status.description`).
    package var description: String {
        switch self {
        case .none: "All Systems Operational"
        case .maintenance: "Service Under Maintenance"
        case .minor: "Minor Service Outage"
        case .major: "Partial System Outage"
        case .critical: "Major Service Outage"
        }
    }

    /// The indicator an open incident of this impact causes.
    package init(_ impact: Impact) {
        switch impact {
        case .none: self = .none
        case .minor: self = .minor
        case .major: self = .major
        case .critical: self = .critical
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: Indicator, rhs: Indicator) -> Bool { lhs.rank < rhs.rank }
}
