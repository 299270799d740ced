import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Locale files, plural rules, fallbacks and right-to-left languages.
struct LocalizationTests {
    static let shipped = ["en", "de", "fr", "es", "ja", "ar"]

    static func themeLocales() throws -> [SourceFile] {
        let folder = Fixture.repositoryRoot.appendingPathComponent("theme/locales")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            SourceFile(
                path: "theme/locales/\(name)",
                text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    static func file(_ path: String, _ text: String) -> SourceFile {
        SourceFile(path: path, text: text)
    }

    @Test(arguments: shipped)
    func everyShippedLanguageTranslatesEveryString(_ language: String) throws {
        let loaded = Localization.load(language: language, files: try Self.themeLocales())
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.formatted))")
        let localization = try #require(loaded.localization)
        #expect(localization.string("nav_history") != "nav_history")
        if language != "en" {
            #expect(localization.string("indicator_none") != "All Systems Operational")
        }
    }

    @Test func theTemplatesUseOnlyKeysThatEnglishHas() throws {
        let english = try #require(Localization.load(language: "en", files: try Self.themeLocales()).localization)
        let folder = Fixture.repositoryRoot.appendingPathComponent("theme/templates")
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        var used: Set<String> = []
        for case let relative as String in enumerator where relative.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
            for match in text.matches(of: #/\{\{t\.([a-z0-9_]+)\}\}/#) { used.insert(String(match.output.1)) }
        }
        #expect(used.count > 20)
        #expect(used.subtracting(english.templateStrings.keys).isEmpty)
    }

    @Test(arguments: [
        ("en", 0, PluralCategory.other), ("en", 1, .one), ("en", 2, .other),
        ("de", 1, .one), ("es", 21, .other),
        ("fr", 0, .one), ("fr", 1, .one), ("fr", 2, .other),
        ("ja", 1, .other),
        ("ar", 0, .zero), ("ar", 1, .one), ("ar", 2, .two), ("ar", 3, .few), ("ar", 100, .other), ("ar", 110, .few),
        ("ar", 11, .many), ("ar", 103, .few),
        ("he", 2, .two), ("pt-BR", 0, .one),
    ])
    func pluralCategoriesFollowCLDR(_ language: String, _ count: Int, _ expected: PluralCategory) {
        #expect(PluralCategory.of(count, language: language) == expected)
    }

    @Test func pluralStringsAreFilledWithTheLocalesNumbers() throws {
        let locales = try Self.themeLocales()
        let english = try #require(Localization.load(language: "en", files: locales).localization)
        #expect(english.plural("incident_count", count: 1) == "1 incident")
        #expect(english.plural("incident_count", count: 1234) == "1,234 incidents")
        let french = try #require(Localization.load(language: "fr", files: locales).localization)
        #expect(french.plural("incident_count", count: 0) == "0 incident")
        let arabic = try #require(Localization.load(language: "ar", files: locales).localization)
        #expect(arabic.plural("incident_count", count: 2) == "حادثتان")
        #expect(arabic.plural("incident_count", count: 3).hasSuffix("حوادث"))
        let japanese = try #require(Localization.load(language: "ja", files: locales).localization)
        #expect(japanese.plural("incident_count", count: 1) == "1 件のインシデント")
    }

    @Test(arguments: [("ar", "rtl"), ("he", "rtl"), ("fa-IR", "rtl"), ("en", "ltr"), ("ja", "ltr"), ("de-CH", "ltr")])
    func rightToLeftLanguagesGetDirRTL(_ language: String, _ direction: String) {
        #expect(Localization(language: language, texts: [:]).direction == direction)
    }

    @Test func aRegionalTagUsesItsLanguagesFile() {
        #expect(Localization.resolve("de-CH", available: ["de", "en"]) == "de")
        #expect(Localization.resolve("pt-BR", available: ["en", "pt-BR", "pt"]) == "pt-BR")
        #expect(Localization.resolve("xx", available: ["de", "en"]) == nil)
    }

    @Test func missingStringsFallBackToEnglishWithAWarning() throws {
        let loaded = Localization.load(
            language: "de",
            files: [
                Self.file("theme/locales/en.yml", "nav_status: Status\nnav_history: History\n"),
                Self.file("theme/locales/de.yml", "nav_status: Zustand\nnav_histroy: Verlauf\n"),
            ]
        )
        let localization = try #require(loaded.localization)
        #expect(localization.string("nav_status") == "Zustand")
        #expect(localization.string("nav_history") == "History")
        let messages = loaded.diagnostics.map(\.message)
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(messages.contains("1 string is not translated and shown in English: nav_history"))
        #expect(messages.contains { $0.hasPrefix("unknown key 'nav_histroy'") })
        #expect(loaded.diagnostics.contains { $0.suggestion == "did you mean 'nav_history'?" })
    }

