import Foundation

/// The status of everything at the build's clock: pure functions of the site.
package struct SiteStatus: Sendable {
    /// Each component's current status: the worst status among the open incidents that name it.
    package var componentStatuses: [String: ComponentStatus]
    /// The overall indicator: the worst of the open incidents' impacts and the components'
    /// statuses.
    package var indicator: Indicator
    /// Indices into `Site.incidents` of the open incidents, newest first.
    package var openIncidents: [Int]
    /// Indices of maintenances under way (in progress or verifying), newest first.
    package var activeMaintenance: [Int]
    /// Indices of scheduled maintenances that have not started, soonest first.
    package var upcomingMaintenance: [Int]
    /// Indices of the notices current at the build's clock, newest first. They change no status.
    package var currentNotices: [Int]

    /// Computes the status of `site`.
    package init(site: Site) {
        var statuses: [String: ComponentStatus] = [:]
        for component in site.config.components { statuses[component.id] = .operational }
        var indicator = Indicator.none
        var open: [Int] = []
        var active: [Int] = []
        var upcoming: [Int] = []
        for (index, incident) in site.incidents.enumerated() where incident.maintenance != nil {
            switch incident.maintenanceStatus(at: site.asOf) {
            case .inProgress, .verifying:
                active.append(index)
                indicator = max(indicator, .maintenance)
                for affected in incident.components {
                    statuses[affected.id] = max(statuses[affected.id] ?? .operational, .underMaintenance)
                }
            case .scheduled:
                upcoming.append(index)
            default:
                break
            }
        }
        for (index, incident) in site.incidents.enumerated() where incident.isOpen {
            open.append(index)
            indicator = max(indicator, Indicator(incident.impact))
            for affected in incident.components {
                let current = statuses[affected.id] ?? .operational
                statuses[affected.id] = max(current, affected.status)
                indicator = max(indicator, affected.status.indicator)
            }
        }
        currentNotices = site.incidents.indices.filter { site.incidents[$0].isNoticeCurrent(at: site.asOf) }
        componentStatuses = statuses
        self.indicator = indicator
        openIncidents = open
        activeMaintenance = active
        upcomingMaintenance = upcoming.sorted { site.incidents[$0].started < site.incidents[$1].started }
    }

    /// The status of one component.
    package func status(of componentID: String) -> ComponentStatus {
        componentStatuses[componentID] ?? .operational
    }
}
