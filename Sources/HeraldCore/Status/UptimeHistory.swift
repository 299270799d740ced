import Foundation

/// Every component's uptime per month and per year since the start of its history: the sums of
/// its days (`ComponentUptime.history`), so that they agree with the 90-day bars on the days both
/// cover. `uptime/`, `uptime.json` and `uptime.csv` show them.
package struct UptimeHistory: Sendable {
    /// The components in herald.yml's order, each with its months and years.
    package var components: [ComponentHistory]

    /// The history of every component of `site` from `uptime`.
    package init(site: Site, uptime: Uptime) {
        components = site.config.components.compactMap { component in
            uptime.components[component.id].map { ComponentHistory(component: component, uptime: $0, site: site) }
        }
    }
}

/// One component's months and years, oldest first.
package struct ComponentHistory: Sendable, Hashable {
    /// The component's id.
    package var id: String
    /// The component's name.
    package var name: String
    /// The first day of the history (days since 1970-01-01 in the site's zone).
    package var start: Int
    /// The months, oldest first, keyed `2026-11`; the first and the current one may be partial.
    package var months: [UptimePeriod]
    /// The years, oldest first, keyed `2026`.
    package var years: [UptimePeriod]
    /// The whole history.
    package var total: UptimePeriod

    init(component: Component, uptime: ComponentUptime, site: Site) {
        id = component.id
        name = component.name
        start = uptime.historyStart
        let isIncident = { (position: Int) in site.incidents[position].maintenance == nil }
        var months: [UptimePeriod] = []
        var years: [UptimePeriod] = []
        var total = UptimePeriod(key: "")
        for day in uptime.history {
            let (year, month, _) = CivilTime.civil(fromDays: day.day)
            let monthKey = "\(Timestamp.pad(year, 4))-\(Timestamp.pad(month))"
            if months.last?.key != monthKey { months.append(UptimePeriod(key: monthKey)) }
            if years.last?.key != String(monthKey.prefix(4)) {
                years.append(UptimePeriod(key: String(monthKey.prefix(4))))
            }
            let counted = day.incidents.filter(isIncident)
            months[months.count - 1].add(day, incidents: counted)
            years[years.count - 1].add(day, incidents: counted)
            total.add(day, incidents: counted)
        }
        self.months = months
        self.years = years
        self.total = total
    }
}

/// A component's uptime over a month, a year or its whole history.
package struct UptimePeriod: Sendable, Hashable {
    /// `2026-11` for a month, `2026` for a year, empty for the whole history.
    package var key: String
    /// The time measured (after `since`, up to the clock, outside maintenance), in seconds.
    package var measured: TimeInterval = 0
    /// The weighted downtime, in seconds.
    package var downtime: TimeInterval = 0
    /// The time at each status other than operational, in seconds.
    package var seconds = StatusSeconds()
    /// The positions of the incidents (not maintenance) that touched the component in the period.
    package var incidentPositions: Set<Int> = []

    /// The share of `measured` that was up, from 0 to 1, or nil when nothing was measured.
    package var ratio: Double? { UptimeDay.ratio(downtime: downtime, measured: measured) }

    /// How many incidents touched the component in the period, each counted once.
    package var incidents: Int { incidentPositions.count }

    init(key: String) {
        self.key = key
    }

    mutating func add(_ day: UptimeDay, incidents: [Int]) {
        measured += day.measured
        downtime += day.downtime
        seconds.add(day.seconds)
        incidentPositions.formUnion(incidents)
    }
}
