/// How deep a theme's templates render: sections inside sections, and partials and layouts
/// inside them.
///
/// swift-mustache parses and renders by recursion and nothing bounds it: 3,000 nested
/// `{{#site}}` sections crashed `check` and `build` with a stack overflow, and a chain of 10,000
/// partials, each including the next, passed `check` and crashed `build`. Herald refuses a theme
/// whose templates render deeper than `maximumRenderDepth`, counting a section or a partial or
/// layout as one level each (the default theme renders at most 10 deep). Tags are found through
/// changed delimiters (`{{=<% %>=}}`) too.
extension Theme {
    /// How many sections and partials may enclose one another while a page renders.
    static let maximumRenderDepth = 100

    /// A diagnostic at the tag that opens the first section nested deeper than the limit, if any.
    static func sectionNesting(in file: SourceFile) -> Diagnostic? {
        var depth = 0
        var problem: Diagnostic?
        eachTag(in: file) { tag, position in
            guard problem == nil, let sigil = tag.first else { return }
            if "#^$<".contains(sigil) {
                depth += 1
                if depth > maximumRenderDepth {
                    let (line, column) = position(tag.startIndex)
                    problem = file.diagnostic(
                        line: line,
                        column: max(1, column - 2),
                        "sections are nested more than \(maximumRenderDepth) deep here; a template may nest at"
                            + " most \(maximumRenderDepth) sections, partials and layouts inside one another"
                    )
                }
            } else if sigil == "/" {
                depth = max(0, depth - 1)
            }
        }
        return problem
    }

    /// A diagnostic for each template from which rendering goes deeper than the limit, at the
    /// partial or layout reference where it crosses it. The templates must not loop (`loops(in:)`).
    static func renderDepth(of templates: [TemplateFile]) -> [Diagnostic] {
        let byName = Dictionary(templates.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var depths: [String: Int] = [:]
        // The deepest a template renders, its own sections included; past the limit the exact
        // number does not matter, so the walk stops there and its recursion stays short.
        func depth(of name: String, above: Int) -> Int {
            if let known = depths[name] { return known }
            guard let template = byName[name] else { return 0 }
            guard above <= maximumRenderDepth else { return maximumRenderDepth + 1 }
            var deepest = 0
            var sections = 0
            eachTag(in: template.file) { tag, _ in
                guard let sigil = tag.first else { return }
                if sigil == ">" || sigil == "<" {
                    let target = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    deepest = max(deepest, sections + 1 + depth(of: target, above: above + sections + 1))
                }
                if "#^$<".contains(sigil) {
                    sections += 1
                    deepest = max(deepest, sections)
                } else if sigil == "/" {
                    sections = max(0, sections - 1)
                }
            }
            let result = min(deepest, maximumRenderDepth + 1)
            if above + result <= maximumRenderDepth || above == 0 { depths[name] = result }
            return result
        }
        let referencesByName = byName.mapValues { references(in: $0.file) }
        let included = Set(referencesByName.values.joined().map(\.name))
        var diagnostics: [Diagnostic] = []
        // Reported at the template that starts each chain that is too deep, at its first reference
        // that leads too deep; the templates the chain includes are left out.
        for name in byName.keys.sorted() where !included.contains(name) {
            guard depth(of: name, above: 0) > maximumRenderDepth, let template = byName[name] else { continue }
            let references = referencesByName[name] ?? []
            guard
                let first = references.first(where: { depths[$0.name, default: 0] >= maximumRenderDepth })
                    ?? references.first
            else { continue }
            diagnostics.append(
                template.file.diagnostic(
                    line: first.line,
                    column: first.column,
                    "'\(name)' renders more than \(maximumRenderDepth) sections, partials and layouts deep through"
                        + " '\(first.name)'; a page may render at most \(maximumRenderDepth) levels inside one another"
                )
            )
        }
        return diagnostics
    }
}
