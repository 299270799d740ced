import Foundation
import Yams

/// Reads a theme's `locales/<language>.yml`: a mapping of keys to strings, where a string with a
/// count may instead be a mapping of CLDR plural categories to strings (`other` required).
///
/// ```yaml
/// view_history: Incident history
/// incident_count:
///   one: "{count} incident"
///   other: "{count} incidents"
/// ```
struct LocaleParser: Sendable {
    /// Parses one locale file.
    ///
    /// - Returns: The entries by key, and every problem found (entries with problems are left out).
    func parse(_ file: SourceFile) -> (texts: [String: LocalizedText], diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.compose(file.text) else {
            if reader.diagnostics.isEmpty { return ([:], []) }
            return ([:], reader.diagnostics)
        }
        guard case .mapping(let mapping) = root else {
            reader.error(at: root, "a locale file must be a mapping of keys to strings")
            return ([:], reader.diagnostics)
        }
        var texts: [String: LocalizedText] = [:]
        let categories = PluralCategory.allCases.map(\.rawValue)
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key, Self.isValidKey(keyScalar.string) else {
                reader.error(at: key, "locale keys must use only lowercase letters, digits and '_'")
                continue
            }
            let name = keyScalar.string
            switch value {
            case .scalar:
                if let text = reader.string(value, field: name) { texts[name] = .plain(text) }
            case .mapping(let forms):
                var plural: [PluralCategory: String] = [:]
                for (formKey, formValue) in forms {
                    guard case .scalar(let formScalar) = formKey,
                        let category = PluralCategory(rawValue: formScalar.string)
                    else {
                        reader.error(
                            at: formKey,
                            "unknown plural category in '\(name)'",
                            expected: categories
                        )
                        continue
                    }
                    if let text = reader.string(formValue, field: "\(name).\(category.rawValue)") {
                        plural[category] = text
                    }
                }
                if plural[.other] == nil {
                    reader.error(at: key, "'\(name)' has plural forms but no 'other', which every language needs")
                } else {
                    texts[name] = .plural(plural)
                }
            default:
                reader.error(at: value, "'\(name)' must be a string, or a mapping of plural categories to strings")
            }
        }
        return (texts, reader.diagnostics)
    }

    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty
            && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
