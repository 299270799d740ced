import Foundation

/// Each component's uptime over the last `Uptime.dayCount` days, day by day.
///
/// The formula (the README's "How uptime is computed" states it for users):
/// - At every instant a component has the worst status the incidents open then give it (each
///   incident's status for it changes with its updates, `ComponentTimeline`): overlapping
///   incidents are merged, never counted twice.
/// - Downtime is weighted by that status: `major_outage` 100 %, `partial_outage` 30 %,
///   `degraded_performance` 0 %.
/// - Time under maintenance (a scheduled maintenance in progress on the component, or an
///   incident that marks it `under_maintenance`) is left out of both the downtime and the time
///   measured.
/// - Nothing is measured before the component's `since` or after the build's clock, so an open
///   incident counts up to `now`, days before `since` have no data, and today is measured up to
///   `now`.
/// - Days run from midnight to midnight in the site's time zone, so a day can be 23 or 25 hours
///   long.
/// - Uptime = 1 − downtime ÷ time measured, over the days asked for.
package struct Uptime: Sendable {
    /// How many daily bars the pages show.
    package static let dayCount = 90

    /// How much of an instant a status counts as down.
    package static func weight(of status: ComponentStatus) -> Double {
        switch status {
        case .majorOutage: 1
        case .partialOutage: 0.3
        case .operational, .degradedPerformance, .underMaintenance: 0
        }
    }

    /// A ratio in hundredths of a percent, rounded down so that any downtime at all stays below
    /// 100 %: 0.99957 → 9995; 10 000 only for no downtime.
    package static func hundredthsOfPercent(_ ratio: Double) -> Int {
        if ratio >= 1 { return 10_000 }
        return max(0, min(9_999, Int((ratio * 10_000 + 1e-9).rounded(.down))))
    }

    /// The components' uptime by id.
    package var components: [String: ComponentUptime]

    /// Computes every component's uptime for the `dayCount` days ending on the day of `site.asOf`
    /// in the site's zone.
    package init(site: Site, index: SiteIndex, dayCount: Int = Uptime.dayCount) {
        var components: [String: ComponentUptime] = [:]
        for component in site.config.components {
            components[component.id] = ComponentUptime(
                component: component,
                incidents: index.incidentsByComponent[component.id] ?? [],
                site: site,
                dayCount: dayCount
            )
        }
        self.components = components
    }

    /// The first instant of a civil day in `zone`: local midnight, or the first instant after it
    /// when midnight falls into a daylight-saving gap.
    package static func startOfDay(_ day: Int, in zone: TimeZone) -> Date {
        let naive = TimeInterval(day * 86_400)
        let first = TimeInterval(zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive)))
        let second = TimeInterval(zone.secondsFromGMT(for: Date(timeIntervalSince1970: naive - first)))
        let candidates = Set([naive - first, naive - second]).map { Date(timeIntervalSince1970: $0) }
        let onOrAfter = candidates.filter { CivilTime($0, in: zone).daysSinceEpoch >= day }
        return onOrAfter.min() ?? Date(timeIntervalSince1970: naive - first)
    }
}

