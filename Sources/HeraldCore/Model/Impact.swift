/// How badly an incident hurts customers, as the operator declares it (Statuspage's `impact`).
package enum Impact: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case none, minor, major, critical

    /// The status a listed component takes when the incident names it without a status.
    package var defaultComponentStatus: ComponentStatus {
        switch self {
        case .none, .minor: .degradedPerformance
        case .major: .partialOutage
        case .critical: .majorOutage
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    package static func < (lhs: Impact, rhs: Impact) -> Bool { lhs.rank < rhs.rank }
}
