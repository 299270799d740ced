import Foundation
import Mustache

/// The theme: its Mustache templates, parsed once, and its assets.
///
/// Templates are named by their path under `templates/` without `.mustache`; pages render
/// `index`, `incident`, `component`, `history`, `month` and `404`, which usually extend
/// `layouts/base` and include `partials/...`.
package struct Theme: Sendable {
    /// The templates every theme must have, one per kind of page.
    package static let requiredTemplates = [
        "404", "component", "history", "incident", "index", "month", "subscribe", "uptime",
    ]

    let library: MustacheLibrary
    /// The files copied to `assets/` in the output.
    package let assets: [AssetFile]
    /// The values every page sees beside its own; see `sharing(_:)`.
    private(set) var shared = TemplateObject(values: [:])
    /// The templates under `templates/shared/`, rendered once per kind of page (`fragments(for:)`).
    let fragmentNames: [String]
    /// The fragments this build has rendered; a new cache for every `sharing(_:)`.
    private(set) var fragmentCache = FragmentCache()

    /// Parses every template.
    ///
    /// - Parameters:
    ///   - templates: The theme's templates.
    ///   - assets: The theme's assets.
    ///   - themePath: The theme folder relative to the root, for messages about missing templates.
    /// - Returns: The theme, or every template problem: syntax errors at their line and column,
    ///   missing required templates, and partials or layouts that do not exist.
    package static func load(templates: [TemplateFile], assets: [AssetFile], themePath: String)
        -> Result<Theme, DiagnosticsError>
    {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        MustacheContentTypes.register(HTMLEscaping(), named: HTMLEscaping.name)
        let names = Set(templates.map(\.name))
        var nestedTooDeep = false
        for template in templates {
            // swift-mustache parses sections by recursion: thousands of them nested crash the
            // parser, so a template nested too deep is never parsed.
            if let tooDeep = sectionNesting(in: template.file) {
                diagnostics.append(tooDeep)
                nestedTooDeep = true
                continue
            }
            do {
                let text = template.file.text
                let value = try MustacheTemplate(string: HTMLEscaping.pragma + text)
                library.register(value, named: template.name)
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
        let loops = loops(in: templates)
        diagnostics += loops.isEmpty && !nestedTooDeep ? renderDepth(of: templates) : loops
        diagnostics += fragmentProblems(in: templates)
        guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }
        let fragments = templates.map(\.name).filter { $0.hasPrefix(fragmentFolder) }.sorted()
        return .success(Theme(library: library, assets: assets, fragmentNames: fragments))
    }

    private init(library: MustacheLibrary, assets: [AssetFile], fragmentNames: [String]) {
        self.library = library
        self.assets = assets
        self.fragmentNames = fragmentNames
    }

    /// This theme rendering every page with `shared`'s values beside the page's own: the values
    /// every page has alike, such as the theme's strings as `t` (`{{t.view_history}}`), converted
    /// once per build rather than once per page. A name in both is the page's.
    func sharing(_ shared: TemplateObject) -> Theme {
        var theme = self
        theme.shared = shared
        theme.fragmentCache = FragmentCache()
        return theme
    }

    /// Renders the template `name` for a page: its own values as `page`, its content as
    /// `content`, the shared values, and the theme's fragments as `shared`.
    func render(_ name: String, page: PageView, content: some Encodable) -> String {
        render(
            name, page: page, content: content,
            fragments: fragmentNames.isEmpty ? nil : fragments(for: page.fragmentPage))
    }

    /// Renders the template `name` with `page`, `content`, the shared values and `fragments`.
    func render(
        _ name: String, page: some Encodable, content: some Encodable, fragments: TemplateObject? = nil
    ) -> String {
        var root = shared.values
        root["page"] = TemplateData.convert(page)
        if let fragments { root["shared"] = fragments }
        root["content"] = TemplateData.convert(content, globals: TemplateGlobals(root))
        return library.render(TemplateObject(values: root), withTemplate: name) ?? ""
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
        let referencesByName = byName.mapValues { references(in: $0.file) }
        // A depth-first walk with its own stack, as a chain of thousands of partials would
        // overflow the thread's stack if the walk recursed.
        var visiting: [(name: String, next: Int)] = []
        var onPath: Set<String> = []
        var finished: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for root in byName.keys.sorted() where !finished.contains(root) {
            visiting = [(root, 0)]
            onPath = [root]
            while let (name, next) = visiting.last {
                let references = referencesByName[name] ?? []
                guard next < references.count else {
                    visiting.removeLast()
                    onPath.remove(name)
                    finished.insert(name)
                    continue
                }
                visiting[visiting.count - 1].next += 1
                let reference = references[next]
                guard byName[reference.name] != nil, let template = byName[name] else { continue }
                if onPath.contains(reference.name) {
                    let start = visiting.firstIndex { $0.name == reference.name } ?? 0
                    let loop = visiting[start...].map(\.name) + [reference.name]
                    diagnostics.append(
                        template.file.diagnostic(
                            line: reference.line,
                            column: reference.column,
                            "'\(reference.name)' includes itself (\(loop.joined(separator: " → "))); templates must"
                                + " not loop, as nothing limits how deep they render and the build would crash"
                        )
                    )
                } else if !finished.contains(reference.name) {
                    visiting.append((reference.name, 0))
                    onPath.insert(reference.name)
                }
            }
        }
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
    /// the line and column of an index. A set-delimiter tag (`{{=<% %>=}}`) is followed, not
    /// passed on, so that a template cannot hide its sections and partials behind other
    /// delimiters; an invalid one ends the scan (the parser reports it).
    static func eachTag(
        in file: SourceFile,
        _ body: (_ tag: Substring, _ position: (String.Index) -> (line: Int, column: Int)) -> Void
    ) {
        let text = file.text
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
        var delimiters = (open: "{{", close: "}}")
        var rest = text[...]
        while let open = rest.range(of: delimiters.open) {
            guard let close = text[open.upperBound...].range(of: delimiters.close) else { break }
            let tag = text[open.upperBound..<close.lowerBound]
            rest = text[close.upperBound...]
            if tag.count >= 2, tag.hasPrefix("="), tag.hasSuffix("=") {
                let parts = tag.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                guard parts.count == 2 else { break }
                delimiters = (String(parts[0]), String(parts[1]))
                continue
            }
            body(tag, position)
        }
    }
}
