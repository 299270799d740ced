/// CLDR's plural categories, chosen for a count by each language's rule.
///
/// The rules cover the languages Herald ships (English, German, French, Spanish, Japanese,
/// Arabic) and their close relatives; any other language gets English's rule (`one` for 1,
/// `other` for the rest), and a locale file may always give only `other`.
package enum PluralCategory: String, Sendable, Hashable, CaseIterable {
    case zero, one, two, few, many, other

    /// The category of a non-negative whole `count` in `language` (a BCP 47 tag).
    package static func of(_ count: Int, language: String) -> PluralCategory {
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        let n = abs(count)
        switch base {
        case "ja", "zh", "ko", "th", "vi", "id", "ms", "lo", "my":
            return .other
        case "fr", "pt", "hy", "kab":
            return n <= 1 ? .one : .other
        case "ar":
            if n == 0 { return .zero }
            if n == 1 { return .one }
            if n == 2 { return .two }
            if (3...10).contains(n % 100) { return .few }
            if (11...99).contains(n % 100) { return .many }
            return .other
        case "he", "iw":
            if n == 1 { return .one }
            if n == 2 { return .two }
            return .other
        default:
            return n == 1 ? .one : .other
        }
    }
}
