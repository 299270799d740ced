import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Uptime tables computed by hand. The site's zone is Europe/Berlin (UTC+1 in winter, UTC+2 in
/// summer), so a Berlin day in November runs from 23:00 UTC the day before.
struct UptimeTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static let localization = Localization.load(language: "en", files: ThemeFiles.builtIn.locales).localization!
    static let english = DisplayFormat(timeZone: berlin, localization: localization)

    static func date(_ text: String) -> Date {
        try! TimeParser(timeZone: .gmt).parse(text).get()
    }

    static func incident(
        _ slug: String,
        _ status: ComponentStatus,
        from: String,
        to: String?,
        component: String = "api"
    ) -> Incident {
        var updates = [IncidentUpdate(status: .investigating, time: date(from), html: "", markdown: "")]
        if let to { updates.append(IncidentUpdate(status: .resolved, time: date(to), html: "", markdown: "")) }
        return Incident(
            slug: slug,
            title: slug,
            impact: .major,
            components: [AffectedComponent(id: component, status: status)],
            updates: updates,
            sourcePath: "incidents/\(slug).md"
        )
    }

    static func maintenance(_ slug: String, from: String, to: String) -> Incident {
        Incident(
            slug: slug,
            title: slug,
            impact: .none,
            components: [AffectedComponent(id: "api", status: .underMaintenance)],
            updates: [],
            maintenance: MaintenanceWindow(start: date(from), end: date(to)),
            sourcePath: "incidents/\(slug).md"
        )
    }

    static func uptime(
        _ incidents: [Incident],
        now: String,
        days: Int,
        since: String? = nil
    ) -> (ComponentUptime, Site) {
        let config = SiteConfig(
            title: "Example",
            url: URL(string: "https://status.example.com/")!,
            timeZone: berlin,
            components: [Component(id: "api", name: "API", since: since.map(date), position: 0)]
        )
        let site = Site(config: config, incidents: incidents, now: date(now))
        let uptime = Uptime(site: site, index: SiteIndex(site: site), dayCount: days)
        return (uptime.components["api"]!, site)
    }

    /// The slugs of the incidents listed on each day, oldest day first.
    static func slugs(_ uptime: ComponentUptime, _ site: Site) -> [[String]] {
        uptime.days.map { $0.incidents.map { site.incidents[$0].slug } }
    }

    @Test func overlappingIncidentsAreMergedAndTheWorstStatusCounts() {
        // Nov 26 (Berlin) = 2026-11-25T23:00Z ..< 2026-11-26T23:00Z, 86 400 s.
        // A: major 10:00–11:00Z; B: partial 10:30–12:30Z. Merged: 10:00–11:00 major (3 600 s × 1)
        // then 11:00–12:30 partial (5 400 s × 0.3 = 1 620 s): 5 220 s, not 3 600 + 7 200 × 0.3.
        // Nov 27 is measured up to the site's last change (`Site.asOf`): nothing happened after
        // midnight (23:00Z), so none of it is measured yet.
        let (uptime, site) = Self.uptime(
            [
                Self.incident("a", .majorOutage, from: "2026-11-26T10:00:00Z", to: "2026-11-26T11:00:00Z"),
                Self.incident("b", .partialOutage, from: "2026-11-26T10:30:00Z", to: "2026-11-26T12:30:00Z"),
            ],
            now: "2026-11-27T09:00:00Z",
            days: 2
        )
        #expect(
            uptime.days.map(\.day) == [
                CivilTime.days(year: 2026, month: 11, day: 26), CivilTime.days(year: 2026, month: 11, day: 27),
            ])
        #expect(uptime.days.map(\.downtime) == [5_220, 0])
        #expect(uptime.days.map(\.measured) == [86_400, 0])
        #expect(uptime.days.map(\.worst) == [.majorOutage, .operational])
        #expect(Self.slugs(uptime, site) == [["a", "b"], []])
        // 1 − 5 220 / 86 400 = 0.939583…, shown rounded down.
        #expect(Self.english.percent(uptime.ratio(lastDays: 2)!) == "93.95%")
        #expect(uptime.ratio(lastDays: 1) == nil)
    }

    @Test func anIncidentAcrossMidnightCountsOnBothDays() {
        // Partial outage 2026-11-25T22:00Z–2026-11-26T01:00Z = Nov 25 23:00 to Nov 26 02:00 Berlin:
        // 1 h on Nov 25 (1 080 s weighted) and 2 h on Nov 26 (2 160 s).
        let (uptime, site) = Self.uptime(
            [Self.incident("night", .partialOutage, from: "2026-11-25T22:00:00Z", to: "2026-11-26T01:00:00Z")],
            now: "2026-11-27T09:00:00Z",
            days: 3
        )
        #expect(uptime.days.map(\.downtime) == [1_080, 2_160, 0])
        #expect(uptime.days.map(\.measured) == [86_400, 86_400, 0])
        #expect(uptime.days.map(\.worst) == [.partialOutage, .partialOutage, .operational])
        #expect(Self.slugs(uptime, site) == [["night"], ["night"], []])
        #expect(uptime.downtime(lastDays: 3) == 3_240)
    }

    @Test func daysFollowTheSiteZoneAcrossDaylightSavingChanges() {
        // Oct 25, 2026 is 25 hours long in Berlin: 2026-10-24T22:00Z ..< 2026-10-25T23:00Z.
        // A major outage 00:30–01:30Z (02:30 CEST to 02:30 CET, the repeated hour) is 3 600 s.
        let (uptime, _) = Self.uptime(
            [Self.incident("dst", .majorOutage, from: "2026-10-25T00:30:00Z", to: "2026-10-25T01:30:00Z")],
            now: "2026-10-26T11:00:00Z",
            days: 2
        )
        // Oct 26 is not measured yet: the last change was midnight.
        #expect(uptime.days.map(\.measured) == [90_000, 0])
        #expect(uptime.days.map(\.downtime) == [3_600, 0])
        #expect(Self.english.percent(uptime.ratio(lastDays: 2)!) == "96.00%")  // 1 − 3 600 / 90 000
        #expect(
            Uptime.startOfDay(CivilTime.days(year: 2026, month: 10, day: 25), in: Self.berlin)
                == Self.date("2026-10-24T22:00:00Z"))
        // Mar 29, 2026 is 23 hours long.
        let spring = CivilTime.days(year: 2026, month: 3, day: 29)
        #expect(
            Uptime.startOfDay(spring + 1, in: Self.berlin).timeIntervalSince(Uptime.startOfDay(spring, in: Self.berlin))
                == 82_800)
    }

    @Test func midnightInsideADaylightSavingGapStartsTheDayAtTheTransition() {
        // In America/Santiago clocks jump from 2026-09-06 00:00 to 01:00 (UTC−4 to UTC−3): that day
        // begins at 04:00Z, when the clock reads 01:00.
        let santiago = TimeZone(identifier: "America/Santiago")!
        let day = CivilTime.days(year: 2026, month: 9, day: 6)
        let start = Uptime.startOfDay(day, in: santiago)
        #expect(start == Self.date("2026-09-06T04:00:00Z"))
        #expect(CivilTime(start, in: santiago).hour == 1)
        #expect(CivilTime(start.addingTimeInterval(-1), in: santiago).daysSinceEpoch == day - 1)
    }

    @Test func anOpenIncidentCountsUpToTheBuildClock() {
        // Partial outage since 07:00Z, clock at 09:00Z: 7 200 s × 0.3 = 2 160 s of 36 000 s measured.
        let (uptime, site) = Self.uptime(
            [Self.incident("open", .partialOutage, from: "2026-11-27T07:00:00Z", to: nil)],
            now: "2026-11-27T09:00:00Z",
            days: 1
        )
        #expect(uptime.days.map(\.downtime) == [2_160])
        #expect(uptime.days.map(\.measured) == [36_000])
        #expect(Self.english.percent(uptime.ratio(lastDays: 1)!) == "94.00%")
        #expect(Self.slugs(uptime, site) == [["open"]])
    }

    @Test func maintenanceIsLeftOutOfTheTimeMeasured() {
        // Maintenance 02:00–04:00Z on Nov 26; a major outage 03:00–05:00Z overlaps it, so only
        // 04:00–05:00 counts as down: 3 600 s of 86 400 − 7 200 = 79 200 s measured.
        let (uptime, site) = Self.uptime(
            [
                Self.maintenance("upgrade", from: "2026-11-26T02:00:00Z", to: "2026-11-26T04:00:00Z"),
                Self.incident("outage", .majorOutage, from: "2026-11-26T03:00:00Z", to: "2026-11-26T05:00:00Z"),
            ],
            now: "2026-11-27T09:00:00Z",
            days: 2
        )
        #expect(uptime.days.map(\.measured) == [79_200, 0])
        #expect(uptime.days.map(\.downtime) == [3_600, 0])
        #expect(uptime.days.map(\.worst) == [.majorOutage, .operational])
        #expect(Self.slugs(uptime, site) == [["upgrade", "outage"], []])
    }

    @Test func upcomingMaintenanceAndDegradedPerformanceCostNothing() {
        let (uptime, site) = Self.uptime(
            [
                Self.maintenance("later", from: "2026-11-27T20:00:00Z", to: "2026-11-27T22:00:00Z"),
                Self.incident("slow", .degradedPerformance, from: "2026-11-27T01:00:00Z", to: "2026-11-27T03:00:00Z"),
            ],
            now: "2026-11-27T09:00:00Z",
            days: 1
        )
        // Measured from midnight (23:00Z) to the last change, the end of "slow" at 03:00Z; the
        // maintenance has not started.
        #expect(uptime.days.map(\.measured) == [14_400])
        #expect(uptime.days.map(\.downtime) == [0])
        #expect(uptime.days.map(\.worst) == [.degradedPerformance])
        #expect(Self.slugs(uptime, site) == [["slow"]])
        #expect(uptime.ratio(lastDays: 1) == 1)
    }

    @Test func daysBeforeSinceHaveNoDataRatherThanFullUptime() {
        // since 2026-11-26 12:00Z: Nov 25 has no data, Nov 26 is measured from 12:00Z to 23:00Z,
        // and Nov 27 not yet (nothing changed since midnight).
        let (uptime, _) = Self.uptime(
            [Self.incident("early", .majorOutage, from: "2026-11-25T10:00:00Z", to: "2026-11-25T11:00:00Z")],
            now: "2026-11-27T09:00:00Z",
            days: 3,
            since: "2026-11-26T12:00:00Z"
        )
        #expect(uptime.days.map(\.hasData) == [false, true, true])
        #expect(uptime.days.map(\.measured) == [0, 39_600, 0])
        #expect(uptime.days.map(\.downtime) == [0, 0, 0])
        #expect(uptime.ratio(lastDays: 3) == 1)

        let (future, _) = Self.uptime([], now: "2026-11-27T09:00:00Z", days: 3, since: "2026-12-01T00:00:00Z")
        #expect(future.days.map(\.hasData) == [false, false, false])
        #expect(future.ratio(lastDays: 3) == nil)
    }

    @Test(arguments: [
        (1.0, "100%"), (0.99999, "99.99%"), (0.957_352_9, "95.73%"), (0.94, "94.00%"), (0.0, "0.00%"),
    ])
    func percentagesAreRoundedDown(ratio: Double, text: String) {
        #expect(Self.english.percent(ratio) == text)
    }

    @Test func theIndexDrawsRunsOfQuietDaysAndLinksEachDayWithIncidents() async throws {
        let (_, site) = Self.uptime(
            [Self.incident("a", .majorOutage, from: "2026-11-26T10:00:00Z", to: "2026-11-26T11:00:00Z")],
            now: "2026-11-27T09:00:00Z",
            days: 90
        )
        let sources = try await SourceLoader(root: Fixture.repositoryRoot).load()
        let theme = try Theme.load(templates: sources.templates, assets: sources.assets, themePath: "theme").get()
        let renderer = try await SiteRenderer.make(
            site: site, index: SiteIndex(site: site), status: SiteStatus(site: site), theme: theme,
            localization: Self.localization)
        let html = try #require(renderer.render(.index).first.map { String(decoding: $0.data, as: UTF8.self) })
        // 88 quiet days (ICU's range format puts thin spaces around the dash), Nov 26 with the outage,
        // then Nov 27.
        #expect(
            html.contains(
                "<li class=\"bar bar--operational s88\">Aug 30\u{2009}–\u{2009}Nov 25, 2026: No incidents</li>"
            ))
        // The chart is one link to the component page: a day's bar is too narrow a target.
        // Its name is the chart's (the list's label); the days keep their words for the component page.
        #expect(html.contains("<a class=\"bars-link\" href=\"components/api/\">\n<ol class=\"bars\" aria-label="))
        #expect(html.contains(#"<li class="bar bar--major_outage s1">Nov 26, 2026: Major outage. a</li>"#))
        #expect(!html.contains("#day-2026-11-26"))
        #expect(html.contains("Nov 26, 2026: Major outage. a"))
        #expect(
            html.contains(
                #"<li class="bar bar--operational s1">Nov 27, 2026: No incidents</li>"#
            ))
        let page = try #require(
            renderer.render(.component("api")).first.map { String(decoding: $0.data, as: UTF8.self) })
        #expect(page.contains(#"<div class="day" id="day-2026-11-26">"#))
        #expect(page.contains(#"<li class="bar bar--major_outage s1" title="Nov 26, 2026: Major outage. a">"#))
        #expect(page.contains("<dt>Last 30 days</dt><dd>99.85%</dd>"))  // 1 − 3 600 / (29 × 86 400 + 36 000) = 0.99858…
    }
}
