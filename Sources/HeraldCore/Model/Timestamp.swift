import Foundation

/// The fixed timestamp formats of Herald's outputs, all in UTC.
package enum Timestamp {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `2026-11-26T15:40:00Z` (RFC 3339, for `<time datetime>`, Atom, JSON Feed and sitemaps).
    package static func iso8601(_ date: Date) -> String {
        digits(utc(date), compact: false)
    }

    /// `2026-11-26T15:40:00.000Z` (Statuspage's API form, with milliseconds).
    package static func iso8601Milliseconds(_ date: Date) -> String {
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(iso8601(date).dropLast()) + "." + pad((millis + 1000) % 1000, 3) + "Z"
    }

    /// `Thu, 26 Nov 2026 15:40:00 +0000` (RFC 822 as RSS 2.0 wants it, four-digit year).
    package static func rfc822(_ date: Date) -> String {
        let t = utc(date)
        return "\(weekdays[t.weekday]), \(pad(t.day)) \(monthAbbreviations[t.month - 1]) \(t.year) "
            + "\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)) +0000"
    }

    /// Reads an API time, `2026-11-26T15:40:00.000Z` or without the fraction (Statuspage's, and
    /// Herald's own `api/v2` files); nil for anything else.
    package static func apiTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// `2026-11-26 16:40 UTC+1`: a time as a chat message states it, in `zone` with its offset,
    /// the same for every reader's locale.
    package static func wallClock(_ date: Date, in zone: TimeZone) -> String {
        let t = CivilTime(date, in: zone)
        return "\(pad(t.year, 4))-\(pad(t.month))-\(pad(t.day)) \(pad(t.hour)):\(pad(t.minute)) "
            + OffsetFormat.label(t.offsetSeconds)
    }

    /// `20261126T154000Z`: a compact form for ids and anchors.
    package static func compactUTC(_ date: Date) -> String {
        digits(utc(date), compact: true)
    }

    /// The fields of `date` in UTC (without asking a time zone: these formats are made for every
    /// time on every page).
    private static func utc(_ date: Date) -> CivilTime {
        CivilTime(utcSeconds: Int(date.timeIntervalSince1970.rounded(.down)), offsetSeconds: 0)
    }

    /// `2026-11-26T15:40:00Z`, or `20261126T154000Z` when `compact`, written byte by byte into
    /// the string: formatting each number as a string of its own and joining them was most of a
    /// timestamp's cost. Years outside 0 to 9999 take the slow way.
    private static func digits(_ t: CivilTime, compact: Bool) -> String {
        guard (0...9999).contains(t.year) else {
            let (dash, colon) = compact ? ("", "") : ("-", ":")
            return "\(pad(t.year, 4))\(dash)\(pad(t.month))\(dash)\(pad(t.day))T"
                + "\(pad(t.hour))\(colon)\(pad(t.minute))\(colon)\(pad(t.second))Z"
        }
        return String(unsafeUninitializedCapacity: 20) { bytes in
            var count = 0
            func put(_ byte: UInt8) {
                bytes[count] = byte
                count += 1
            }
            func put(_ value: Int, width: Int) {
                var divisor = width == 4 ? 1000 : 10
                while divisor > 0 {
                    put(UInt8(truncatingIfNeeded: 0x30 + value / divisor % 10))
                    divisor /= 10
                }
            }
            put(t.year, width: 4)
            if !compact { put(UInt8(ascii: "-")) }
            put(t.month, width: 2)
            if !compact { put(UInt8(ascii: "-")) }
            put(t.day, width: 2)
            put(UInt8(ascii: "T"))
            put(t.hour, width: 2)
            if !compact { put(UInt8(ascii: ":")) }
            put(t.minute, width: 2)
            if !compact { put(UInt8(ascii: ":")) }
            put(t.second, width: 2)
            put(UInt8(ascii: "Z"))
            return count
        }
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