    @Test func anOverrideFileWinsKeyByKey() throws {
        let loaded = Localization.load(
            language: "en",
            files: [Self.file("theme/locales/en.yml", "nav_status: Status\nnav_history: History\n")],
            overrides: [Self.file("my-theme/locales/en.yml", "nav_status: Live status\n")]
        )
        let localization = try #require(loaded.localization)
        #expect(loaded.diagnostics.isEmpty)
        #expect(localization.string("nav_status") == "Live status")
        #expect(localization.string("nav_history") == "History")
    }

    @Test func anOverrideFolderMayAddALanguage() throws {
        let loaded = Localization.load(
            language: "nl",
            files: [Self.file("theme/locales/en.yml", "nav_status: Status\n")],
            overrides: [Self.file("my-theme/locales/nl.yml", "nav_status: Status (nl)\n")]
        )
        #expect(try #require(loaded.localization).string("nav_status") == "Status (nl)")
    }

    @Test func pluralEntriesNeedOtherAndKnownCategories() {
        let loaded = Localization.load(
            language: "en",
            files: [
                Self.file(
                    "theme/locales/en.yml",
                    "incident_count:\n  one: \"{count} incident\"\n  lots: \"{count}\"\nother_count:\n  one: x\n")
            ]
        )
        let messages = loaded.diagnostics.map(\.headline)
        #expect(messages.contains("theme/locales/en.yml:3:3: error: unknown plural category in 'incident_count'"))
        #expect(
            messages.contains(
                "theme/locales/en.yml:4:1: error: 'other_count' has plural forms but no 'other', which every language needs"
            ))
    }

    /// A broken file for a language the site does not use is found now, as a warning, rather than
    /// on the day the site switches to it.
    @Test func otherLanguagesFilesAreCheckedWithWarnings() throws {
        let loaded = Localization.load(
            language: "de",
            files: [
                Self.file("theme/locales/en.yml", "nav_status: Status\n"),
                Self.file("theme/locales/de.yml", "nav_status: Zustand\n"),
                Self.file("theme/locales/fr.yml", "nav_status: \"Statut\n"),
            ],
            overrides: [Self.file("my-theme/locales/nl.yml", "incident_count:\n  one: \"{count} storing\"\n")]
        )
        #expect(try #require(loaded.localization).string("nav_status") == "Zustand")
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .warning })
        let paths = loaded.diagnostics.map(\.location.path)
        #expect(paths.contains("theme/locales/fr.yml"), "\(loaded.diagnostics.map(\.headline))")
        #expect(
            loaded.diagnostics.map(\.headline).contains(
                "my-theme/locales/nl.yml:1:1: warning: 'incident_count' has plural forms but no 'other', which every"
                    + " language needs (this site does not use this language)"),
            "\(loaded.diagnostics.map(\.headline))")
        #expect(!paths.contains("theme/locales/de.yml"))
    }

    @Test func aThemeWithoutEnglishIsAnError() {
        let loaded = Localization.load(language: "de", files: [Self.file("theme/locales/de.yml", "a: b\n")])
        #expect(loaded.localization == nil)
        #expect(loaded.diagnostics.contains { $0.severity == .error && $0.message.contains("no locales/en.yml") })
    }

    @Test(arguments: [
        ("de", "26. Nov. 2026, 16:40 UTC+1", "26. Nov. 2026, 16:40:12 UTC+1", "November 2026", "2 Tg., 4 Std."),
        ("ja", "2026年11月26日 16:40 UTC+1", "2026年11月26日 16:40:12 UTC+1", "2026年11月", "2日 4時間"),
    ])
    func datesAndDurationsAreFormattedForTheLocale(
        _ language: String, _ dateTime: String, _ withSeconds: String, _ month: String, _ duration: String
    ) throws {
        let localization = try #require(
            Localization.load(language: language, files: try Self.themeLocales()).localization)
        let format = DisplayFormat(timeZone: TimeZone(identifier: "Europe/Berlin")!, localization: localization)
        let date = try #require(ISO8601DateFormatter().date(from: "2026-11-26T15:40:00Z"))
        #expect(format.dateTime(date) == dateTime)
        #expect(format.dateTime(date.addingTimeInterval(12), seconds: true) == withSeconds)
        #expect(format.monthLabel("2026-11") == month)
        #expect(format.duration(TimeInterval(2 * 86_400 + 4 * 3_600)) == duration)
        #expect(format.duration(20) == localization.string("less_than_a_minute"))
    }
}
