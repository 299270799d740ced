import Foundation

/// How times, dates and durations read on the pages (English; times in the site's zone with
/// their UTC offset, so nobody has to guess the zone).
struct DisplayFormat: Sendable {
    var timeZone: TimeZone

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `Nov 26, 2026, 16:40 UTC+1`.
    func dateTime(_ date: Date) -> String {
        let t = CivilTime(date, in: timeZone)
        return "\(Timestamp.monthAbbreviations[t.month - 1]) \(t.day), \(t.year), "
            + "\(Timestamp.pad(t.hour)):\(Timestamp.pad(t.minute)) \(OffsetFormat.label(t.offsetSeconds))"
    }

    /// `Nov 26, 2026`.
    static func day(year: Int, month: Int, day: Int) -> String {
        "\(Timestamp.monthAbbreviations[month - 1]) \(day), \(year)"
    }

    /// `Oct 5 – Nov 3, 2026`, or `Dec 30, 2025 – Jan 2, 2026` across a year, for a range of
    /// days since 1970-01-01.
    static func dayRange(_ first: Int, _ last: Int) -> String {
        let a = CivilTime.civil(fromDays: first)
        let b = CivilTime.civil(fromDays: last)
        let start = "\(Timestamp.monthAbbreviations[a.month - 1]) \(a.day)"
        return (a.year == b.year ? start : "\(start), \(a.year)") + " – "
            + day(year: b.year, month: b.month, day: b.day)
    }

    /// An uptime ratio as a percentage with two decimals, rounded down so that any downtime at
    /// all shows below 100: `99.95%`, and `100%` only for no downtime.
    static func percent(_ ratio: Double) -> String {
        let hundredths = Uptime.hundredthsOfPercent(ratio)
        if hundredths == 10_000 { return "100%" }
        return "\(hundredths / 100).\(Timestamp.pad(hundredths % 100))%"
    }

    /// `November 2026` for a month key `2026-11`.
    static func monthLabel(_ key: String) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return key }
        return "\(months[month - 1]) \(parts[0])"
    }

    /// `1 incident`, `2 incidents`.
    static func incidentCount(_ count: Int) -> String {
        count == 1 ? "1 incident" : "\(count) incidents"
    }

    /// `45 min`, `3 h 5 min`, `2 days 4 h`.
    static func duration(_ interval: TimeInterval) -> String {
        let minutes = Int((interval / 60).rounded())
        if minutes < 1 { return "less than a minute" }
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 24 {
            return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min"
        }
        let days = hours / 24
        let unit = days == 1 ? "day" : "days"
        return hours % 24 == 0 ? "\(days) \(unit)" : "\(days) \(unit) \(hours % 24) h"
    }
}
