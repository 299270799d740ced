/// The parts of an update heading: `## Monitoring — 2026-11-26 15:10 UTC`.
struct UpdateHeading: Equatable {
    /// The status word as written.
    var status: String
    /// The time as written.
    var time: String

    /// The separators between status and time: an em dash, an en dash, a hyphen or a middle dot,
    /// each with spaces around it.
    static let separators = [" \u{2014} ", " \u{2013} ", " - ", " \u{00B7} "]
    private static let separatorBytes = separators.map { Array($0.utf8) }

    /// Splits heading text at the first separator, or returns nil if there is none.
    ///
    /// The search runs over the UTF-8 bytes: every separator starts and ends with a space, so a
    /// byte match is always a match of whole scalars, and the earliest in bytes is the earliest in
    /// scalars.
    static func split(_ text: String) -> UpdateHeading? {
        let bytes = Array(text.utf8)
        var best: (start: Int, length: Int)?
        for pattern in separatorBytes where bytes.count >= pattern.count {
            let limit = min(bytes.count - pattern.count, (best?.start ?? .max) - 1)
            guard limit >= 0 else { continue }
            search: for start in 0...limit {
                for offset in pattern.indices where bytes[start + offset] != pattern[offset] { continue search }
                best = (start, pattern.count)
                break
            }
        }
        guard let best else { return nil }
        let space = UInt8(ascii: " ")
        var statusStart = 0
        var statusEnd = best.start
        while statusStart < statusEnd, bytes[statusStart] == space { statusStart += 1 }
        while statusEnd > statusStart, bytes[statusEnd - 1] == space { statusEnd -= 1 }
        var timeStart = best.start + best.length
        while timeStart < bytes.count, bytes[timeStart] == space { timeStart += 1 }
        var timeEnd = bytes.count
        while timeEnd > timeStart, bytes[timeEnd - 1] == space { timeEnd -= 1 }
        return UpdateHeading(
            status: String(decoding: bytes[statusStart..<statusEnd], as: UTF8.self),
            time: String(decoding: bytes[timeStart..<timeEnd], as: UTF8.self)
        )
    }
}
