import Foundation

/// A wall-clock date and time in some zone, computed with plain integer arithmetic (proleptic
/// Gregorian calendar), so formatting thousands of timestamps needs no formatter objects and is
/// byte-for-byte the same on every machine.
package struct CivilTime: Sendable, Hashable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    /// The zone's offset from UTC in seconds at that instant.
    package var offsetSeconds: Int

    /// Creates a civil time from its fields.
    package init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, offsetSeconds: Int = 0
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.offsetSeconds = offsetSeconds
    }

    /// The wall-clock time of `date` in `timeZone`.
    package init(_ date: Date, in timeZone: TimeZone) {
        let offset = timeZone.secondsFromGMT(for: date)
        self.init(utcSeconds: Int(date.timeIntervalSince1970.rounded(.down)) + offset, offsetSeconds: offset)
    }

    /// The fields of `seconds` since 1970-01-01 00:00 on a clock `offsetSeconds` ahead of UTC.
    init(utcSeconds seconds: Int, offsetSeconds: Int) {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = Self.civil(fromDays: days)
        self.init(
            year: y,
            month: m,
            day: d,
            hour: secondOfDay / 3600,
            minute: secondOfDay % 3600 / 60,
            second: secondOfDay % 60,
            offsetSeconds: offsetSeconds
        )
    }

    /// Days since 1970-01-01 of this date.
    package var daysSinceEpoch: Int { Self.days(year: year, month: month, day: day) }

    /// Seconds since 1970-01-01 00:00 if these fields were read as UTC.
    var naiveSeconds: Int { daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second }

    /// The instant these fields denote, given their offset.
    package var date: Date { Date(timeIntervalSince1970: TimeInterval(naiveSeconds - offsetSeconds)) }

    /// 0 for Sunday through 6 for Saturday.
    package var weekday: Int { ((daysSinceEpoch % 7) + 11) % 7 }

    /// Whether year, month and day form a real date.
    package static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// The number of days in a month.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
