import Foundation

/// Reads the time forms an operator may write in update headings and front matter:
///
/// - ISO 8601 with a zone: `2026-11-26T15:40:00Z`, `2026-11-26T16:40+01:00`
/// - a UTC suffix: `2026-11-26 15:40 UTC` (also `GMT` or `Z`)
/// - an offset suffix: `2026-11-26 16:40 +01:00`
/// - no zone: `2026-11-26 16:40` (read in the site's time zone; a time that does not exist or
///   exists twice there because of a daylight-saving change is an error)
/// - a date alone, where `allowDateOnly` is set: midnight in the site's time zone.
///
/// Seconds are optional; fractions of a second are accepted after seconds.
package struct TimeParser: Sendable {
    /// A time that could not be read, with the 0-based offset (in Unicode scalars) of the problem.
    package struct Failure: Error, Sendable, Equatable {
        package var message: String
        package var offset: Int
    }

    /// The zone for times written without one.
    package var timeZone: TimeZone

    /// The forms accepted, for error messages.
    package static let acceptedForms = [
        "2026-11-26T15:40:00Z", "2026-11-26T16:40:00+01:00", "2026-11-26 15:40 UTC",
        "2026-11-26 16:40 (site time zone)",
    ]

    /// Creates a parser reading zoneless times in `timeZone`.
    package init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Parses `text`.
    ///
    /// - Parameters:
    ///   - text: The time as written.
    ///   - allowDateOnly: Whether `2026-11-26` alone is accepted (midnight in the site's zone).
    /// - Returns: The instant, or the reason it could not be read.
    package func parse(_ text: String, allowDateOnly: Bool = false) -> Result<Date, Failure> {
        var scanner = Scanner(Array(text.unicodeScalars))
        let malformed = Failure(message: "cannot read time '\(text)'", offset: 0)

        guard let year = scanner.digits(exactly: 4), scanner.take("-"),
            let month = scanner.digits(exactly: 2), scanner.take("-"),
            let day = scanner.digits(exactly: 2)
        else { return .failure(malformed) }
        guard (1...12).contains(month) else {
            return .failure(Failure(message: "month \(month) does not exist in '\(text)'", offset: 5))
        }
        guard CivilTime.isValidDate(year: year, month: month, day: day) else {
            return .failure(
                Failure(message: "\(Timestamp.monthAbbreviations[month - 1]) \(day), \(year) does not exist", offset: 8)
            )
        }

        if scanner.atEnd {
            guard allowDateOnly else {
                return .failure(Failure(message: "'\(text)' has a date but no time", offset: scanner.position))
            }
            return resolveLocal(CivilTime(year: year, month: month, day: day), text: text)
        }

        guard scanner.take("T") || scanner.take("t") || scanner.take(" ") else { return .failure(malformed) }
        let timeStart = scanner.position
        guard let hour = scanner.digits(exactly: 2), scanner.take(":"), let minute = scanner.digits(exactly: 2) else {
            return .failure(malformed)
        }
        var second = 0
        if scanner.take(":") {
            guard let s = scanner.digits(exactly: 2) else { return .failure(malformed) }
            second = s
            if scanner.take(".") || scanner.take(",") {
                guard scanner.digits(atLeast: 1) != nil else { return .failure(malformed) }
            }
        }
        guard hour < 24, minute < 60, second < 60 else {
            let shown =
                "\(Timestamp.pad(hour)):\(Timestamp.pad(minute))" + (second == 0 ? "" : ":\(Timestamp.pad(second))")
            return .failure(Failure(message: "\(shown) is not a time of day (00:00 to 23:59)", offset: timeStart))
        }
        let local = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)

        // The zone, if any.
        let zoneStart = scanner.position
        _ = scanner.take(" ")
        if scanner.atEnd {
            return scanner.position == zoneStart ? resolveLocal(local, text: text) : .failure(malformed)
        }
        if scanner.take("Z") || scanner.take("z") || scanner.takeWord("UTC") || scanner.takeWord("GMT") {
            guard scanner.atEnd else { return .failure(malformed) }
            return .success(local.date)
        }
        let signOffset = scanner.position
        let sign: Int
        if scanner.take("+") {
            sign = 1
        } else if scanner.take("-") || scanner.take("\u{2212}") {
            sign = -1
        } else {
            return .failure(
                Failure(
                    message: "unknown time zone in '\(text)'; write UTC or an offset like +01:00", offset: zoneStart)
            )
        }
        guard let offsetHours = scanner.digits(exactly: 2) else { return .failure(malformed) }
        _ = scanner.take(":")
        let offsetMinutes = scanner.digits(exactly: 2) ?? 0
        guard scanner.atEnd else { return .failure(malformed) }
        guard offsetHours <= 18, offsetMinutes < 60 else {
            return .failure(Failure(message: "offset out of range in '\(text)'", offset: signOffset))
        }
        var zoned = local
        zoned.offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        return .success(zoned.date)
    }

    /// The one instant a zoneless wall-clock time denotes in the site's zone.
    private func resolveLocal(_ local: CivilTime, text: String) -> Result<Date, Failure> {
        let naive = local.naiveSeconds
        var offsets = Set<Int>()
        for probe in [naive - 86_400, naive, naive + 86_400] {
            offsets.insert(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(probe))))
        }
        let instants = Set(
            offsets.compactMap { offset -> Int? in
                let instant = naive - offset
                let actual = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
                return actual == offset ? instant : nil
            }
        ).sorted()
        let zone = timeZone.identifier
        // The two readings of a time a daylight-saving change skips or repeats: the time with the
        // offset before the change and with the one after it.
        func readings(_ offsets: [Int]) -> String {
            offsets.map { "'\(text) \(OffsetFormat.iso($0))'" }.joined(separator: " or ")
        }
        switch instants.count {
        case 1:
            return .success(Date(timeIntervalSince1970: TimeInterval(instants[0])))
        case 0:
            let around = [naive - 86_400, naive + 86_400].map {
                timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0)))
            }
            return .failure(
                Failure(
                    message: "'\(text)' does not exist in \(zone): the clocks skip it for daylight saving time;"
                        + " write one of its readings, \(readings(around))",
                    offset: 0
                )
            )
        default:
            let offsets = instants.map { timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) }
            return .failure(
                Failure(
                    message: "'\(text)' happens twice in \(zone) because of daylight saving time;"
                        + " write one of its readings, \(readings(offsets))",
                    offset: 0
                )
            )
        }
    }
}

