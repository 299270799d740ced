import Foundation
import Testing

@testable import HeraldCore

struct TimeParserTests {
    let berlin = TimeParser(timeZone: TimeZone(identifier: "Europe/Berlin")!)

    @Test(arguments: [
        ("2026-11-26T15:40:00Z", "2026-11-26T15:40:00Z"),
        ("2026-11-26T15:40Z", "2026-11-26T15:40:00Z"),
        ("2026-11-26t15:40:00z", "2026-11-26T15:40:00Z"),
        ("2026-11-26T16:40:00+01:00", "2026-11-26T15:40:00Z"),
        ("2026-11-26T10:40:00-05:00", "2026-11-26T15:40:00Z"),
        ("2026-11-26T21:10:00+0530", "2026-11-26T15:40:00Z"),
        ("2026-11-26T15:40:00.250Z", "2026-11-26T15:40:00Z"),
        ("2026-11-26 15:40 UTC", "2026-11-26T15:40:00Z"),
        ("2026-11-26 15:40:30 UTC", "2026-11-26T15:40:30Z"),
        ("2026-11-26 16:40:12 +01:00", "2026-11-26T15:40:12Z"),
        ("2026-11-26T16:40:12+01:00", "2026-11-26T15:40:12Z"),
        ("2026-11-26 16:40:59", "2026-11-26T15:40:59Z"),
        ("2026-11-26 15:40 GMT", "2026-11-26T15:40:00Z"),
        ("2026-11-26 16:40 +01:00", "2026-11-26T15:40:00Z"),
        // Zoneless times are read in the site's zone: CET in winter, CEST in summer.
        ("2026-11-26 16:40", "2026-11-26T15:40:00Z"),
        ("2026-07-01T12:00", "2026-07-01T10:00:00Z"),
        ("2024-02-29 00:00", "2024-02-28T23:00:00Z"),
    ])
    func readsEveryAcceptedForm(text: String, expected: String) throws {
        let date = try berlin.parse(text).get()
        #expect(Timestamp.iso8601(date) == expected)
    }

    @Test(arguments: [
        ("2026-02-30 10:00 UTC", "Feb 30, 2026 does not exist"),
        ("2025-02-29 10:00 UTC", "Feb 29, 2025 does not exist"),
        ("2026-13-01 10:00 UTC", "month 13 does not exist"),
        ("2026-11-26 25:00 UTC", "25:00 is not a time of day"),
        ("2026-11-26 12:60 UTC", "12:60 is not a time of day"),
        ("2026-11-26 15:40 CET", "unknown time zone"),
        ("26/11/2026 15:40", "cannot read time"),
        ("2026-11-26", "has a date but no time"),
        ("yesterday", "cannot read time"),
        ("2026-11-26 15:40 UTC extra", "cannot read time"),
    ])
    func rejectsBadTimes(text: String, message: String) {
        guard case .failure(let failure) = berlin.parse(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test func pointsAtTheTimeOfDayWhenItIsOutOfRange() throws {
        guard case .failure(let failure) = berlin.parse("2026-11-26 25:00 UTC") else {
            Issue.record("accepted")
            return
        }
        #expect(failure.offset == 11)
    }

    @Test func rejectsAZonelessTimeInTheSpringForwardGap() {
        guard case .failure(let failure) = berlin.parse("2026-03-29 02:30") else {
            Issue.record("a time that does not exist was accepted")
            return
        }
        #expect(failure.message.contains("does not exist in Europe/Berlin"))
    }

    @Test func rejectsAZonelessTimeThatHappensTwice() {
        guard case .failure(let failure) = berlin.parse("2026-10-25 02:30") else {
            Issue.record("an ambiguous time was accepted")
            return
        }
        #expect(failure.message.contains("happens twice"))
        #expect(failure.message.contains("'2026-10-25 02:30 +02:00' or '2026-10-25 02:30 +01:00'"))
    }

    @Test func acceptsTheSameWallClockTimeWithAnOffset() throws {
        let date = try berlin.parse("2026-10-25 02:30 +01:00").get()
        #expect(Timestamp.iso8601(date) == "2026-10-25T01:30:00Z")
    }

    @Test func readsADateAloneAsMidnightInTheSiteZoneWhereAllowed() throws {
        let date = try berlin.parse("2024-06-01", allowDateOnly: true).get()
        #expect(Timestamp.iso8601(date) == "2024-05-31T22:00:00Z")
    }
}

struct TimestampTests {
    @Test func formatsTheOutputForms() {
        let date = Date(timeIntervalSince1970: 1_795_707_600.125)  // 2026-11-26T15:40:00.125Z
        #expect(Timestamp.iso8601(date) == "2026-11-26T15:40:00Z")
        #expect(Timestamp.iso8601Milliseconds(date) == "2026-11-26T15:40:00.125Z")
        #expect(Timestamp.rfc822(date) == "Thu, 26 Nov 2026 15:40:00 +0000")
        #expect(Timestamp.compactUTC(date) == "20261126T154000Z")
    }

    /// The integer calendar arithmetic agrees with Foundation's Gregorian calendar.
    @Test func civilTimeAgreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        let zone = TimeZone(identifier: "America/New_York")!
        calendar.timeZone = zone
        var generator = SplitMix(seed: 42)
        for _ in 0..<2000 {
            let seconds = Double(generator.next() % 6_000_000_000) - 1_000_000_000
            let date = Date(timeIntervalSince1970: seconds)
            let expected = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
            let actual = CivilTime(date, in: zone)
            #expect(
                [actual.year, actual.month, actual.day, actual.hour, actual.minute, actual.second, actual.weekday + 1]
                    == [
                        expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second,
                        expected.weekday,
                    ]
            )
        }
    }

    /// The timestamp formats agree with Foundation's formatters for instants between 1938 and
    /// 2160, fractional seconds included (they are cut, not rounded).
    @Test func timestampsAgreeWithFoundation() {
        func formatter(_ format: String) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            return formatter
        }
        let iso = formatter("yyyy-MM-dd'T'HH:mm:ss'Z'")
        let compact = formatter("yyyyMMdd'T'HHmmss'Z'")
        let rfc822 = formatter("EEE, dd MMM yyyy HH:mm:ss '+0000'")
        var generator = SplitMix(seed: 7)
        for _ in 0..<2000 {
            let seconds =
                Double(generator.next() % 7_000_000_000) - 1_000_000_000 + Double(generator.next() % 1000) / 1000
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.iso8601(date) == iso.string(from: date))
            #expect(Timestamp.compactUTC(date) == compact.string(from: date))
            #expect(Timestamp.rfc822(date) == rfc822.string(from: date))
        }
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.compactUTC(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
        // Five-digit years take the slow way, to the same form.
        let far = Date(
            timeIntervalSince1970: TimeInterval(CivilTime.days(year: 12_000, month: 3, day: 4)) * 86_400 + 3_723)
        #expect(Timestamp.iso8601(far) == "12000-03-04T01:02:03Z")
        #expect(Timestamp.compactUTC(far) == "120000304T010203Z")
    }
}

/// A small deterministic random number generator for tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
