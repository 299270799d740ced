import Foundation

/// Incidents' URL slugs from file names and titles in any script.
///
/// - A file name that already is a slug (lowercase ASCII letters, digits, `-` and `_`) is the
///   slug, as it always was.
/// - Any other file name is made one: Latin letters lose their diacritics (`ö` → `o`, `ß` → `ss`,
///   `ł` → `l`); Cyrillic is romanized as BGN/PCGN (`Задержка` → `zaderzhka`), Greek as ELOT 743,
///   other scripts by ICU's `Any-Latin` (the Unicode CLDR rules: `支付` → `zhi-fu`); then
///   `Latin-ASCII`, and every run of other characters becomes one `-`.
/// - Where that leaves nothing readable (emoji only, or Japanese with kanji, which ICU would read
///   as Chinese), the slug is the file name's date and a hash of the name:
///   `2026-11-23-3f9a2c1b`.
///
/// The result depends only on the name and on the ICU data bundled with the toolchain (ICU 76 in
/// Swift 6.3 on Linux), so every build on every machine with the same Herald publishes an
/// incident at the same URL. `SlugTests` pins the outputs, so an ICU update that moves them is
/// noticed.
package enum Slug {
    /// The longest slug made from a file name, in characters: a folder name may have 255 bytes,
    /// and transliteration can make a name longer than it was.
    static let maximumDerivedLength = 200

    /// The slug of an incident file named `name` (without `.md`) that has no `slug:`.
    package static func derived(fromFileName name: String) -> String {
        let name = name.precomposedStringWithCanonicalMapping
        if Identifier.isValid(name) { return name }
        let (date, rest) = splitDate(name)
        let readable = ascii(rest)
        guard readable.isEmpty else {
            return Self.truncated(date.map { "\($0)-\(readable)" } ?? readable)
        }
        return (date ?? "incident") + "-" + hash(name)
    }

    /// `text` in lowercase ASCII letters, digits, `-` and `_`, or "" when nothing readable is left.
    ///
    /// ASCII text is only lowercased with every run of other characters made one `-`, exactly as
    /// `Identifier.slugify` does.
    package static func ascii(_ text: String) -> String {
        let text = text.precomposedStringWithCanonicalMapping
        if text.unicodeScalars.allSatisfy(\.isASCII) { return Identifier.slugify(text) }
        // ICU reads every Han character as Mandarin: in Japanese, whose kana say it is Japanese,
        // that would give words a Japanese reader does not know. The hash is honest instead.
        if isJapaneseWithKanji(text) { return "" }
        var latin = text
        // Cyrillic and Greek in the romanizations English readers know (BGN/PCGN: `zh`, `kh`,
        // `shch`; UN ELOT 743 for modern Greek): ICU's default for them is scholarly, and
        // loses letters once its diacritics are gone (`ž` → `z`). Each is applied to its script
        // only, as a filter in front of the transform's id.
        for (ranges, id) in scriptTransforms
        where latin.unicodeScalars.contains(where: { scalar in ranges.contains { $0.contains(scalar.value) } }) {
            latin = latin.applyingTransform(StringTransform(rawValue: id), reverse: false) ?? latin
        }
        latin = latin.applyingTransform(.toLatin, reverse: false) ?? ""
        // The letters transliterations write for glottal stops and the soft and hard signs are
        // left out rather than splitting a word: `tʾkhr` → `tkhr`, `obʺyavleniye` → `obyavleniye`.
        latin = String(String.UnicodeScalarView(latin.unicodeScalars.filter { !modifierLetters.contains($0.value) }))
        latin = latin.applyingTransform(StringTransform(rawValue: "Latin-ASCII"), reverse: false) ?? ""
        return Identifier.slugify(latin)
    }

    /// The file name (without date and `.md`) `herald new` writes for `title`: its words in
    /// their own script, lowercase, joined by `-` (`Störung: Zahlungen verzögert` →
    /// `störung-zahlungen-verzögert`), or a hash of the title when it has no letters or digits.
    /// For an ASCII title this is `Identifier.slugify(title)`.
    package static func fileName(forTitle title: String) -> String {
        let title = title.precomposedStringWithCanonicalMapping
        var result = ""
        for character in title.lowercased() {
            // The ASCII letters and digits among them are `a` to `z` and `0` to `9`, as `slugify`
            // keeps them.
            if character.isLetter || character.isNumber || character == "_" {
                result.append(character)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        // A file name may have 255 bytes; the date and `.md` take 14 of them.
        while result.utf8.count > maximumFileNameBytes { result.removeLast() }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? hash(title) : result
    }

    /// The most bytes `fileName(forTitle:)` makes, well under a file name's 255.
    static let maximumFileNameBytes = 180

    /// `2026-11-23` and the rest of `2026-11-23-ログイン障害` (separators dropped), or no date.
    static func splitDate(_ name: String) -> (date: String?, rest: String) {
        let scalars = Array(name.unicodeScalars)
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard scalars.count >= 10, digits.allSatisfy({ ("0"..."9").contains(scalars[$0]) }),
            scalars[4] == "-", scalars[7] == "-",
            scalars.count == 10 || !(scalars[10].properties.isAlphabetic || scalars[10].properties.numericType != nil)
        else { return (nil, name) }
        let rest = String(String.UnicodeScalarView(scalars[10...]))
        return (String(String.UnicodeScalarView(scalars[..<10])), rest)
    }

    /// Eight hex digits of a stable 64-bit hash (FNV-1a) of `text` in NFC.
    static func hash(_ text: String) -> String {
        String(ContentHash.hex(Array(text.precomposedStringWithCanonicalMapping.utf8)).prefix(8))
    }

    /// Whether `text` has both kana and Han characters.
    static func isJapaneseWithKanji(_ text: String) -> Bool {
        var kana = false
        var han = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: kana = true
            default: if scalar.properties.isUnifiedIdeograph { han = true }
            }
            if kana, han { return true }
        }
        return false
    }

    /// `text` cut at `maximumDerivedLength` characters (ASCII, so bytes), without a trailing `-`.
    private static func truncated(_ text: String) -> String {
        var result = String(text.prefix(maximumDerivedLength))
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    /// The transforms for scripts whose ICU default is not the usual romanization, with the
    /// scalars that call for them.
    private static let scriptTransforms: [(ranges: [ClosedRange<UInt32>], id: String)] = [
        ([0x0400...0x052F], "[\\p{Cyrillic}] Russian-Latin/BGN"),
        ([0x0370...0x03FF, 0x1F00...0x1FFF], "[\\p{Greek}] Greek-Latin/UNGEGN"),
    ]

    /// The modifier letters transliterations write for apostrophes, glottal stops and the
    /// Cyrillic soft and hard signs: `ʹ ʺ ʻ ʼ ʽ ʾ ʿ ˈ`.
    private static let modifierLetters: ClosedRange<UInt32> = 0x02B9...0x02C8
}
