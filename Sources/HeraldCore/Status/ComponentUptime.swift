import Foundation

/// One component's days, oldest first, ending with the day of the build's clock: the whole of its
/// history (from `historyStart`) and at least the days of the bars (`recentDays`).
package struct ComponentUptime: Sendable, Hashable {
    /// The component's id.
    package var componentID: String
    /// Every day computed, oldest first.
    package var allDays: [UptimeDay]
    /// The first day of the component's history (days since 1970-01-01 in the site's zone): the
    /// day of its `since`, or the first of the month of the site's first incident or maintenance
    /// (or of the bars' first day, if that is earlier).
    package var historyStart: Int
    /// How many days the bars show.
    let recentCount: Int

    /// The days of the bars, oldest first.
    package var days: ArraySlice<UptimeDay> { allDays.suffix(recentCount) }

    /// The days of the component's history, oldest first (empty when `since` is after today).
    package var history: ArraySlice<UptimeDay> { allDays.drop { $0.day < historyStart } }

    /// The share of the measured time the component was up over the last `count` days, from 0
    /// to 1, or nil when none of that time was measured.
    package func ratio(lastDays count: Int) -> Double? {
        UptimeDay.ratio(downtime: downtime(lastDays: count), measured: measured(lastDays: count))
    }

    /// The weighted downtime over the last `count` days, in seconds.
    package func downtime(lastDays count: Int) -> TimeInterval {
        allDays.suffix(count).reduce(0) { $0 + $1.downtime }
    }

    /// The time measured over the last `count` days, in seconds.
    package func measured(lastDays count: Int) -> TimeInterval {
        allDays.suffix(count).reduce(0) { $0 + $1.measured }
    }

    /// Computes `days` for the component in one sweep: the spans of time each incident or
    /// maintenance held it, sorted by start, enter a day's open set when they start before its
    /// end and leave it once they end before its start, so each day looks only at its own spans.
    init(
        component: Component, incidents positions: [Int], site: Site, days: ClosedRange<Int>, historyStart: Int,
        recentCount: Int
    ) {
        componentID = component.id
        self.historyStart = historyStart
        self.recentCount = recentCount
        let zone = site.config.timeZone
        let rangeStart = Uptime.startOfDay(days.lowerBound, in: zone)
        let dataStart = max(rangeStart, component.since ?? rangeStart)
        let now = site.asOf

        var spans: [Span] = []
        func add(start: Date, end: Date, status: ComponentStatus, position: Int) {
            // An incident opened and resolved at the same instant still touches its day.
            guard start <= now,
                Span(start: start, end: end, status: status, position: position).touches(from: rangeStart)
            else { return }
            let clipped = Span(start: max(start, rangeStart), end: min(end, now), status: status, position: position)
            if clipped.start <= clipped.end { spans.append(clipped) }
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
        spans.sort { ($0.start, $0.position) < ($1.start, $1.position) }

        var result: [UptimeDay] = []
        result.reserveCapacity(days.count)
        var waiting = spans[...]
        var open: [Span] = []
        var dayStart = rangeStart
        for day in days {
            let nextStart = Uptime.startOfDay(day + 1, in: zone)
            while let next = waiting.first, next.start < nextStart {
                open.append(next)
                waiting.removeFirst()
            }
            open.removeAll { !$0.touches(from: dayStart) }
            result.append(
                UptimeDay(
                    day: day, start: dayStart, end: min(nextStart, now), dataStart: dataStart,
                    hasData: nextStart > dataStart, spans: open)
            )
            dayStart = nextStart
        }
        allDays = result
    }

    /// A span of time an incident or maintenance held the component at one status.
    struct Span: Hashable {
        var start: Date
        var end: Date
        var status: ComponentStatus
        var position: Int

        /// Whether the span reaches into a day that starts at `dayStart` (and started before its
        /// end): it ends after the day's start, or is an instant on or after it.
        func touches(from dayStart: Date) -> Bool {
            end > dayStart || (start == end && start >= dayStart)
        }
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
    /// Positions in `Site.incidents` of the incidents and maintenances that touched the day, each
    /// once, in order of when they first held the component that day (from the day's start for
    /// those that began before it), then of their position.
    package var incidents: [Int]
    /// The weighted downtime, in seconds.
    package var downtime: TimeInterval
    /// The time measured (after `since`, up to the clock, outside maintenance), in seconds.
    package var measured: TimeInterval
    /// The time the component spent at each status other than operational, in seconds: time under
    /// maintenance is not measured, and the other statuses' time is, weighted into `downtime`.
    package var seconds: StatusSeconds

    /// The share of `measured` that was up, from 0 to 1, or nil when nothing was measured.
    static func ratio(downtime: TimeInterval, measured: TimeInterval) -> Double? {
        measured > 0 ? max(0, 1 - downtime / measured) : nil
    }

    /// Sweeps the day's elementary intervals from `max(start, dataStart)` to `end`: between any two
    /// consecutive boundaries of `spans` the set of open spans is constant, so the worst status
    /// there is exact.
    init(
        day: Int, start: Date, end: Date, dataStart: Date, hasData: Bool,
        spans: [ComponentUptime.Span]
    ) {
        self.day = day
        self.hasData = hasData
        let lower = max(start, dataStart)
        // Only what held the component after `since`: an incident over before it counts nowhere.
        let spans = spans.filter { $0.touches(from: lower) }
        worst = spans.map(\.status).max() ?? .operational
        var positions: [Int] = []
        let ordered = spans.sorted { (max($0.start, start), $0.position) < (max($1.start, start), $1.position) }
        for span in ordered where !positions.contains(span.position) { positions.append(span.position) }
        incidents = positions
        var boundaries = [lower, end]
        for span in spans {
            boundaries.append(span.start)
            boundaries.append(span.end)
        }
        let cuts = Array(Set(boundaries.filter { $0 >= lower && $0 <= end })).sorted()
        var measured: TimeInterval = 0
        var downtime: TimeInterval = 0
        var seconds = StatusSeconds()
        for (from, to) in zip(cuts, cuts.dropFirst()) {
            let statuses = spans.filter { $0.start <= from && $0.end >= to }.map(\.status)
            let length = to.timeIntervalSince(from)
            let shown: ComponentStatus =
                statuses.contains(.underMaintenance) ? .underMaintenance : statuses.max() ?? .operational
            seconds.add(length, at: shown)
            if shown == .underMaintenance { continue }
            measured += length
            downtime += length * Uptime.weight(of: shown)
        }
        self.measured = measured
        self.downtime = downtime
        self.seconds = seconds
    }
}

/// Seconds a component spent at each status other than operational.
package struct StatusSeconds: Sendable, Hashable {
    package var majorOutage: TimeInterval = 0
    package var partialOutage: TimeInterval = 0
    package var degradedPerformance: TimeInterval = 0
    package var underMaintenance: TimeInterval = 0

    package init() {}

    /// The seconds at `status`; 0 for operational, which is not counted.
    package subscript(status: ComponentStatus) -> TimeInterval {
        switch status {
        case .majorOutage: majorOutage
        case .partialOutage: partialOutage
        case .degradedPerformance: degradedPerformance
        case .underMaintenance: underMaintenance
        case .operational: 0
        }
    }

    mutating func add(_ length: TimeInterval, at status: ComponentStatus) {
        switch status {
        case .majorOutage: majorOutage += length
        case .partialOutage: partialOutage += length
        case .degradedPerformance: degradedPerformance += length
        case .underMaintenance: underMaintenance += length
        case .operational: break
        }
    }

    mutating func add(_ other: StatusSeconds) {
        majorOutage += other.majorOutage
        partialOutage += other.partialOutage
        degradedPerformance += other.degradedPerformance
        underMaintenance += other.underMaintenance
    }
}
