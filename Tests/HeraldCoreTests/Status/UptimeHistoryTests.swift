import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Uptime per month and year (`UptimeHistory`), computed by hand, and checked against the 90-day
/// bars: the days both cover must agree, whatever the incidents.
struct UptimeHistoryTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static func date(_ text: String) -> Date {
        try! TimeParser(timeZone: .gmt).parse(text).get()
    }

    static func history(_ site: Site) -> UptimeHistory {
        UptimeHistory(site: site, uptime: Uptime(site: site, index: SiteIndex(site: site)))
    }

    /// A site in Berlin's time zone with `api` and `payments`, each since the time given, if any.
    static func config(apiSince: String?, paymentsSince: String?) -> SiteConfig {
        SiteConfig(
            title: "Example",
            url: URL(string: "https://status.example.com/")!,
            timeZone: berlin,
            components: [
                Component(id: "api", name: "API", since: apiSince.map(date), position: 0),
                Component(id: "payments", name: "Payments", since: paymentsSince.map(date), position: 1),
            ]
        )
    }

    static func month(_ history: UptimeHistory, _ component: String, _ key: String) -> UptimePeriod? {
        history.components.first { $0.id == component }?.months.first { $0.key == key }
    }

    @Test func theIssuesFixtureCountsTwentyNineWeightedMinutesInItsMonthAndYear() throws {
        let site = try ComponentTimelineTests.site([ComponentTimelineTests.fixture])
        let history = Self.history(site)
        let payments = try #require(history.components.first { $0.id == "payments" })
        let november = try #require(Self.month(history, "payments", "2026-11"))
        #expect(ComponentTimelineTests.same(november.downtime, 29 * 60))
        #expect(november.seconds.partialOutage == 30 * 60)
        #expect(november.seconds.majorOutage == 20 * 60)
        #expect(november.seconds.degradedPerformance == 40 * 60)
        #expect(november.seconds.underMaintenance == 0)
        #expect(november.incidents == 1)
        let year = try #require(payments.years.last)
        #expect(year.key == "2026")
        #expect(ComponentTimelineTests.same(year.downtime, 29 * 60))
        #expect(ComponentTimelineTests.same(payments.total.downtime, 29 * 60))
        // Measured: November 1 (Berlin) to the site's clock, the last midnight in Berlin (nothing
        // is open at 2026-11-21 00:00 UTC): 20 days.
        #expect(site.asOf == Self.date("2026-11-20T23:00:00Z"))
        let measured = site.asOf.timeIntervalSince(Self.date("2026-10-31T23:00:00Z"))
        #expect(measured == 20 * 86_400)
        #expect(november.measured == measured)
        #expect(november.ratio.map(Uptime.hundredthsOfPercent) == Uptime.hundredthsOfPercent(1 - 1740 / measured))
        // The month's figures are the 90-day figures: the fixture is inside both.
        let uptime = Uptime(site: site, index: SiteIndex(site: site))
        #expect(uptime.components["payments"]?.downtime(lastDays: Uptime.dayCount) == november.downtime)
    }

    @Test func historyStartsAtSinceOrAtTheMonthOfTheSitesFirstIncident() throws {
        let config = Self.config(apiSince: "2025-03-14T12:00:00Z", paymentsSince: nil)
        let old = UptimeTests.incident("old", .majorOutage, from: "2024-07-20T10:00:00Z", to: "2024-07-20T11:00:00Z")
        let site = Site(config: config, incidents: [old], now: Self.date("2026-11-27T09:00:00Z"))
        let history = Self.history(site)
        let api = try #require(history.components.first { $0.id == "api" })
        #expect(api.start == CivilTime.days(year: 2025, month: 3, day: 14))
        #expect(api.months.first?.key == "2025-03")
        // Measured from `since`, 13:00 in Berlin, to the end of March (the clocks go forward on
        // the 30th): 17 days and 11 hours, less the lost hour.
        #expect(api.months.first?.measured == TimeInterval((17 * 24 + 11 - 1) * 3600))
        #expect(api.months.last?.key == "2026-11")
        #expect(api.years.map(\.key) == ["2025", "2026"])
        // The old incident was before `since`: nothing of it counts.
        #expect(api.total.downtime == 0)
        #expect(api.total.incidents == 0)
        let payments = try #require(history.components.first { $0.id == "payments" })
        #expect(payments.start == CivilTime.days(year: 2024, month: 7, day: 1))
        #expect(payments.months.count == 29)
        #expect(payments.total.downtime == 0)
        // A component with no incidents and no `since` starts when the site's history does.
        #expect(payments.months.first?.key == "2024-07")
    }

    @Test func incidentsOverBeforeSinceCountNowhere() throws {
        // Berlin: `since` is 2026-03-01 00:00 (23:00 UTC the day before) for api, and 12:00 UTC
        // on 2026-06-15 for payments.
        let config = Self.config(apiSince: "2026-02-28T23:00:00Z", paymentsSince: "2026-06-15T12:00:00Z")
        let endsAtSince = UptimeTests.incident(
            "ends-at-since", .majorOutage, from: "2026-02-28T21:00:00Z", to: "2026-02-28T23:00:00Z")
        let morning = UptimeTests.incident(
            "morning", .majorOutage, from: "2026-06-15T08:00:00Z", to: "2026-06-15T09:00:00Z", component: "payments")
        let site = Site(config: config, incidents: [endsAtSince, morning], now: Self.date("2026-11-27T09:00:00Z"))
        let history = Self.history(site)
        #expect(Self.month(history, "api", "2026-03")?.incidents == 0)
        #expect(Self.month(history, "payments", "2026-06")?.incidents == 0)
        #expect(history.components.allSatisfy { $0.total.incidents == 0 && $0.total.downtime == 0 })
    }

    @Test func anIncidentAcrossTheNewYearCountsOnceInEachMonthAndYearItTouched() throws {
        let longOne = UptimeTests.incident(
            "long", .partialOutage, from: "2025-12-31T20:00:00Z", to: "2026-01-01T02:00:00Z")
        let short = UptimeTests.incident(
            "short", .majorOutage, from: "2026-01-10T10:00:00Z", to: "2026-01-10T10:30:00Z")
        let (_, site) = UptimeTests.uptime([longOne, short], now: "2026-02-15T00:00:00Z", days: 90)
        let history = Self.history(site)
        let api = try #require(history.components.first)
        #expect(api.months.map(\.key) == ["2025-11", "2025-12", "2026-01", "2026-02"])
        let december = try #require(Self.month(history, "api", "2025-12"))
        let january = try #require(Self.month(history, "api", "2026-01"))
        // Berlin's new year is at 23:00 UTC: 3 hours in December, 3 in January.
        #expect(december.seconds.partialOutage == 3 * 3600)
        #expect(january.seconds.partialOutage == 3 * 3600)
        #expect(january.seconds.majorOutage == 1800)
        #expect(december.incidents == 1)
        #expect(january.incidents == 2)
        #expect(api.years.map(\.incidents) == [1, 2])
        #expect(api.total.incidents == 2)
        #expect(ComponentTimelineTests.same(api.total.downtime, 6 * 3600 * 0.3 + 1800))
    }

    @Test func maintenanceIsLeftOutAndNoticesDoNotCount() throws {
        let window = UptimeTests.maintenance("window", from: "2026-11-10T01:00:00Z", to: "2026-11-10T03:00:00Z")
        // A notice that names a component at an outage status (no file can say so) still counts nothing.
        var notice = UptimeTests.incident("notice", .majorOutage, from: "2026-11-12T10:00:00Z", to: nil)
        notice.notice = Notice()
        let (_, site) = UptimeTests.uptime([window, notice], now: "2026-11-27T09:00:00Z", days: 90)
        let november = try #require(Self.month(Self.history(site), "api", "2026-11"))
        #expect(november.seconds.underMaintenance == 2 * 3600)
        #expect(november.incidents == 0)
        #expect(november.downtime == 0)
        // Measured from November 1 to the site's clock, the last midnight in Berlin.
        #expect(site.asOf == Self.date("2026-11-26T23:00:00Z"))
        let fromFirst = site.asOf.timeIntervalSince(Self.date("2026-10-31T23:00:00Z"))
        #expect(november.measured == fromFirst - 2 * 3600)
    }

    /// The monthly figures and the 90-day bars are the same days, and those days do not depend on
    /// where the computation starts: each day of the last 90, computed from the start of the
    /// history, equals the same day computed from the first day of the bars, for a few hundred
    /// random incidents, maintenance windows and status changes across two years and two
    /// changes of daylight saving time.
    @Test func theHistoryAgreesWithTheNinetyDayBarsForGeneratedIncidents() throws {
        var random = SplitMix(seed: 21)
        let components = ["api", "payments", "search"]
        let config = SiteConfig(
            title: "Example",
            url: URL(string: "https://status.example.com/")!,
            timeZone: Self.berlin,
            components: components.enumerated().map { offset, id in
                Component(
                    id: id, name: id, since: offset == 2 ? Self.date("2026-09-17T06:30:00Z") : nil, position: offset)
            }
        )
        let now = Self.date("2026-11-27T09:00:00Z")
        let statuses: [ComponentStatus] = [.degradedPerformance, .partialOutage, .majorOutage]
        var incidents: [Incident] = []
        for number in 0..<400 {
            let start = now.addingTimeInterval(-Double(Int.random(in: 0..<730 * 86_400, using: &random)))
            let component = components[Int.random(in: 0..<3, using: &random)]
            if number % 10 == 0 {
                let end = start.addingTimeInterval(Double(600 + Int.random(in: 0..<14_400, using: &random)))
                incidents.append(
                    Incident(
                        slug: "window-\(number)", title: "w", impact: .none,
                        components: [AffectedComponent(id: component, status: .underMaintenance)], updates: [],
                        maintenance: MaintenanceWindow(start: start, end: end),
                        sourcePath: "incidents/window-\(number).md"))
                continue
            }
            var updates: [IncidentUpdate] = []
            var time = start
            for _ in 0..<(1 + Int.random(in: 0..<3, using: &random)) {
                var update = IncidentUpdate(status: .identified, time: time, html: "", markdown: "")
                update.components = [
                    AffectedComponent(id: component, status: statuses[Int.random(in: 0..<3, using: &random)])
                ]
                updates.insert(update, at: 0)
                time = time.addingTimeInterval(Double(60 + Int.random(in: 0..<20_000, using: &random)))
            }
            let open = number % 97 == 0
            if !open { updates.insert(IncidentUpdate(status: .resolved, time: time, html: "", markdown: ""), at: 0) }
            incidents.append(
                Incident(
                    slug: "incident-\(number)", title: "i", impact: .major,
                    components: [
                        AffectedComponent(id: component, status: statuses[Int.random(in: 0..<3, using: &random)])
                    ],
                    updates: updates, sourcePath: "incidents/incident-\(number).md"))
        }
        let site = Site(config: config, incidents: incidents, now: now)
        let index = SiteIndex(site: site)
        let uptime = Uptime(site: site, index: index)
        let history = UptimeHistory(site: site, uptime: uptime)
        let today = CivilTime(now, in: Self.berlin).daysSinceEpoch
        let windowStart = today - Uptime.dayCount + 1
        for component in config.components {
            let full = try #require(uptime.components[component.id])
            if component.since == nil { #expect(full.allDays.count > 600) }
            let bars = ComponentUptime(
                component: component, incidents: index.incidentsByComponent[component.id] ?? [], site: site,
                days: windowStart...today, historyStart: windowStart, recentCount: Uptime.dayCount)
            #expect(Array(full.days) == bars.allDays, "\(component.id): the bars' days differ")
            // Every month wholly inside the bars adds up exactly its bars' days.
            let figures = try #require(history.components.first { $0.id == component.id })
            var checked = 0
            for month in figures.months {
                let days = bars.allDays.filter { UptimeExport.dayText($0.day).hasPrefix(month.key + "-") }
                let first = days.first.map { UptimeExport.dayText($0.day).hasSuffix("-01") } ?? false
                guard first, month.key != figures.months.last?.key else { continue }
                #expect(month.downtime == days.reduce(0) { $0 + $1.downtime }, "\(component.id) \(month.key)")
                #expect(month.measured == days.reduce(0) { $0 + $1.measured }, "\(component.id) \(month.key)")
                checked += 1
            }
            #expect(checked == 2)
            // And the whole history adds up its months.
            #expect(abs(figures.total.downtime - figures.months.reduce(0) { $0 + $1.downtime }) < 0.001)
            #expect(figures.total.measured == figures.months.reduce(0) { $0 + $1.measured })
        }
        #expect(history.components.last?.months.first?.key == "2026-09")
    }
}