/// Formats UTC offsets.
enum OffsetFormat {
    /// `+01:00`.
    static func iso(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let value = abs(seconds)
        return sign + Timestamp.pad(value / 3600) + ":" + Timestamp.pad(value % 3600 / 60)
    }

    /// `UTC`, `UTC+1`, `UTC-5`, `UTC+5:30`: what a reader sees next to a time.
    static func label(_ seconds: Int) -> String {
        guard seconds != 0 else { return "UTC" }
        let sign = seconds < 0 ? "\u{2212}" : "+"
        let value = abs(seconds)
        let minutes = value % 3600 / 60
        return "UTC" + sign + String(value / 3600) + (minutes == 0 ? "" : ":" + Timestamp.pad(minutes))
    }
}

/// A minimal cursor over Unicode scalars.
private struct Scanner {
    let scalars: [Unicode.Scalar]
    var position = 0

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    var atEnd: Bool { position >= scalars.count }

    mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard !atEnd, scalars[position] == scalar else { return false }
        position += 1
        return true
    }

    mutating func takeWord(_ word: String) -> Bool {
        let wanted = Array(word.unicodeScalars)
        guard position + wanted.count <= scalars.count,
            Array(scalars[position..<position + wanted.count]) == wanted
        else { return false }
        position += wanted.count
        return true
    }

    mutating func digits(exactly count: Int) -> Int? {
        guard position + count <= scalars.count else { return nil }
        var value = 0
        for scalar in scalars[position..<position + count] {
            guard let digit = scalar.asciiDigit else { return nil }
            value = value * 10 + digit
        }
        position += count
        return value
    }

    mutating func digits(atLeast count: Int) -> Int? {
        var length = 0
        while position + length < scalars.count, scalars[position + length].asciiDigit != nil { length += 1 }
        guard length >= count else { return nil }
        position += length
        return length
    }
}

extension Unicode.Scalar {
    fileprivate var asciiDigit: Int? {
        ("0"..."9").contains(self) ? Int(value - 48) : nil
    }
}
