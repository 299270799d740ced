import Foundation

/// The fixed timestamp formats of Herald's outputs, all in UTC.
public enum Timestamp {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `2026-11-26T15:40:00Z` (RFC 3339, for `<time datetime>`, Atom, JSON Feed and sitemaps).
    public static func iso8601(_ date: Date) -> String {
        let t = utc(date)
        return ascii([(t.year, 4), (t.month, 2), (t.day, 2), (t.hour, 2), (t.minute, 2), (t.second, 2)], "--T::Z")
    }

    /// `2026-11-26T15:40:00.000Z` (Statuspage's API form, with milliseconds).
    public static func iso8601Milliseconds(_ date: Date) -> String {
        let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(iso8601(date).dropLast()) + "." + pad((millis + 1000) % 1000, 3) + "Z"
    }

    /// `Thu, 26 Nov 2026 15:40:00 +0000` (RFC 822 as RSS 2.0 wants it, four-digit year).
    public static func rfc822(_ date: Date) -> String {
        let t = utc(date)
        return "\(weekdays[t.weekday]), \(pad(t.day)) \(monthAbbreviations[t.month - 1]) \(t.year) "
            + "\(pad(t.hour)):\(pad(t.minute)):\(pad(t.second)) +0000"
    }

    /// `20261126T154000Z`: a compact form for ids and anchors.
    public static func compactUTC(_ date: Date) -> String {
        let t = utc(date)
        return ascii([(t.year, 4), (t.month, 2), (t.day, 2), (t.hour, 2), (t.minute, 2), (t.second, 2)], "\0\0T\0\0Z")
    }

    /// The fields of `date` in UTC (without asking a time zone: these formats are made for every
    /// time on every page).
    private static func utc(_ date: Date) -> CivilTime {
        CivilTime(utcSeconds: Int(date.timeIntervalSince1970.rounded(.down)), offsetSeconds: 0)
    }

    /// The numbers, zero-padded to their widths, each followed by the next character of
    /// `separators` (a NUL adds nothing), in one string: formatting each number as a string of its
    /// own and joining them was most of a timestamp's cost.
    private static func ascii(_ numbers: [(value: Int, width: Int)], _ separators: StaticString) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        let separators = UnsafeBufferPointer(start: separators.utf8Start, count: separators.utf8CodeUnitCount)
        for (position, number) in numbers.enumerated() {
            if number.value < 0 {
                bytes += pad(number.value, number.width).utf8
            } else {
                let start = bytes.count
                var rest = number.value
                repeat {
                    bytes.append(UInt8(truncatingIfNeeded: 0x30 + rest % 10))
                    rest /= 10
                } while rest > 0
                while bytes.count - start < number.width { bytes.append(0x30) }
                bytes[start...].reverse()
            }
            if position < separators.count, separators[position] != 0 { bytes.append(separators[position]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
