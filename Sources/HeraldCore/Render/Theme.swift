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
        let names = Set(templates.map(\.name))
        for template in templates {
            do {
                library.register(try MustacheTemplate(string: template.file.text), named: template.name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    template.file.diagnostic(
                        line: error.context.lineNumber,
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
        guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }
        return .success(Theme(library: library, assets: assets))
    }

    /// Renders the template `name` with `context`, and the theme's plain strings in the site's
    /// language as `t` (`{{t.view_history}}`).
    ///
    /// The strings are the same on every page, so they go in as they are rather than through
    /// `TemplateData`: a `[String: String]` is a Mustache parent already.
    func render(_ name: String, _ context: some Encodable, strings: [String: String] = [:]) -> String {
        var data = TemplateData.convert(context) as? [String: Any] ?? [:]
        data["t"] = strings
        return library.render(data, withTemplate: name) ?? ""
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

    /// The partials (`{{> name}}`) and layouts (`{{< name}}`) a template refers to, with the
    /// position of each name (templates using `{{=...=}}` to change delimiters are not scanned).
    static func references(in file: SourceFile) -> [(name: String, line: Int, column: Int)] {
        guard !file.text.contains("{{=") else { return [] }
        var result: [(String, Int, Int)] = []
        var lineNumber = 0
        for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                guard let sigil = rest.first, sigil == ">" || sigil == "<" else { continue }
                let afterSigil = rest.dropFirst()
                guard let close = afterSigil.range(of: "}}") else { break }
                let raw = afterSigil[..<close.lowerBound]
                let name = raw.trimmingCharacters(in: .whitespaces)
                let offset = raw.prefix { $0 == " " }.count
                let column = line[..<afterSigil.startIndex].unicodeScalars.count
                result.append((name, lineNumber, column + offset + 1))
                rest = afterSigil[close.upperBound...]
            }
        }
        return result
    }
}
