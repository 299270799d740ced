import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// `Theme.sharing(_:inlining:)` prints the values every page shares (`t`, `site`, `built`) into
/// copies of the templates, for speed; no page may come out different.
struct TemplateInliningTests {
    /// Every file of the site at `root`, rendered with and without the shared values inlined.
    func renderBothWays(root: URL) async throws -> (inlined: [OutputFile], plain: [OutputFile], tagCount: Int) {
        let inlined = try await Fixture.renderer(root: root, inlining: true)
        let plain = try await Fixture.renderer(root: root, inlining: false)
        #expect(plain.theme.inlinedTagCount == 0)
        return (
            try inlined.jobs.flatMap { try inlined.render($0) }, try plain.jobs.flatMap { try plain.render($0) },
            inlined.theme.inlinedTagCount
        )
    }

    /// The default theme's `{{t.key}}` tags, counted without the scanner under test.
    static func defaultThemeStringTags() throws -> Int {
        let templates = Fixture.repositoryRoot.appendingPathComponent("theme/templates")
        let pattern = try Regex(#"\{\{t\.[a-z_]+\}\}"#)
        var count = 0
        for case let url as URL in FileManager.default.enumerator(at: templates, includingPropertiesForKeys: nil)!
        where url.pathExtension == "mustache" {
            count += try String(contentsOf: url, encoding: .utf8).matches(of: pattern).count
        }
        return count
    }

    @Test func theSampleSiteIsTheSameWithTheSharedValuesInlined() async throws {
        let (inlined, plain, tagCount) = try await renderBothWays(root: Fixture.repositoryRoot)
        #expect(inlined.count > 50)
        #expect(inlined == plain)
        // Every `{{t.key}}` of the default theme, and its `site` and `built` values besides.
        let stringTags = try Self.defaultThemeStringTags()
        #expect(stringTags > 50)
        #expect(tagCount > stringTags)
    }

    /// The XSS corpus's site title is markup, which must be escaped as the tag would escape it,
    /// and its description holds `{{{7*7}}}` and other tags, which must not become template code.
    @Test func theXSSCorpusIsTheSameWithTheSharedValuesInlined() async throws {
        let root = try Fixture.copyOfXSSCorpus()
        let (inlined, plain, tagCount) = try await renderBothWays(root: root)
        #expect(inlined == plain)
        #expect(tagCount > 0)
        let index = try #require(inlined.first { $0.path == "index.html" })
        let html = String(decoding: index.data, as: UTF8.self)
        #expect(html.contains("Status&lt;/title&gt;&lt;script&gt;alert(&#39;xss-1&#39;)&lt;/script&gt;"))
        #expect(html.contains("{{{7*7}}}"))
    }

    // MARK: A theme made to catch every difference

    static let index = """
        {{<base}}{{$main}}<p title="{{t.quote}}">{{t.quote}} {{{t.quote}}} {{& t.quote}} {{ t.quote }}</p>
        {{#content.items}}<li>{{t.quote}} {{site.title}} {{name}}</li>
        {{/content.items}}
        {{#content.box}}[{{site.title}}|{{t.quote}}]{{/content.box}}
        {{t.blank}}{{#content.flag}}
        yes
        {{/content.flag}}
        {{t.brace}} {{t.multiline}} {{t.missing}} {{uppercased(t.quote)}} {{#t.quote}}({{.}}){{/t.quote}}
        {{! a comment {{t.quote}} }}
          {{>partials/row}}
        {{/main}}{{/base}}

        """
    static let base = "<html lang=\"{{site.language}}\">\n{{$main}}{{/main}}<footer>{{built.text}}</footer></html>\n"
    static let row = "{{t.quote}}\n{{site.title}} row\n"

    static func theme(_ extra: [String: String] = [:]) throws -> Theme {
        var texts = ["index": index, "base": base, "partials/row": row]
        for name in Theme.requiredTemplates where texts[name] == nil { texts[name] = "" }
        texts.merge(extra) { _, new in new }
        let templates = texts.map {
            TemplateFile(name: $0.key, file: SourceFile(path: "theme/templates/\($0.key).mustache", text: $0.value))
        }
        return try Theme.load(templates: templates, assets: [], themePath: "theme").get()
    }

    struct Shared: Encodable {
        struct Site: Encodable {
            var title = "Acme <b> & 'co'"
            var language = "en"
        }
        struct Built: Encodable { var text = "27 Nov \"9:00\"" }
        var site = Site()
        var built = Built()
    }

    static var shared: TemplateObject {
        var shared = TemplateData.convert(Shared()) as! TemplateObject
        let strings = [
            "quote": "\"Q\" & <q> 'it'", "blank": " ", "brace": "{{site.title}}", "multiline": "one\ntwo",
        ]
        shared.values["t"] = TemplateObject(values: strings.mapValues(TemplateText.init))
        return shared
    }

    struct Page: Encodable {
        struct Item: Encodable { var name: String }
        struct Box: Encodable {
            var label = "box"
            /// A value named like a shared one, which hides it inside `{{#content.box}}`.
            var site: String?
        }
        struct Content: Encodable {
            var items = [Item(name: "one"), Item(name: "two")]
            var box = Box()
            var flag = true
        }
        var content = Content()
    }

    @Test func everyKindOfTagRendersAsWritten() throws {
        let theme = try Self.theme()
        let inlined = theme.sharing(Self.shared)
        let plain = theme.sharing(Self.shared, inlining: false)
        // Index: five plain lookups, two in the loop, two in the box; layout: two; partial: two.
        #expect(inlined.inlinedTagCount == 13)
        let expected = plain.render("index", Page())
        #expect(inlined.render("index", Page()) == expected)
        #expect(expected.contains("[Acme &lt;b&gt; &amp; &#39;co&#39;|&quot;Q&quot; &amp; &lt;q&gt; &#39;it&#39;]"))
        #expect(expected.contains("\"Q\" & <q> 'it' \"Q\" & <q> 'it'"))
        #expect(
            expected.contains("  &quot;Q&quot; &amp; &lt;q&gt; &#39;it&#39;\n  Acme &lt;b&gt; &amp; &#39;co&#39; row\n")
        )
        #expect(expected.contains("{{site.title}} one\ntwo"))
    }

