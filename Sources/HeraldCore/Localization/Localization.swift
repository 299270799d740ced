import Foundation

/// The theme's words in the site's language, from `locales/<language>.yml`, and the locale that
/// formats its dates and numbers.
///
/// English (`locales/en.yml`) is the reference: every key it has is a string the theme uses. A
/// language file that lacks some of them falls back to English for those keys, with a warning.
/// An override theme folder's locale files take precedence key by key, so an override file needs
/// only the keys it changes.
package struct Localization: Sendable {
    /// The language tag from herald.yml, such as `de` or `pt-BR`.
    package let language: String
    /// The locale that formats dates and numbers.
    package let locale: Locale
    /// Whether the language is written right to left (`dir="rtl"`).
    package let isRightToLeft: Bool
    /// Every entry, English filled in where the language has none.
    let texts: [String: LocalizedText]

    /// The fallback language every theme must have.
    package static let reference = "en"

    /// Languages written right to left, by their base tag.
    static let rightToLeftLanguages: Set<String> = ["ar", "he", "iw", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"]

    /// Creates a localization from its entries.
    package init(language: String, texts: [String: LocalizedText]) {
        self.language = language
        self.locale = Locale(identifier: language.replacingOccurrences(of: "-", with: "_"))
        let base = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
        self.isRightToLeft = Self.rightToLeftLanguages.contains(base)
        self.texts = texts
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    package var direction: String { isRightToLeft ? "rtl" : "ltr" }

    /// The locale file for `language` among the `available` ones: the same tag, or else its base
    /// language (`de-CH` uses `de.yml`); nil when there is none.
    package static func resolve(_ language: String, available: [String]) -> String? {
        if available.contains(language) { return language }
        if let exact = available.first(where: { $0.caseInsensitiveCompare(language) == .orderedSame }) { return exact }
        let base = String(language.split(separator: "-").first ?? "")
        return available.first { $0.caseInsensitiveCompare(base) == .orderedSame }
    }

    // MARK: Looking up

    /// The plain string for `key` (a plural entry gives its `other` form); the key itself when
    /// it is missing, so a missing string is visible rather than blank.
    package func string(_ key: String) -> String {
        texts[key]?.text(for: .other) ?? key
    }

    /// The string for `key` with `{name}` placeholders replaced.
    package func format(_ key: String, _ values: [String: String]) -> String {
        Self.fill(string(key), values)
    }

    /// The plural form of `key` for `count`, with `{count}` as the locale writes the number and
    /// any other `{name}` placeholders replaced.
    package func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        let category = PluralCategory.of(count, language: language)
        let text = texts[key]?.text(for: category) ?? key
        var values = values
        values["count"] = count.formatted(.number.locale(locale))
        return Self.fill(text, values)
    }

    /// Every plain string, for templates as `{{t.key}}`.
    package var templateStrings: [String: String] {
        var result: [String: String] = [:]
        for (key, text) in texts {
            if case .plain(let string) = text { result[key] = string }
        }
        return result
    }

    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var result = text
        for (name, value) in values {
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    // MARK: Loading

    /// Builds the localization for `language` from the default theme's locale files and an
    /// override folder's.
    ///
    /// - Parameters:
    ///   - language: The tag from herald.yml.
    ///   - files: The default theme's `locales/*.yml`.
    ///   - overrides: The override folder's `locales/*.yml`, which win key by key.
    /// - Returns: The localization (nil when English or the language is missing) and the problems:
    ///   errors for unreadable files, a missing `en.yml` or language; warnings for keys a language
    ///   lacks (English is used) or has that English does not.
    package static func load(language: String, files: [SourceFile], overrides: [SourceFile] = [])
        -> (localization: Localization?, diagnostics: [Diagnostic])
    {
        var diagnostics: [Diagnostic] = []
        let parser = LocaleParser()
        func tag(_ file: SourceFile) -> String {
            ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        }
        func merged(_ name: String) -> (texts: [String: LocalizedText], file: SourceFile?) {
            var texts: [String: LocalizedText] = [:]
            var last: SourceFile?
            for file in files + overrides where tag(file) == name {
                let parsed = parser.parse(file)
                diagnostics += parsed.diagnostics
                texts.merge(parsed.texts) { _, override in override }
                last = file
            }
            return (texts, last)
        }
        let available = Array(Set((files + overrides).map(tag))).sorted()
        let english = merged(reference)
        guard english.file != nil else {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: "theme/locales/\(reference).yml"),
                    "the theme has no locales/\(reference).yml; English is every language's fallback"
                )
            )
            return (nil, diagnostics)
        }
        guard let name = resolve(language, available: available) else {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: "herald.yml"),
                    "unknown language '\(language)'",
                    expected: available
                )
            )
            return (nil, diagnostics)
        }
        var texts = english.texts
        if name != reference {
            let own = merged(name)
            let location = SourceLocation(path: own.file?.path ?? "theme/locales/\(name).yml")
            let missing = Set(english.texts.keys).subtracting(own.texts.keys).sorted()
            if !missing.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        at: location,
                        "\(missing.count) \(missing.count == 1 ? "string is" : "strings are") not translated "
                            + "and shown in English: \(missing.joined(separator: ", "))"
                    )
                )
            }
            for key in Set(own.texts.keys).subtracting(english.texts.keys).sorted() {
                let known = english.texts.keys.sorted()
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        at: location,
                        "unknown key '\(key)'; locales/\(reference).yml has no such string, so it is never shown",
                        suggestion: Suggestion.didYouMean(key, in: known)
                    )
                )
            }
            texts.merge(own.texts) { _, translated in translated }
        }
        // The theme's other languages are not used by this site, but a broken file should not wait
        // for the day someone switches to it: its problems are reported as warnings.
        for file in files + overrides where ![reference, name].contains(tag(file)) {
            for problem in parser.parse(file).diagnostics {
                var warning = problem
                warning.severity = .warning
                warning.message += " (this site does not use this language)"
                diagnostics.append(warning)
            }
        }
        return (Localization(language: language, texts: texts), diagnostics)
    }
}
