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

    /// Splits heading text at the first separator, or returns nil if there is none.
    static func split(_ text: String) -> UpdateHeading? {
        let scalars = Array(text.unicodeScalars)
        var best: (start: Int, length: Int)?
        for separator in separators {
            let pattern = Array(separator.unicodeScalars)
            guard scalars.count >= pattern.count else { continue }
            for start in 0...(scalars.count - pattern.count)
            where Array(scalars[start..<start + pattern.count]) == pattern {
                if start < best?.start ?? .max { best = (start, pattern.count) }
                break
            }
        }
        guard let best else { return nil }
        let status = String(String.UnicodeScalarView(scalars[..<best.start]))
        var timeStart = best.start + best.length
        while timeStart < scalars.count, scalars[timeStart] == " " { timeStart += 1 }
        var timeEnd = scalars.count
        while timeEnd > timeStart, scalars[timeEnd - 1] == " " { timeEnd -= 1 }
        return UpdateHeading(
            status: status.trimmingCharacters(in: " "),
            time: String(String.UnicodeScalarView(scalars[timeStart..<timeEnd])),
            timeOffset: timeStart
        )
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
