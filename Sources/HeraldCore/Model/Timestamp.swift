import Foundation

/// The fixed timestamp formats of Herald's outputs, all in UTC.
public enum Timestamp {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `2026-11-26T15:40:00Z` (RFC 3339, for `<time datetime>`, Atom, JSON Feed and sitemaps).
    public static func iso8601(_ date: Date) -> String {
        let t = CivilTime(date, in: .gmt)
        return "\(pad(t.year, 4))-\(pad(t.month))-\(pad(t.day))T\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second))Z"
    }

    /// `2026-11-26T15:40:00.000Z` (Statuspage's API form, with milliseconds).
    public static func iso8601Milliseconds(_ date: Date) -> String {
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(iso8601(date).dropLast()) + "." + pad((millis + 1000) % 1000, 3) + "Z"
    }

    /// `Thu, 26 Nov 2026 15:40:00 +0000` (RFC 822 as RSS 2.0 wants it, four-digit year).
    public static func rfc822(_ date: Date) -> String {
        let t = CivilTime(date, in: .gmt)
        return "\(weekdays[t.weekday]), \(pad(t.day)) \(monthAbbreviations[t.month - 1]) \(t.year) "
            + "\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)) +0000"
    }

    /// `20261126T154000Z`: a compact form for ids and anchors.
    public static func compactUTC(_ date: Date) -> String {
        let t = CivilTime(date, in: .gmt)
        return "\(pad(t.year, 4))\(pad(t.month))\(pad(t.day))T\(pad(t.hour))\(pad(t.minute))\(pad(t.second))Z"
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
