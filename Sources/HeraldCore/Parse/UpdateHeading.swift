/// The parts of an update heading: `## Monitoring — 2026-11-26 15:10 UTC`.
struct UpdateHeading: Equatable {
    /// The status word as written.
    var status: String
    /// The time as written.
    var time: String
    /// The 0-based offset (in Unicode scalars) of the time within the heading text.
    var timeOffset: Int

    /// The separators between status and time: an em dash, an en dash, a hyphen or a middle dot,
    /// each with spaces around it.
    static let separators = [" \u{2014} ", " \u{2013} ", " - ", " \u{00B7} "]
    private static let separatorScalars = separators.map { Array($0.unicodeScalars) }

    /// Splits heading text at the first separator, or returns nil if there is none.
    static func split(_ text: String) -> UpdateHeading? {
        let scalars = Array(text.unicodeScalars)
        var best: (start: Int, length: Int)?
        for pattern in separatorScalars where scalars.count >= pattern.count {
            let limit = min(scalars.count - pattern.count, (best?.start ?? .max) - 1)
            guard limit >= 0 else { continue }
            search: for start in 0...limit {
                for offset in pattern.indices where scalars[start + offset] != pattern[offset] { continue search }
                best = (start, pattern.count)
                break
            }
        }
        guard let best else { return nil }
        var statusStart = 0
        var statusEnd = best.start
        while statusStart < statusEnd, scalars[statusStart] == " " { statusStart += 1 }
        while statusEnd > statusStart, scalars[statusEnd - 1] == " " { statusEnd -= 1 }
        var timeStart = best.start + best.length
        while timeStart < scalars.count, scalars[timeStart] == " " { timeStart += 1 }
        var timeEnd = scalars.count
        while timeEnd > timeStart, scalars[timeEnd - 1] == " " { timeEnd -= 1 }
        return UpdateHeading(
            status: String(String.UnicodeScalarView(scalars[statusStart..<statusEnd])),
            time: String(String.UnicodeScalarView(scalars[timeStart..<timeEnd])),
            timeOffset: timeStart
        )
    }
}
