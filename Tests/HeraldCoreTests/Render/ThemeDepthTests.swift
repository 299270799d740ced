import Testing

@testable import HeraldCore

struct ThemeDepthTests {
    static func template(_ name: String, _ text: String) -> TemplateFile {
        TemplateFile(name: name, file: SourceFile(path: "theme/templates/\(name).mustache", text: text))
    }

    static func nested(_ depth: Int) -> String {
        String(repeating: "{{#site}}", count: depth) + "x" + String(repeating: "{{/site}}", count: depth)
    }

    @Test func sectionsNestedPastTheLimitAreReportedAtTheFirstTooDeep() throws {
        #expect(Theme.sectionNesting(in: Self.template("index", Self.nested(100)).file) == nil)
        let diagnostic = try #require(Theme.sectionNesting(in: Self.template("index", "\n" + Self.nested(101)).file))
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.location.column == 901)
    }

    @Test func changedDelimitersDoNotHideSections() throws {
        let text =
            "{{=<% %>=}}" + String(repeating: "<%#site%>", count: 101) + String(repeating: "<%/site%>", count: 101)
        #expect(Theme.sectionNesting(in: Self.template("index", text).file) != nil)
        let chain = [
            Self.template("index", "{{=[[ ]]=}}[[> partials/a]]"),
            Self.template("partials/a", "{{=<% %>=}}<%> index%>"),
        ]
        #expect(Theme.loops(in: chain).count == 1)
    }

    @Test func aChainOfPartialsIsMeasuredFromThePageThatStartsIt() throws {
        func chain(_ length: Int) -> [TemplateFile] {
            (0..<length).map { index in
                Self.template(
                    "partials/c\(index)", index + 1 < length ? "{{#a}}{{> partials/c\(index + 1)}}{{/a}}" : "end")
            } + [Self.template("index", "x\n  {{> partials/c0}}")]
        }
        // index → c0 is one level, and each partial adds a section and a partial: 1 + 2 × 49 + 1.
        #expect(Theme.renderDepth(of: chain(50)).isEmpty)
        let found = Theme.renderDepth(of: chain(51))
        #expect(found.map(\.location.description) == ["theme/templates/index.mustache:2:7"])
        #expect(
            found.first?.message.hasPrefix("'index' renders more than 100 sections, partials and layouts deep") == true)
    }

    @Test func aLongChainNeitherCrashesNorTakesLong() {
        let templates =
            (0..<20_000).map { index in
                Self.template("partials/c\(index)", "{{> partials/c\(index + 1)}}")
            } + [Self.template("index", "{{> partials/c0}}")]
        #expect(Theme.loops(in: templates).isEmpty)
        #expect(Theme.renderDepth(of: templates).count == 1)
    }

    @Test func theDefaultThemeIsWellWithinTheLimit() throws {
        let templates = ThemeFiles.builtIn.templates
        #expect(templates.allSatisfy { Theme.sectionNesting(in: $0.file) == nil })
        #expect(Theme.renderDepth(of: templates).isEmpty)
    }
}
