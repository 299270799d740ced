/// One entry of a locale file: a plain string, or one string per plural category.
package enum LocalizedText: Sendable, Hashable {
    case plain(String)
    /// Strings by plural category; `other` is always present.
    case plural([PluralCategory: String])

    /// The text for `count`, falling back to `other`.
    func text(for category: PluralCategory) -> String {
        switch self {
        case .plain(let text): text
        case .plural(let forms): forms[category] ?? forms[.other] ?? ""
        }
    }
}
