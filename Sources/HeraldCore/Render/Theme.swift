import Foundation
import Mustache

/// The theme: its Mustache templates, parsed once, and its assets.
///
/// Templates are named by their path under `templates/` without `.mustache`; pages render
/// `index`, `incident`, `component`, `history`, `month` and `404`, which usually extend
/// `layouts/base` and include `partials/...`.
public struct Theme: Sendable {
    /// The templates every theme must have, one per kind of page.
    public static let requiredTemplates = ["404", "component", "history", "incident", "index", "month"]

    let library: MustacheLibrary
    /// The files copied to `assets/` in the output.
    public let assets: [AssetFile]
    /// The template files, kept to print a build's shared values into them.
    private let templates: [TemplateFile]
    /// The values every page sees beside its own; see `sharing(_:page:inlining:)`.
    private var shared = TemplateObject(values: [:])
    /// The templates with the shared plain texts printed in, when `sharing(_:page:inlining:)`
    /// could.
    private var inlined: MustacheLibrary?
    /// Whether `inlined` also has values of `page` printed in.
    private var inlinesPage = false
    /// Every template text parsed so far, the written and the inlined ones, so that a theme made
    /// from this one by `sharing(_:page:inlining:)` parses only texts it has not seen.
    private var parsed: [String: MustacheTemplate]
    /// How many tags `inlined` no longer looks up.
    private(set) var inlinedTagCount = 0
    /// Whether pages' views make their own template values (`DirectTemplateValue`) instead of
    /// going through the encoder; tests turn it off to compare.
    var convertsViewsDirectly = true

    /// The shared values whose plain texts `sharing(_:page:inlining:)` prints into the templates.
    /// `status` is not among them: incidents and components have a `status` of their own.
    static let inlinedRoots = ["t", "site", "built"]
    /// The page's own values, some of which `sharing(_:page:inlining:)` prints in for pages that
    /// have them alike.
    static let inlinedPage = "page"

