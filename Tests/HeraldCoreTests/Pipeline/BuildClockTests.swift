import Foundation
import Testing

@testable import HeraldCore

/// `--now` follows the rule of every other time: without a zone, it is in the site's zone.
struct BuildClockTests {
    static let newYork = TimeZone(identifier: "America/New_York")!

    static func resolve(_ now: String, zone: TimeZone? = newYork) throws(BuildClock.Failure) -> String {
        Timestamp.iso8601(try BuildClock.resolve(now: now, environment: [:]) { zone })
    }

    @Test(arguments: [
        // Without a zone: in the site's zone (New York is UTC-5 in December, UTC-4 in July).
        ("2026-12-02 02:10", "2026-12-02T07:10:00Z"),
        ("2026-07-02T02:10", "2026-07-02T06:10:00Z"),
        ("2026-12-02 02:10:30", "2026-12-02T07:10:30Z"),
        // With one: as written, whatever the site's zone.
        ("2026-12-02T02:10:00Z", "2026-12-02T02:10:00Z"),
        ("2026-12-02 02:10 UTC", "2026-12-02T02:10:00Z"),
        ("2026-12-02 02:10 +01:00", "2026-12-02T01:10:00Z"),
    ])
    func aTimeWithoutAZoneIsInTheSitesZone(now: String, expected: String) throws {
        #expect(try Self.resolve(now) == expected)
    }

    @Test func aTimeWithAZoneNeedsNoSite() throws {
        #expect(try Self.resolve("2026-12-02T02:10:00Z", zone: nil) == "2026-12-02T02:10:00Z")
        #expect(throws: BuildClock.Failure.self) { try Self.resolve("2026-12-02 02:10", zone: nil) }
    }

    @Test(arguments: [
        // The clocks skip 02:00–03:00 on 2026-03-08 in New York, and repeat 01:00–02:00 on 2026-11-01.
        ("2026-03-08 02:30", ["'2026-03-08 02:30 -05:00'", "'2026-03-08 02:30 -04:00'"]),
        ("2026-11-01 01:30", ["'2026-11-01 01:30 -04:00'", "'2026-11-01 01:30 -05:00'"]),
    ])
    func anAmbiguousTimeIsRefusedWithBothReadings(now: String, readings: [String]) {
        do {
            _ = try Self.resolve(now)
            Issue.record("\(now) was accepted")
        } catch {
            #expect(error.description.contains("America/New_York"))
            for reading in readings { #expect(error.description.contains(reading), "\(error.description)") }
        }
    }

    @Test(arguments: ["tomorrow", "2026-12-02", "2026-12-02 25:00"])
    func somethingThatIsNotATimeIsRefused(now: String) {
        #expect(throws: BuildClock.Failure.self) { try Self.resolve(now) }
    }
}