    @Test func aPageWithAValueNamedLikeASharedOneUsesTheTemplatesAsWritten() throws {
        let theme = try Self.theme()
        var page = Page()
        page.content.box.site = "hidden"
        let expected = theme.sharing(Self.shared, inlining: false).render("index", page)
        // swift-mustache finds the box's `site`, which has no `title`.
        #expect(expected.contains("[|&quot;Q&quot;"))
        #expect(theme.sharing(Self.shared).render("index", page) == expected)
    }

    // MARK: Where swift-mustache's parser reads the text around a printed value differently

    /// Renders `index` of the crafted theme with `templates` in place both ways, with `t.v` = `value`.
    static func bothWays(_ templates: [String: String], value: String) throws -> (
        inlined: String, plain: String, count: Int
    ) {
        let theme = try Self.theme(templates)
        var shared = Self.shared
        shared.values["t"] = TemplateObject(values: ["v": TemplateText(value), "w": TemplateText("w")])
        let inlined = theme.sharing(shared)
        return (
            inlined.render("index", Page()), theme.sharing(shared, inlining: false).render("index", Page()),
            inlined.inlinedTagCount
        )
    }

    /// Found by an adversarial review: each of these rendered differently before the rules for
    /// values and braces. Leading spaces become a block line's indentation; a Unicode line break
    /// makes the tag before it stand alone; U+0600 at a value's end joins the next `{`; a
    /// combining mark after a comment's `}}`, or U+0600 before `{{`, hides the tag from the parser.
    @Test(
        arguments: [
            (
                [
                    "index": "{{<base}}\n{{$main}}\n{{t.v}}\n    four\n{{/main}}\n{{/base}}\n",
                    "base": "<b>{{$main}}{{/main}}</b>\n",
                ], "  x"
            ),
            (
                [
                    "index": "{{<base}}\n{{$main}}\n    <p>\n{{t.v}}\n    </p>\n{{/main}}\n{{/base}}\n",
                    "base": "{{$main}}{{/main}}",
                ], " · x"
            ),
            (["index": "  {{#content.flag}}{{t.v}} end\n{{/content.flag}}\n"], "\u{2028}x"),
            (["index": "{{! c }}{{t.v}}\n"], "\u{2029}x"),
            (["index": "{{#content.flag}}\n  {{/content.flag}}{{t.v}}\n"], "\u{0B}x"),
            (["index": "{{t.v}}{{page.title}}{{t.w}}\n"], "x\u{0600}"),
            (["index": "{{! c }}{{t.v}} tail {{page.title}}\n"], "\u{0301}x"),
            (["index": "\u{0600}{{t.v}}\n"], "x"),
            (["index": "{{! c }}\u{0301}{{t.v}} tail {{! d }}\n"], "x"),
        ] as [([String: String], String)])
    func valuesAndTextsTheParserWouldReadDifferentlyAreNotInlined(_ templates: [String: String], _ value: String) throws
    {
        let (inlined, plain, _) = try Self.bothWays(templates, value: value)
        #expect(inlined == plain)
    }

