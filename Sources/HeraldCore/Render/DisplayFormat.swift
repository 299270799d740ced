import Foundation

/// How times, dates, counts and durations read on the pages: Foundation's formats for the site's
/// locale, times in the site's zone followed by their UTC offset ("Nov 26, 2026 at 4:40 PM
/// UTC+1"), so nobody has to guess the zone. The output depends only on the inputs and the
/// toolchain's ICU data.
struct DisplayFormat: Sendable {
    var timeZone: TimeZone
    var localization: Localization
    private let dateTimeStyle: Date.FormatStyle
    private let dateTimeSecondsStyle: Date.FormatStyle
    private let dayStyle: Date.FormatStyle
    private let monthStyle: Date.FormatStyle
    private let monthNameStyle: Date.FormatStyle
    private let rangeStyle: Date.IntervalFormatStyle
    private let windowStyle: Date.IntervalFormatStyle
    private let durationStyle: Duration.UnitsFormatStyle

    init(timeZone: TimeZone, localization: Localization) {
        self.timeZone = timeZone
        self.localization = localization
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let locale = localization.locale
        dateTimeStyle = Date.FormatStyle(
            date: .abbreviated, time: .shortened, locale: locale, calendar: calendar, timeZone: timeZone)
        dateTimeSecondsStyle = Date.FormatStyle(
            date: .abbreviated, time: .standard, locale: locale, calendar: calendar, timeZone: timeZone)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC")!
        // Days and months are civil dates, formatted from midnight UTC of that date.
        dayStyle = Date.FormatStyle(
            date: .abbreviated, time: .omitted, locale: locale, calendar: utc, timeZone: utc.timeZone)
        monthStyle = Date.FormatStyle(locale: locale, calendar: utc, timeZone: utc.timeZone).year().month(.wide)
        monthNameStyle = Date.FormatStyle(locale: locale, calendar: utc, timeZone: utc.timeZone).month(.wide)
        rangeStyle = Date.IntervalFormatStyle(
            date: .abbreviated, time: .omitted, locale: locale, calendar: utc, timeZone: utc.timeZone)
        windowStyle = Date.IntervalFormatStyle(
            date: .complete, time: .shortened, locale: locale, calendar: calendar, timeZone: timeZone)
        durationStyle = Duration.UnitsFormatStyle(
            allowedUnits: [.days, .hours, .minutes], width: .abbreviated, maximumUnitCount: 2
        ).locale(locale)
    }

    /// `Nov 26, 2026 at 4:40 PM UTC+1` in English, or with `seconds`
    /// `Nov 26, 2026 at 4:40:12 PM UTC+1`.
    func dateTime(_ date: Date, seconds: Bool = false) -> String {
        let offset = CivilTime(date, in: timeZone).offsetSeconds
        return "\(date.formatted(seconds ? dateTimeSecondsStyle : dateTimeStyle)) \(OffsetFormat.label(offset))"
    }

    /// `Sunday, December 6, 2026, 2:00 – 4:00 AM UTC` in English (`Sonntag, 6. Dezember 2026,
    /// 03:00–05:00 Uhr UTC+1` in German): a maintenance window in the site's zone, in the locale's
    /// interval format, with the start's UTC offset.
    func window(_ window: MaintenanceWindow) -> String {
        let offset = CivilTime(window.start, in: timeZone).offsetSeconds
        return "\((window.start..<window.end).formatted(windowStyle)) \(OffsetFormat.label(offset))"
    }

    /// `Nov 26, 2026` in English.
    func day(year: Int, month: Int, day: Int) -> String {
        Self.midnightUTC(year: year, month: month, day: day).formatted(dayStyle)
    }

    /// `Oct 5 – Nov 3, 2026` in English (`5. Okt. – 3. Nov. 2026` in German): a range of days
    /// since 1970-01-01, in the locale's interval format.
    func dayRange(_ first: Int, _ last: Int) -> String {
        let start = Date(timeIntervalSince1970: TimeInterval(first) * 86_400)
        let end = Date(timeIntervalSince1970: TimeInterval(last) * 86_400)
        return (start..<end).formatted(rangeStyle)
    }

    /// An uptime ratio as a percentage with two decimals in the site's locale, rounded down so
    /// that any downtime at all shows below 100: `99.95%` (`99,95 %` in German), and `100%` only
    /// for no downtime.
    func percent(_ ratio: Double) -> String {
        let hundredths = Uptime.hundredthsOfPercent(ratio)
        let digits = hundredths == 10_000 ? 0 : 2
        return (Double(hundredths) / 10_000).formatted(
            .percent.precision(.fractionLength(digits)).locale(localization.locale))
    }

    /// `November 2026` in English, for a month key `2026-11`.
    func monthLabel(_ key: String) -> String {
        Self.firstOfMonth(key)?.formatted(monthStyle) ?? key
    }

    /// `November` in English, for a month key `2026-11`: a month under its year's heading.
    func monthName(_ key: String) -> String {
        Self.firstOfMonth(key)?.formatted(monthNameStyle) ?? key
    }

    /// `1 incident`, `2 incidents`, in the language's plural forms.
    func incidentCount(_ count: Int) -> String {
        localization.plural("incident_count", count: count)
    }

    /// `45 min`, `3 hr, 5 min`, `2 days, 4 hr` in English.
    func duration(_ interval: TimeInterval) -> String {
        duration(minutes: Self.wholeMinutes(interval))
    }

    /// The text of a duration of `minutes` whole minutes, as `duration(_:)` gives it.
    func duration(minutes: Int) -> String {
        if minutes < 1 { return localization.string("less_than_a_minute") }
        return Duration.seconds(minutes * 60).formatted(durationStyle)
    }

    /// The whole minutes a duration shows: pages show no seconds.
    static func wholeMinutes(_ interval: TimeInterval) -> Int {
        Int((interval / 60).rounded())
    }

    /// Midnight UTC of the first day of a month key `2026-11`, or nil for a malformed key.
    private static func firstOfMonth(_ key: String) -> Date? {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
            return nil
        }
        return midnightUTC(year: year, month: month, day: 1)
    }

    private static func midnightUTC(year: Int, month: Int, day: Int) -> Date {
        let days = CivilTime.days(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
    }
}
