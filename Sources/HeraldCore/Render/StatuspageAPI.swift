import Foundation

/// The Statuspage-compatible public API (`api/v2/`), so that aggregators, chat integrations and
/// monitoring exporters that read Atlassian Statuspage read Herald's site unchanged.
///
/// Field names, nesting and enums follow Statuspage's documented v2 API; ids are stable across
/// builds and title edits because they come from slugs and component ids. Everything is written
/// with `JSONEncoder` (sorted keys), never with templates.
package struct StatuspageAPI: Sendable {
    // MARK: Building

    /// How many incidents `incidents.json` lists.
    package static let incidentLimit = 50

    let site: Site
    let index: SiteIndex
    let status: SiteStatus
    /// The components' uptime for `herald_uptime`; nil where only incidents are needed (notify).
    let uptime: Uptime?

    package init(site: Site, index: SiteIndex, status: SiteStatus, uptime: Uptime? = nil) {
        self.site = site
        self.index = index
        self.status = status
        self.uptime = uptime
    }

    /// The page's id: its host name and path, as a slug.
    package var pageID: String {
        Identifier.slugify((site.config.url.host ?? "") + site.config.url.path)
    }

    var page: Page {
        let newest = site.incidents.map(\.updatedAt).max() ?? site.asOf
        return Page(
            id: pageID,
            name: site.config.title,
            url: String(site.config.url.absoluteString.dropLast()),
            timeZone: site.config.timeZoneName,
            updatedAt: Timestamp.iso8601Milliseconds(newest)
        )
    }

    var overallStatus: Status {
        Status(indicator: status.indicator.apiIndicator, description: status.indicator.description)
    }

    /// Groups and components in display order, positions counted from 1.
    package var components: [Component] {
        var result: [Component] = []
        var position = 0
        for group in index.groups {
            let groupID = group.name.map { "group-" + Identifier.slugify($0) }
            if let name = group.name, let groupID {
                position += 1
                let worst = group.components.map { status.status(of: $0.id) }.max() ?? .operational
                let times = group.components.map(times(of:))
                result.append(
                    Component(
                        id: groupID,
                        name: name,
                        status: worst.rawValue,
                        createdAt: times.map(\.created).min() ?? Timestamp.iso8601Milliseconds(site.asOf),
                        updatedAt: times.map(\.updated).max() ?? Timestamp.iso8601Milliseconds(site.asOf),
                        position: position,
                        description: nil,
                        showcase: false,
                        startDate: nil,
                        groupID: nil,
                        pageID: pageID,
                        group: true,
                        onlyShowIfDegraded: false,
                        components: group.components.map(\.id)
                    )
                )
            }
            for component in group.components {
                position += 1
                result.append(self.component(component, position: position, groupID: groupID))
            }
        }
        return result
    }

    private func times(of component: HeraldCore.Component) -> (created: String, updated: String) {
        let incidents = index.incidentsByComponent[component.id] ?? []
        let created = component.since ?? incidents.map { site.incidents[$0].started }.min() ?? site.asOf
        let updated = incidents.map { site.incidents[$0].updatedAt }.max() ?? created
        return (Timestamp.iso8601Milliseconds(created), Timestamp.iso8601Milliseconds(max(created, updated)))
    }

    private func component(_ component: HeraldCore.Component, position: Int, groupID: String?) -> Component {
        let times = times(of: component)
        return Component(
            id: component.id,
            name: component.name,
            status: status.status(of: component.id).rawValue,
            createdAt: times.created,
            updatedAt: times.updated,
            position: position,
            description: component.description.isEmpty ? nil : component.description,
            showcase: true,
            startDate: component.since.map { date in
                let t = CivilTime(date, in: site.config.timeZone)
                return "\(Timestamp.pad(t.year, 4))-\(Timestamp.pad(t.month))-\(Timestamp.pad(t.day))"
            },
            groupID: groupID,
            pageID: pageID,
            group: false,
            onlyShowIfDegraded: false,
            components: nil
        )
    }

    /// The incident's updates, newest first, each with the incident status it left behind
    /// (`Update` keeps the previous status).
    package func incident(_ incident: HeraldCore.Incident, componentsByID: [String: Component]) -> Incident {
        var effective: [UpdateStatus] = []
        var current: UpdateStatus =
            incident.notice != nil ? .notice : incident.maintenance == nil ? .investigating : .scheduled
        for update in incident.updates.reversed() {
            if update.status.setsStatus { current = update.status }
            effective.append(current)
        }
        effective.reverse()
        let names = Dictionary(site.config.components.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let changes = incident.componentChanges
        let updates = incident.updates.enumerated().map { offset, update -> IncidentUpdate in
            let time = Timestamp.iso8601Milliseconds(update.time)
            let affected = changes[offset].map {
                AffectedComponent(
                    code: $0.id,
                    name: names[$0.id] ?? $0.id,
                    oldStatus: $0.old.rawValue,
                    newStatus: $0.new.rawValue
                )
            }
            return IncidentUpdate(
                id: "\(incident.slug)-\(update.anchor)",
                status: effective[offset].statuspageValue,
                body: update.markdown,
                incidentID: incident.slug,
                createdAt: time,
                updatedAt: time,
                displayAt: time,
                affectedComponents: affected.isEmpty ? nil : affected
            )
        }
        let created = incident.updates.last?.time ?? incident.started
        let maintenanceStatus = incident.maintenanceStatus(at: site.asOf)
        // A notice is resolved from the start: nothing for a client to wait on.
        var resolved = incident.notice != nil ? incident.updates.last?.time : incident.resolvedAt
        if maintenanceStatus == .completed || maintenanceStatus == .cancelled, let window = incident.maintenance {
            resolved = incident.updates.first { $0.status == .completed || $0.status == .cancelled }?.time ?? window.end
        }
        return Incident(
            id: incident.slug,
            name: incident.title,
            status: incident.displayedStatus(at: site.asOf).statuspageValue,
            createdAt: Timestamp.iso8601Milliseconds(created),
            updatedAt: Timestamp.iso8601Milliseconds(incident.updatedAt),
            monitoringAt: incident.monitoringAt.map(Timestamp.iso8601Milliseconds),
            resolvedAt: resolved.map(Timestamp.iso8601Milliseconds),
            impact: incident.maintenance == nil ? incident.impact.rawValue : "maintenance",
            shortlink: site.config.absoluteURL("incidents/\(incident.slug)/"),
            startedAt: Timestamp.iso8601Milliseconds(incident.started),
            pageID: pageID,
            incidentUpdates: updates,
            components: incident.components.compactMap { componentsByID[$0.id] },
            scheduledFor: incident.maintenance.map { Timestamp.iso8601Milliseconds($0.start) },
            scheduledUntil: incident.maintenance.map { Timestamp.iso8601Milliseconds($0.end) },
            heraldNotice: incident.notice.map { HeraldNotice(until: $0.until.map(Timestamp.iso8601Milliseconds)) }
        )
    }

    /// A component with its `herald_uptime` (groups have none).
    func withUptime(_ component: Component) -> Component {
        guard !component.group, let days = uptime?.components[component.id] else { return component }
        func period(_ count: Int) -> HeraldUptime.Period {
            HeraldUptime.Period(
                uptimePercent: days.ratio(lastDays: count).map { Double(Uptime.hundredthsOfPercent($0)) / 100 },
                downtimeSeconds: Uptime.wholeSeconds(days.downtime(lastDays: count)),
                measuredSeconds: Uptime.wholeSeconds(days.measured(lastDays: count))
            )
        }
        var result = component
        result.heraldUptime = HeraldUptime(last30Days: period(30), last90Days: period(Uptime.dayCount))
        return result
    }

    /// Every file under `api/v2/`.
    func files() throws -> [OutputFile] {
        struct PageAndStatus: Encodable {
            var page: Page
            var status: Status
        }
        struct PageAndComponents: Encodable {
            var page: Page
            var components: [Component]
        }
        struct PageAndIncidents: Encodable {
            var page: Page
            var incidents: [Incident]
        }
        struct PageAndMaintenances: Encodable {
            var page: Page
            var scheduledMaintenances: [Incident]
            enum CodingKeys: String, CodingKey {
                case page
                case scheduledMaintenances = "scheduled_maintenances"
            }
        }
        struct Summary: Encodable {
            var page: Page
            var components: [Component]
            var incidents: [Incident]
            var scheduledMaintenances: [Incident]
            var status: Status
            enum CodingKeys: String, CodingKey {
                case page, components, incidents, status
                case scheduledMaintenances = "scheduled_maintenances"
            }
        }

        let page = self.page
        let components = self.components
        let componentsByID = Dictionary(components.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Newest first by creation, then by id, as Statuspage lists them.
        let ordered = site.incidents.indices.filter { site.incidents[$0].maintenance == nil }.sorted {
            let a = site.incidents[$0]
            let b = site.incidents[$1]
            let aCreated = a.updates.last?.time ?? a.started
            let bCreated = b.updates.last?.time ?? b.started
            return (aCreated, b.slug) > (bCreated, a.slug)
        }
        let incidents = ordered.prefix(Self.incidentLimit).map {
            incident(site.incidents[$0], componentsByID: componentsByID)
        }
        // Every incident, for audits and migrations (`incidents.json` holds the newest, as
        // Statuspage's does), made one at a time as it is written.
        let everyIncident = ordered.lazy.map { self.incident(self.site.incidents[$0], componentsByID: componentsByID) }
        let unresolved = ordered.filter { site.incidents[$0].isOpen }.map {
            incident(site.incidents[$0], componentsByID: componentsByID)
        }
        // Maintenance, newest window first; upcoming lists the soonest first, as Statuspage does.
        let maintenance = site.incidents.indices.filter { site.incidents[$0].maintenance != nil }
        func maintenances(_ positions: [Int]) -> [Incident] {
            positions.map { incident(site.incidents[$0], componentsByID: componentsByID) }
        }
        let all = maintenances(maintenance)
        let upcoming = maintenances(status.upcomingMaintenance)
        let active = maintenances(status.activeMaintenance)
        func file(_ path: String, _ value: some Encodable) throws -> OutputFile {
            OutputFile(path: "api/v2/" + path, data: try JSONOutput.encode(value))
        }
        let summary = Summary(
            page: page,
            components: components,
            incidents: unresolved,
            scheduledMaintenances: active + upcoming,
            status: overallStatus
        )
        return [
            try file("summary.json", summary),
            try file("status.json", PageAndStatus(page: page, status: overallStatus)),
            try file("components.json", PageAndComponents(page: page, components: components.map(withUptime))),
            try file("incidents.json", PageAndIncidents(page: page, incidents: incidents)),
            try file("incidents/unresolved.json", PageAndIncidents(page: page, incidents: unresolved)),
            OutputFile(
                path: "api/v2/incidents/all.json",
                data: try JSONOutput.encodeList("incidents", everyIncident, page: page)
            ),
            try file("scheduled-maintenances.json", PageAndMaintenances(page: page, scheduledMaintenances: all)),
            try file(
                "scheduled-maintenances/upcoming.json",
                PageAndMaintenances(page: page, scheduledMaintenances: upcoming)
            ),
            try file(
                "scheduled-maintenances/active.json", PageAndMaintenances(page: page, scheduledMaintenances: active)),
        ]
    }
}

extension Indicator {
    /// Statuspage's `status.indicator`: `none`, `minor`, `major`, `critical` (maintenance is
    /// reported as `maintenance`, which Statuspage also uses).
    package var apiIndicator: String { rawValue }
}
