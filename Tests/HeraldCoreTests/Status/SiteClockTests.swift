import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// When a site changes by the clock alone: `Site.asOf` and `SiteClock.nextChange`.
struct SiteClockTests {
    static func site(_ incidents: [Incident], now: String, since: String? = nil) -> Site {
        let config = SiteConfig(
            title: "Example",
            url: URL(string: "https://status.example.com/")!,
            timeZone: UptimeTests.berlin,
            components: [Component(id: "api", name: "API", since: since.map(UptimeTests.date), position: 0)]
        )
        return Site(config: config, incidents: incidents, now: UptimeTests.date(now))
    }

    @Test func aQuietSiteIsAsOfItsLastChangeOrMidnightAndChangesAtTheNextMidnight() {
        let resolved = UptimeTests.incident(
            "done", .partialOutage, from: "2026-11-27T01:00:00Z", to: "2026-11-27T02:00:00Z")
        // Berlin midnights: 2026-11-26T23:00Z and 2026-11-27T23:00Z.
        let site = Self.site([resolved], now: "2026-11-27T09:00:00Z")
        #expect(site.asOf == UptimeTests.date("2026-11-27T02:00:00Z"))
        #expect(SiteClock.nextChange(of: site) == UptimeTests.date("2026-11-27T23:00:00Z"))

        let nextDay = Self.site([resolved], now: "2026-11-28T09:00:00Z")
        #expect(nextDay.asOf == UptimeTests.date("2026-11-27T23:00:00Z"))
    }

    @Test func anOpenIncidentOrARunningMaintenanceChangesThePageAllTheTime() {
        let open = UptimeTests.incident("open", .majorOutage, from: "2026-11-27T07:00:00Z", to: nil)
        let site = Self.site([open], now: "2026-11-27T09:00:00Z")
        #expect(site.asOf == site.now)
        #expect(SiteClock.nextChange(of: site) == site.now)

        let window = UptimeTests.maintenance("upgrade", from: "2026-11-27T08:00:00Z", to: "2026-11-27T10:00:00Z")
        let during = Self.site([window], now: "2026-11-27T09:00:00Z")
        #expect(SiteClock.nextChange(of: during) == during.now)
        let before = Self.site([window], now: "2026-11-27T07:00:00Z")
        #expect(SiteClock.nextChange(of: before) == UptimeTests.date("2026-11-27T08:00:00Z"))
        let after = Self.site([window], now: "2026-11-27T11:00:00Z")
        #expect(after.asOf == UptimeTests.date("2026-11-27T10:00:00Z"))
        #expect(SiteClock.nextChange(of: after) == UptimeTests.date("2026-11-27T23:00:00Z"))
    }

    @Test func aComponentsSinceAndAFutureUpdateAreChanges() {
        let site = Self.site([], now: "2026-11-27T09:00:00Z", since: "2026-11-27T12:00:00Z")
        #expect(SiteClock.nextChange(of: site) == UptimeTests.date("2026-11-27T12:00:00Z"))
        let future = UptimeTests.incident(
            "later", .majorOutage, from: "2026-11-27T15:00:00Z", to: "2026-11-27T16:00:00Z")
        #expect(
            SiteClock.nextChange(of: Self.site([future], now: "2026-11-27T09:00:00Z"))
                == UptimeTests.date("2026-11-27T15:00:00Z"))
    }

    /// The promise a scheduled deploy relies on: built at any instant before the next change, the
    /// sample site is byte-identical to the build at `now`, and at the next change it is not.
    @Test(arguments: [
        "2026-11-20T12:00:00Z", "2026-11-16T06:30:00Z", "2026-11-25T12:00:00Z", "2026-11-13T20:00:00Z",
        "2026-11-14T20:30:00Z",
        "2026-10-10T03:00:00Z",
    ])
    func theSampleSiteIsTheSameUntilItsNextChange(_ time: String) async throws {
        let root = try Fixture.copyOfSample()
        let now = UptimeTests.date(time)
        let checked = await Builder(options: .init(root: root, now: now)).check()
        let site = try #require(checked.site)
        let next = SiteClock.nextChange(of: site)
        try #require(next > now, "\(time) is inside an open incident or a maintenance; pick a quiet instant")

        func build(at instant: Date) async throws -> [String: Data] {
            let output = try Fixture.temporaryFolder().appendingPathComponent("site")
            _ = try await Builder(options: .init(root: root, output: output, now: instant)).build()
            var files = try Fixture.files(in: output)
            files.removeValue(forKey: SiteWriter.markerName)
            return files
        }
        let atNow = try await build(at: now)
        let justBefore = try await build(at: next.addingTimeInterval(-1))
        let atNext = try await build(at: next)
        for path in Set(atNow.keys).union(justBefore.keys).sorted() where atNow[path] != justBefore[path] {
            Issue.record("\(path) changed between \(time) and 1 s before the next change, \(next)")
        }
        #expect(atNext != atNow, "nothing changed at the next change, \(next)")
    }
}