    /// Parses every template.
    ///
    /// - Parameters:
    ///   - templates: The theme's templates.
    ///   - assets: The theme's assets.
    ///   - themePath: The theme folder relative to the root, for messages about missing templates.
    /// - Returns: The theme, or every template problem: syntax errors at their line and column,
    ///   missing required templates, and partials or layouts that do not exist.
    public static func load(templates: [TemplateFile], assets: [AssetFile], themePath: String)
        -> Result<Theme, DiagnosticsError>
    {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var parsed: [String: MustacheTemplate] = [:]
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
        let names = Set(templates.map(\.name))
        for template in templates {
            do {
                let text = template.file.text
                let value = try MustacheTemplate(string: HTMLEscaping.pragma + text)
                library.register(value, named: template.name)
                parsed[text] = value
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    template.file.diagnostic(
                        line: max(1, error.context.lineNumber - 1),
                        column: error.context.columnNumber,
                        "template syntax error: \(describe(error.error))"
                    )
                )
            } catch {
                diagnostics.append(template.file.diagnostic(line: 1, "template syntax error: \(error)"))
            }
            for reference in references(in: template.file) where !names.contains(reference.name) {
                let known = names.filter { !requiredTemplates.contains($0) }.sorted()
                diagnostics.append(
                    template.file.diagnostic(
                        line: reference.line,
                        column: reference.column,
                        "unknown partial or layout '\(reference.name)'",
                        expected: known,
                        suggestion: Suggestion.didYouMean(reference.name, in: known)
                    )
                )
            }
        }
        for name in requiredTemplates where !names.contains(name) {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(path: "\(themePath)/templates/\(name).mustache"),
                    "the theme has no '\(name)' template; every theme needs: "
                        + requiredTemplates.map { "\($0).mustache" }.joined(separator: ", ")
                )
            )
        }
        diagnostics += loops(in: templates)
        guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }
        return .success(Theme(library: library, assets: assets, templates: templates, parsed: parsed))
    }

    private init(
        library: MustacheLibrary, assets: [AssetFile], templates: [TemplateFile], parsed: [String: MustacheTemplate]
    ) {
        self.library = library
        self.assets = assets
        self.templates = templates
        self.parsed = parsed
    }

    /// This theme rendering every page with `shared`'s values beside the page's own: the values
    /// every page has alike, such as the theme's strings as `t` (`{{t.view_history}}`), converted
    /// once per build rather than once per page. A name in both is the page's.
    ///
    /// With `inlining`, the plain texts of `t`, `site` and `built`, and those of `page` when it is
    /// given, are also printed into a copy of the templates, as if the theme had `Status` where it
    /// says `{{t.nav_status}}`. swift-mustache looks each name up through the stack of sections
    /// around the tag, with dynamic casts, at a microsecond or two a name; the default incident
    /// page has about 30 of these and a month page hundreds of `{{page.root}}`. The output is the
    /// same either way:
    /// - only `{{name}}`, `{{{name}}}` and `{{& name}}` tags are replaced, escaped as the tag would
    ///   escape the value, and only with values that swift-mustache's parser reads as it read the
    ///   tag (`canInline(_:)`), in templates whose tags the byte scan finds as the parser does
    ///   (`bracesStandAlone(_:)`);
    /// - nothing is inlined in a theme that changes delimiters or content types, or when a value
    ///   inlined holds one named `t`, `site`, `built` or `page`;
    /// - a page whose own values have one of these names, besides its own `page`, could hide the
    ///   value inside a section, so it is rendered with the templates as written.
    ///
    /// - Parameter page: Values that every page rendered with the returned theme has in its own
    ///   `page`, such as `page.root` for the pages at one depth. The caller promises they are the
    ///   same there.
    func sharing(_ shared: TemplateObject, page: TemplateObject? = nil, inlining: Bool = true) -> Theme {
        var theme = self
        theme.shared = shared
        theme.inlined = nil
        theme.inlinesPage = false
        theme.inlinedTagCount = 0
        var roots: [(name: String, object: TemplateObject)] = Self.inlinedRoots.compactMap { root in
            (shared.values[root] as? TemplateObject).map { (root, $0) }
        }
        if let page { roots.append((Self.inlinedPage, page)) }
        let values = Array(shared.values.values) + (page.map { [$0] } ?? [])
        guard inlining, Self.canInline(templates: templates, values: values) else { return theme }
        var constants: [String: String] = [:]
        func collect(_ object: TemplateObject, prefix: String) {
            for (key, value) in object.values {
                switch value {
                case let text as TemplateText where Self.canInline(text.text): constants[prefix + key] = text.text
                case let nested as TemplateObject: collect(nested, prefix: prefix + key + ".")
                default: break
                }
            }
        }
        for root in roots { collect(root.object, prefix: root.name + ".") }
        let inlined = templates.map { Self.inline(constants, into: $0.file.text) }
        // The new texts are parsed on every core: parsing is most of what inlining costs.
        let unseen = Array(Set(inlined.filter { $0.count > 0 && theme.parsed[$0.text] == nil }.map(\.text)))
        let newlyParsed = concurrentMap(unseen, minimumChunk: 1) {
            try? MustacheTemplate(string: HTMLEscaping.pragma + $0)
        }
        for (text, value) in zip(unseen, newlyParsed) { theme.parsed[text] = value }
        var library = MustacheLibrary()
        for (template, (text, count)) in zip(templates, inlined) {
            if count > 0, let value = theme.parsed[text] {
                library.register(value, named: template.name)
                theme.inlinedTagCount += count
            } else if let value = theme.parsed[template.file.text] {
                library.register(value, named: template.name)
            }
        }
        theme.inlined = library
        theme.inlinesPage = page != nil
        return theme
    }

    /// Renders the template `name` with `context` and the shared values.
    func render(_ name: String, _ context: some Encodable) -> String {
        let (converted, names) = TemplateData.convertCountingInlinedNames(
            context, directValues: convertsViewsDirectly)
        var data = converted as? TemplateObject ?? TemplateObject(values: [:])
        data.values.merge(shared.values) { own, _ in own }
        let hidden = names.shared > 0 || (inlinesPage && names.page > 1)
        let templates = hidden ? library : (inlined ?? library)
        return templates.render(data, withTemplate: name) ?? ""
    }

    /// Whether the templates may have values printed in: none changes its delimiters, which the
    /// scan in `inline` assumes, or its content type, which decides the escaping (a layout's would
    /// apply to the blocks a page fills in); and none of `values` (the shared values and the
    /// page's) holds a value named like an inlined one, which would hide it inside its section.
    private static func canInline(templates: [TemplateFile], values: [any Sendable]) -> Bool {
        func hasInlinedName(_ value: any Sendable) -> Bool {
            switch value {
            case let object as TemplateObject:
                object.values.contains {
                    inlinedRoots.contains($0.key) || $0.key == inlinedPage || hasInlinedName($0.value)
                }
            case let array as [any Sendable]:
                array.contains(where: hasInlinedName)
            default:
                false
            }
        }
        return !templates.contains { $0.file.text.contains("{{=") || $0.file.text.contains("{{%") }
            && !values.contains(where: hasInlinedName)
    }

    /// Whether `text` can stand in a template for the tag that prints it, so that swift-mustache's
    /// parser reads the template around it as before:
    /// - it does not start with whitespace: at the start of a line inside a `{{$block}}`, leading
    ///   spaces count as the line's indentation (and a blank value could make a neighbouring
    ///   section tag stand alone on its line, which removes the line's break);
    /// - it has no line break of any kind (`\n`, U+2028, ...): the parser splits text and decides
    ///   which tags stand alone at line breaks;
    /// - it has no braces, which could make or hide a tag;
    /// - its first and last characters stay characters of their own beside a brace: a combining
    ///   mark at its start, or a prepended character (such as U+0600) at its end, would join the
    ///   template's `}` before it or `{` after it into one character, which the parser, comparing
    ///   characters, no longer reads as part of a tag.
    private static func canInline(_ text: String) -> Bool {
        guard let first = text.first, !first.isWhitespace else { return false }
        return !text.unicodeScalars.contains { $0 == "{" || $0 == "}" || Character($0).isNewline }
            && ("}" + text).count == text.count + 1 && (text + "{").count == text.count + 1
    }

    /// Whether every `{` and `}` of `text` is a character of its own. The scan in `inline` reads
    /// bytes and swift-mustache's parser reads characters; they find the same tags unless a brace
    /// is joined to a neighbour, such as a combining mark after `}}` or U+0600 before `{{`. Only
    /// a brace next to a non-ASCII byte can be joined, so only then are the characters counted.
    static func bracesStandAlone(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var joinable = false
        for byte in text.utf8 {
            let isBrace = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
            if (isBrace && previous >= 0x80)
                || (byte >= 0x80 && (previous == UInt8(ascii: "{") || previous == UInt8(ascii: "}")))
            {
                joinable = true
                break
            }
            previous = byte
        }
        guard joinable else { return true }
        let braceBytes = text.utf8.count { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }
        return text.count { $0 == "{" || $0 == "}" } == braceBytes
    }

    /// `text` with each `{{name}}`, `{{{name}}}` and `{{& name}}` whose name is a key of
    /// `constants` replaced by the value, escaped for `{{name}}`; and how many tags were replaced.
    /// Tags are found as swift-mustache finds them: from each `{{` to the first `}}` after it; a
    /// template where a brace is joined to a neighbouring character is left as it is.
    static func inline(_ constants: [String: String], into text: String) -> (text: String, count: Int) {
        guard bracesStandAlone(text) else { return (text, 0) }
        let bytes = Array(text.utf8)
        func find(_ byte: UInt8, twiceFrom start: Int) -> Int? {
            var index = start
            while index + 1 < bytes.count {
                if bytes[index] == byte && bytes[index + 1] == byte { return index }
                index += 1
            }
            return nil
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var count = 0
        var copied = 0
        var index = 0
        while let open = find(UInt8(ascii: "{"), twiceFrom: index),
            let close = find(UInt8(ascii: "}"), twiceFrom: open + 2)
        {
            var start = open + 2
            var finish = close
            var end = close + 2
            var escapes = true
            if start < finish, bytes[start] == UInt8(ascii: "{"), end < bytes.count, bytes[end] == UInt8(ascii: "}") {
                start += 1
                end += 1
                escapes = false
            } else if start < finish, bytes[start] == UInt8(ascii: "&") {
                start += 1
                escapes = false
            }
            while start < finish, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
            while finish > start, bytes[finish - 1] == UInt8(ascii: " ") || bytes[finish - 1] == UInt8(ascii: "\t") {
                finish -= 1
            }
            let name = bytes[start..<finish]
            if !name.contains(UInt8(ascii: "\n")), !name.contains(UInt8(ascii: "\r")),
                let value = constants[String(decoding: name, as: UTF8.self)]
            {
                result += bytes[copied..<open]
                result += (escapes ? HTMLEscaping().escapeText(value) : value).utf8
                copied = end
                count += 1
            }
            index = end
        }
        guard count > 0 else { return (text, 0) }
        result += bytes[copied...]
        return (String(decoding: result, as: UTF8.self), count)
    }

    /// The escaping of every `{{value}}`: the same five characters as swift-mustache's own HTML
    /// escaping (`& < > " '`), but a pass over the UTF-8 bytes that returns the string itself when
    /// there is nothing to replace. swift-mustache's escaping walks grapheme clusters through a
    /// dictionary, about 60 ns a character, which was a tenth of a large build.
    ///
    /// Each template is parsed with `pragma` as an added first line, which selects it; a line
    /// that holds only a pragma renders nothing, so pages are unchanged, and error lines are
    /// counted without it. Partials start again with swift-mustache's escaping and select this one
    /// with their own first line; a template that sets another content type keeps it.
    ///
    /// swift-mustache looks content types up by name in its own process-wide table (behind its
    /// lock); `Theme.load` registers this one there, the same value every time.
    struct HTMLEscaping: MustacheContentType {
        static let name = "HERALD_HTML"
        static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

        func escapeText(_ text: String) -> String {
            guard text.utf8.contains(where: { Self.replacement(for: $0) != nil }) else { return text }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 16)
            for byte in text.utf8 {
                if let replacement = Self.replacement(for: byte) {
                    replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                } else {
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        @inline(__always)
        static func replacement(for byte: UInt8) -> StaticString? {
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a closing tag does not match the section it closes"
        case .unfinishedName: "a tag is not closed with '}}'"
        case .expectedSectionEnd: "a section is not closed; add its {{/name}} tag"
        case .invalidSetDelimiter: "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: "only {{$block}} sections may appear inside {{<layout}}"
        case .textInsideInheritSection: "only {{$block}} sections may appear inside {{<layout}}"
        case .invalidConfigVariableSyntax: "invalid {{% ...}} tag"
        case .unrecognisedConfigVariable: "unknown {{% ...}} setting"
        case nil: "\(error)"
        }
    }

    /// Every `t.<key>` a template looks up (`{{t.nav_status}}`, `{{#t.note}}`,
    /// `{{uppercased(t.title)}}`), with its line and column; closing tags, comments, partials and
    /// other tags that name no value are skipped.
    static func stringReferences(in file: SourceFile) -> [(key: String, line: Int, column: Int)] {
        func isNamePart(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "-"
        }
        var result: [(String, Int, Int)] = []
        eachTag(in: file) { tag, position in
            if let sigil = tag.first, "/!><$%=".contains(sigil) { return }
            var index = tag.startIndex
            while let found = tag[index...].range(of: "t.") {
                index = found.upperBound
                if found.lowerBound > tag.startIndex {
                    let before = tag[tag.index(before: found.lowerBound)]
                    if isNamePart(before) || before == "." { continue }
                }
                let key = tag[found.upperBound...].prefix(while: isNamePart)
                guard !key.isEmpty else { continue }
                let (line, column) = position(found.lowerBound)
                result.append((String(key), line, column))
            }
        }
        return result
    }

    /// Templates that include themselves, directly or through other partials and layouts. Nothing
    /// limits how deep swift-mustache renders, and Herald's values are not nested in themselves,
    /// so a section can hardly end such a loop: it renders until the stack overflows and the build
    /// crashes. Herald refuses them; each loop is reported once, at the reference that closes it.
    static func loops(in templates: [TemplateFile]) -> [Diagnostic] {
        let byName = Dictionary(templates.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var visiting: [String] = []
        var finished: Set<String> = []
        var diagnostics: [Diagnostic] = []
        func visit(_ name: String) {
            guard let template = byName[name] else { return }
            visiting.append(name)
            for reference in references(in: template.file) where byName[reference.name] != nil {
                if let start = visiting.firstIndex(of: reference.name) {
                    let loop = visiting[start...] + [reference.name]
                    diagnostics.append(
                        template.file.diagnostic(
                            line: reference.line,
                            column: reference.column,
                            "'\(reference.name)' includes itself (\(loop.joined(separator: " → "))); templates must"
                                + " not loop, as nothing limits how deep they render and the build would crash"
                        )
                    )
                } else if !finished.contains(reference.name) {
                    visit(reference.name)
                }
            }
            visiting.removeLast()
            finished.insert(name)
        }
        for name in byName.keys.sorted() where !finished.contains(name) { visit(name) }
        return diagnostics
    }

    /// The partials (`{{> name}}`) and layouts (`{{< name}}`) a template refers to, with the
    /// position of each name.
    static func references(in file: SourceFile) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        eachTag(in: file) { tag, position in
            guard let sigil = tag.first, sigil == ">" || sigil == "<" else { return }
            let raw = tag.dropFirst()
            let offset = raw.prefix { $0 == " " }.count
            let (line, column) = position(raw.startIndex)
            result.append((raw.trimmingCharacters(in: .whitespaces), line, column + offset))
        }
        return result
    }

    /// Calls `body` with each tag's text between `{{` and the first `}}` after it (a tag may span
    /// lines, and a comment ends there too, as swift-mustache reads them) and a function giving
    /// the line and column of an index. A template that changes its delimiters (`{{=...=}}`) is
    /// not scanned.
    private static func eachTag(
        in file: SourceFile,
        _ body: (_ tag: Substring, _ position: (String.Index) -> (line: Int, column: Int)) -> Void
    ) {
        let text = file.text
        guard !text.contains("{{=") else { return }
        let scalars = text.unicodeScalars
        var lineStarts = [text.startIndex]
        for index in scalars.indices where scalars[index] == "\n" { lineStarts.append(scalars.index(after: index)) }
        func position(_ index: String.Index) -> (line: Int, column: Int) {
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
            }
            return (low + 1, scalars[lineStarts[low]..<index].count + 1)
        }
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = text[open.upperBound...].range(of: "}}") else { break }
            body(text[open.upperBound..<close.lowerBound], position)
            rest = text[close.upperBound...]
        }
    }
}