    /// Values that look risky but read the same are still printed.
    @Test(arguments: ["trail ", "a\u{0301}", "🇩🇪", "x\u{200D}y", "mid\u{A0}dle", "x · y"])
    func harmlessValuesAreStillInlined(_ value: String) throws {
        let (inlined, plain, count) = try Self.bothWays(
            ["index": "<p>{{t.v}}</p>{{#content.flag}}{{t.v}}{{/content.flag}}\n", "base": "", "partials/row": ""],
            value: value)
        #expect(inlined == plain)
        #expect(count == 2)
    }

    /// Random templates from pieces that stress the parser, with random values: the two ways
    /// must agree on every template that loads. Deterministic: a fixed seed.
    @Test func randomTemplatesRenderTheSameBothWays() throws {
        var generator = SplitMix(seed: 2026)
        let pieces = [
            "{{t.v}}", "{{{t.v}}}", "{{& t.w}}", "{{ t.w }}", "{{site.title}}", "{{page.title}}", "{{! note }}",
            "{{>partials/row}}", "\n", "\n", "  ", "\t", "x", "<", "{", "}", "\r\n", "\u{0301}", "\u{0600}", "\u{2028}",
            "é", "\u{A0}", "{{#content.flag}}", "{{/content.flag}}", "{{^content.flag}}", "{{/content.flag}}",
            "{{t.v}}{{t.w}}", "{{{{t.v}}}}", "{{!}}", "{{! {{t.v}} }}",
        ]
        let values = [
            "A", " lead", "\tlead", "trail ", "\u{2028}ls", "x\u{0600}", "\u{0301}acc", "a&b", "<q>", "\u{85}nel",
            "\u{0B}vt", "🇩", "\u{200D}z", " · ", "é", "x\u{2028}y",
        ]
        var loaded = 0
        var differing: [String] = []
        for _ in 0..<1500 {
            let body = (0..<Int.random(in: 1...10, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }
            .joined()
            let index = Bool.random(using: &generator) ? "{{<base}}\n{{$main}}\n\(body)\n{{/main}}\n{{/base}}\n" : body
            let row = (0..<3).map { _ in pieces.randomElement(using: &generator)! }.joined()
                .replacingOccurrences(of: "{{>partials/row}}", with: "")
            let value = values.randomElement(using: &generator)!
            let templates = ["index": index, "base": "<b>{{$main}}{{/main}}</b>{{t.w}}\n", "partials/row": row]
            guard let (inlined, plain, _) = try? Self.bothWays(templates, value: value) else { continue }
            loaded += 1
            if inlined != plain { differing.append(index.debugDescription + " with " + value.debugDescription) }
        }
        #expect(loaded > 300)
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test(arguments: [
        "{{=<% %>=}}<% t.quote %>{{t.quote}}", "{{% CONTENT_TYPE: TEXT }}\n{{t.quote}}",
    ])
    func aThemeThatChangesDelimitersOrEscapingIsNotInlined(_ template: String) throws {
        let theme = try Self.theme(["history": template])
        let inlined = theme.sharing(Self.shared)
        #expect(inlined.inlinedTagCount == 0)
        #expect(
            inlined.render("history", Page()) == theme.sharing(Self.shared, inlining: false).render("history", Page()))
    }

    /// The scan finds tags as swift-mustache does and leaves every tag it does not replace, and
    /// all the text around them, exactly as written.
    @Test(arguments: [
        ("a{{t.a}}b{{{t.a}}}c{{&t.a}}d{{\tt.a }}e", "a&lt;A&gt;b<A>c<A>d&lt;A&gt;e", 4),
        ("{{{t.a}}", "{{{t.a}}", 0),
        ("{{t.a\n}} {{#t.a}}x{{/t.a}} {{^t.a}}{{/t.a}} {{! {{t.a}} {{t.b}} {{}} {{t.a", "", 0),
        ("é{{t.a}}ü{{t.a}}", "é&lt;A&gt;ü&lt;A&gt;", 2),
    ])
    func theScanReplacesOnlyPlainTagsOfKnownValues(_ text: String, _ expected: String, _ count: Int) {
        let result = Theme.inline(["t.a": "<A>"], into: text)
        #expect(result.text == (expected.isEmpty ? text : expected))
        #expect(result.count == count)
    }

    @Test func sharedValuesThatHoldASharedNameAreNotInlined() throws {
        var shared = Self.shared
        shared.values["t"] = TemplateObject(values: ["site": TemplateText("x"), "quote": TemplateText("q")])
        #expect(try Self.theme().sharing(shared).inlinedTagCount == 0)
    }

    @Test func conversionCountsValuesNamedLikeInlinedOnes() {
        struct Plain: Encodable { var title = "x", names = ["a"], nested = ["key": "value"] }
        struct Deep: Encodable { var list = [["built": "x"]], page = ["page": "y"] }
        struct Top: Encodable { var t = "x" }
        let count = { (value: any Encodable) in TemplateData.convertCountingInlinedNames(value).names }
        #expect(count(Plain()) == InlinedNameCounts(shared: 0, page: 0))
        #expect(count(Deep()) == InlinedNameCounts(shared: 1, page: 2))
        #expect(count(Top()) == InlinedNameCounts(shared: 1, page: 0))
        #expect(count(Page.Box(site: "x")) == InlinedNameCounts(shared: 1, page: 0))
        #expect(count(Page()) == InlinedNameCounts(shared: 0, page: 0))
    }

    // MARK: Values of `page` that all pages at one depth share

    struct PageWithRoot: Encodable {
        struct View: Encodable {
            var root = "../../"
            var title = "Per page"
            var assets = ["style_css": "../../assets/style.css?v=1"]
        }
        struct Content: Encodable {
            var links = ["a", "b"]
            /// A value named `page` hides the page's own inside `{{#content}}`.
            var page: [String: String]?
        }
        var page = View()
        var content = Content()
    }

    static let pageTemplate = """
        <link href="{{page.assets.style_css}}"><title>{{page.title}}</title>
        {{#content}}{{#links}}<a href="{{page.root}}{{.}}/">{{.}}</a>{{/links}}{{/content}}

        """

    static var pageConstants: TemplateObject {
        let view = TemplateData.convert(PageWithRoot.View()) as! TemplateObject
        return TemplateObject(values: view.values.filter { $0.key != "title" })
    }

    @Test func valuesOfThePageAreInlinedAndRenderAsWritten() throws {
        let theme = try Self.theme(["history": Self.pageTemplate])
        let inlined = theme.sharing(Self.shared, page: Self.pageConstants)
        // The index's 13 and the page's two: `page.title` is not among the constants.
        #expect(inlined.inlinedTagCount == 15)
        let expected = theme.sharing(Self.shared, inlining: false).render("history", PageWithRoot())
        #expect(expected.contains("<a href=\"../../a/\">a</a><a href=\"../../b/\">b</a>"))
        #expect(inlined.render("history", PageWithRoot()) == expected)
    }

    @Test func aPageWithAnotherValueNamedPageUsesTheTemplatesAsWritten() throws {
        let theme = try Self.theme(["history": Self.pageTemplate])
        var page = PageWithRoot()
        page.content.page = ["root": "elsewhere/"]
        let expected = theme.sharing(Self.shared, inlining: false).render("history", page)
        #expect(expected.contains("<a href=\"elsewhere/a/\">"))
        #expect(theme.sharing(Self.shared, page: Self.pageConstants).render("history", page) == expected)
    }
}
