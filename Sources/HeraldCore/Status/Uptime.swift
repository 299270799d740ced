import Foundation

/// Each component's uptime day by day: the `Uptime.dayCount` days of the bars and the whole of its
/// history, which `UptimeHistory` sums by month and year.
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
/// - Nothing is measured before the component's `since` or after the site's clock (`Site.asOf`),
///   so an open incident counts up to it, days before `since` have no data, and today is
///   measured up to it.
/// - Days run from midnight to midnight in the site's time zone, so a day can be 23 or 25 hours
///   long.
/// - Uptime = 1 − downtime ÷ time measured, over the days asked for.
///
/// Every component's days are computed once, from the first day of its history (`historyStart`)
/// to today, so the 90-day bars and the monthly figures of `uptime/` (`UptimeHistory`) add up the
/// same days.
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

    /// Seconds rounded up to whole ones (less a microsecond for the sums' floating-point error), so
    /// that any downtime at all shows as at least a second, as the percentage shows it below 100.
    package static func wholeSeconds(_ seconds: TimeInterval) -> Int {
        max(0, Int((seconds - 1e-6).rounded(.up)))
    }

    /// The components' uptime by id.
    package var components: [String: ComponentUptime]

    /// Computes every component's uptime for the whole of its history and the `dayCount` days
    /// that end on the day of `site.asOf` in the site's zone.
    package init(site: Site, index: SiteIndex, dayCount: Int = Uptime.dayCount) {
        let zone = site.config.timeZone
        let today = CivilTime(site.asOf, in: zone).daysSinceEpoch
        let windowStart = today - dayCount + 1
        let siteStart = Self.siteHistoryStart(site: site, windowStart: windowStart)
        var components: [String: ComponentUptime] = [:]
        for component in site.config.components {
            let historyStart = component.since.map { CivilTime($0, in: zone).daysSinceEpoch } ?? siteStart
            components[component.id] = ComponentUptime(
                component: component,
                incidents: index.incidentsByComponent[component.id] ?? [],
                site: site,
                days: min(historyStart, windowStart)...today,
                historyStart: historyStart,
                recentCount: dayCount
            )
        }
        self.components = components
    }

    /// Where the history of a component without `since` starts: the first day of the month of the
    /// site's first incident or maintenance, or of the first day of the bars if that is earlier.
    static func siteHistoryStart(site: Site, windowStart: Int) -> Int {
        let zone = site.config.timeZone
        let first = site.incidents.lazy.filter { $0.notice == nil && $0.started <= site.asOf }.map(\.started).min()
        let day = min(first.map { CivilTime($0, in: zone).daysSinceEpoch } ?? windowStart, windowStart)
        let (year, month, _) = CivilTime.civil(fromDays: day)
        return CivilTime.days(year: year, month: month, day: 1)
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
