import Foundation
import Mustache
import Testing

@testable import HeraldCore

/// Herald's escaping of `{{value}}` replaces swift-mustache's for speed; it must escape exactly
/// what swift-mustache escapes, the same way, or pages would change.
struct TemplateEscapingTests {
    static let samples = [
        "", "plain words", "<script>alert('x')</script>", "a & b \"c\" 'd'", "&amp; stays visible as &amp;",
        "Zürich — 東京 <b>bold</b>", "emoji 🚨 > 👍🏽 & 🇩🇪", "line\nbreak\ttab", "<<>>&&\"\"''",
        "javascript:alert(1)", "\" onmouseover=\"alert(1)", "caf\u{65}\u{301} & more",
    ]

    @Test(arguments: samples)
    func escapesExactlyLikeSwiftMustache(_ text: String) throws {
        let template = try MustacheTemplate(string: "{{value}}")
        let expected = template.render(["value": text])
        #expect(Theme.HTMLEscaping().escapeText(text) == expected)
    }

    @Test func aThemeTemplateUsesItAndRendersTheSame() throws {
        let file = SourceFile(path: "theme/templates/index.mustache", text: "<p title=\"{{v}}\">{{v}}</p>\n")
        var templates = Theme.requiredTemplates.map {
            TemplateFile(name: $0, file: SourceFile(path: "theme/templates/\($0).mustache", text: ""))
        }
        templates[templates.firstIndex { $0.name == "index" }!] = TemplateFile(name: "index", file: file)
        let theme = try Theme.load(templates: templates, assets: [], themePath: "theme").get()
        struct Context: Encodable { var v: String }
        let html = theme.render("index", Context(v: "<a href='x'>&\"</a>"))
        #expect(
            html
                == "<p title=\"&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;\">&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;</p>\n"
        )
    }

    /// swift-mustache looks at whole characters, so `<` followed by a combining mark is one
    /// character it does not replace; Herald replaces every `<` byte.
    @Test func aLessThanSignWithACombiningMarkIsStillEscaped() {
        #expect(Theme.HTMLEscaping().escapeText("<\u{338}script>") == "&lt;\u{338}script&gt;")
    }
}
