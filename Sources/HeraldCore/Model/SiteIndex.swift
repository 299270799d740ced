import Foundation

/// Lookups built once per build, so that no page scans every incident: incidents by component
/// and by month, and components by id and by group.
package struct SiteIndex: Sendable {
    /// A group of components as shown on the page; `name` is nil for components without a group.
    package struct Group: Sendable {
        package var name: String?
        package var components: [Component]
    }

    /// Indices into `Site.incidents` for each component id, newest first.
    package var incidentsByComponent: [String: [Int]]
    /// Indices into `Site.incidents` for each month (`2026-11`, in the site's zone), newest first.
    package var incidentsByMonth: [String: [Int]]
    /// The months that have incidents, newest first.
    package var months: [String]
    /// Components by id.
    package var componentsByID: [String: Component]
    /// Component groups in display order (a group appears where its first component is listed).
    package var groups: [Group]

    /// Builds the index in one pass over the incidents.
    package init(site: Site) {
        var byComponent: [String: [Int]] = [:]
        var byMonth: [String: [Int]] = [:]
        for (index, incident) in site.incidents.enumerated() {
            for component in incident.components { byComponent[component.id, default: []].append(index) }
            byMonth[Self.monthKey(incident.started, in: site.config.timeZone), default: []].append(index)
        }
        incidentsByComponent = byComponent
        incidentsByMonth = byMonth
        months = byMonth.keys.sorted(by: >)
        componentsByID = Dictionary(site.config.components.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var groups: [Group] = []
        var groupPosition: [String: Int] = [:]
        for component in site.config.components {
            if let name = component.group {
                if let position = groupPosition[name] {
                    groups[position].components.append(component)
                } else {
                    groupPosition[name] = groups.count
                    groups.append(Group(name: name, components: [component]))
                }
            } else {
                groups.append(Group(name: nil, components: [component]))
            }
        }
        self.groups = groups
    }

    /// `2026-11`: the month of `date` in `timeZone`.
    package static func monthKey(_ date: Date, in timeZone: TimeZone) -> String {
        let time = CivilTime(date, in: timeZone)
        return "\(Timestamp.pad(time.year, 4))-\(Timestamp.pad(time.month))"
    }
}