/// One component's days, oldest first, ending with the day of the build's clock.
package struct ComponentUptime: Sendable, Hashable {
    /// The component's id.
    package var componentID: String
    /// The days, oldest first.
    package var days: [UptimeDay]

    /// The share of the measured time the component was up over the last `count` days, from 0
    /// to 1, or nil when none of that time was measured.
    package func ratio(lastDays count: Int) -> Double? {
        let recent = days.suffix(count)
        let measured = recent.reduce(0) { $0 + $1.measured }
        guard measured > 0 else { return nil }
        let downtime = recent.reduce(0) { $0 + $1.downtime }
        return max(0, 1 - downtime / measured)
    }

    /// The weighted downtime over the last `count` days, in seconds.
    package func downtime(lastDays count: Int) -> TimeInterval {
        days.suffix(count).reduce(0) { $0 + $1.downtime }
    }

    /// The time measured over the last `count` days, in seconds.
    package func measured(lastDays count: Int) -> TimeInterval {
        days.suffix(count).reduce(0) { $0 + $1.measured }
    }

    init(component: Component, incidents positions: [Int], site: Site, dayCount: Int) {
        componentID = component.id
        let zone = site.config.timeZone
        let today = CivilTime(site.asOf, in: zone).daysSinceEpoch
        let firstDay = today - dayCount + 1
        let windowStart = Uptime.startOfDay(firstDay, in: zone)
        let dataStart = max(windowStart, component.since ?? windowStart)
        let now = site.asOf

        // The spans of time each incident or maintenance held the component, clipped to the window.
        var spans: [Span] = []
        func add(start: Date, end: Date, status: ComponentStatus, position: Int) {
            let clippedStart = max(start, windowStart)
            let clippedEnd = min(end, now)
            // An incident opened and resolved at the same instant still touches its day.
            guard clippedStart <= clippedEnd, end >= windowStart, start <= now else { return }
            spans.append(Span(start: clippedStart, end: clippedEnd, status: status, position: position))
        }
        for position in positions {
            let incident = site.incidents[position]
            if let window = incident.maintenance {
                guard incident.components.contains(where: { $0.id == component.id }),
                    let active = incident.activeMaintenanceInterval(window, now: now)
                else { continue }
                add(start: active.start, end: active.end, status: .underMaintenance, position: position)
            } else {
                for segment in incident.segments(of: component.id) {
                    add(start: segment.start, end: segment.end ?? now, status: segment.status, position: position)
                }
            }
        }

        var days: [UptimeDay] = []
        days.reserveCapacity(dayCount)
        var dayStart = windowStart
        for day in firstDay...today {
            let nextStart = Uptime.startOfDay(day + 1, in: zone)
            let dayEnd = min(nextStart, now)
            let touching = spans.filter { span in
                span.start < nextStart && (span.end > dayStart || (span.start == span.end && span.start >= dayStart))
            }
            // Sweep the day's elementary intervals: between any two consecutive boundaries the set
            // of open spans is constant, so the worst status there is exact.
            var boundaries = [max(dayStart, dataStart), dayEnd]
            for span in touching {
                boundaries.append(span.start)
                boundaries.append(span.end)
            }
            let lower = max(dayStart, dataStart)
            let cuts = Array(Set(boundaries.filter { $0 >= lower && $0 <= dayEnd })).sorted()
            var measured: TimeInterval = 0
            var downtime: TimeInterval = 0
            for (from, to) in zip(cuts, cuts.dropFirst()) {
                let open = touching.filter { $0.start <= from && $0.end >= to }
                let length = to.timeIntervalSince(from)
                if open.contains(where: { $0.status == .underMaintenance }) { continue }
                let worst = open.map(\.status).max() ?? .operational
                measured += length
                downtime += length * Uptime.weight(of: worst)
            }
            let hasData = nextStart > dataStart
            days.append(
                UptimeDay(
                    day: day,
                    hasData: hasData,
                    worst: touching.map(\.status).max() ?? .operational,
                    incidents: touching.sorted { ($0.start, $0.position) < ($1.start, $1.position) }.map(\.position),
                    downtime: downtime,
                    measured: measured
                )
            )
            dayStart = nextStart
        }
        self.days = days
    }

    private struct Span: Hashable {
        var start: Date
        var end: Date
        var status: ComponentStatus
        var position: Int
    }
}

/// One day of a component's uptime.
package struct UptimeDay: Sendable, Hashable {
    /// Days since 1970-01-01 of this day in the site's zone.
    package var day: Int
    /// Whether any of the day is on or after the component's `since`.
    package var hasData: Bool
    /// The worst status any incident or maintenance gave the component during the day.
    package var worst: ComponentStatus
    /// Positions in `Site.incidents` of the incidents and maintenances that touched the day, in
    /// order of their start.
    package var incidents: [Int]
    /// The weighted downtime, in seconds.
    package var downtime: TimeInterval
    /// The time measured (after `since`, up to the clock, outside maintenance), in seconds.
    package var measured: TimeInterval
}

extension Incident {
    /// When a maintenance actually held its components, up to `now`: from its start (or an
    /// earlier `In progress` update) to its end (or an earlier `Completed` or `Cancelled`
    /// update); nil before it starts or when it was cancelled before it started.
    func activeMaintenanceInterval(_ window: MaintenanceWindow, now: Date) -> (start: Date, end: Date)? {
        let startedEarly = updates.last { $0.status == .inProgress || $0.status == .verifying }?.time
        let start = min(window.start, startedEarly ?? window.start)
        let completedEarly = updates.last {
            ($0.status == .completed || $0.status == .cancelled) && $0.time >= start
        }?.time
        if let cancelled = updates.last(where: { $0.status == .cancelled }), cancelled.time <= start { return nil }
        let end = min(window.end, completedEarly ?? window.end, now)
        guard start < now, start < end else { return nil }
        return (start, end)
    }
}
