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
        let file = SourceFile(
            path: "theme/templates/index.mustache", text: "<p title=\"{{content.v}}\">{{content.v}}</p>\n")
        var templates = Theme.requiredTemplates.map {
            TemplateFile(name: $0, file: SourceFile(path: "theme/templates/\($0).mustache", text: ""))
        }
        templates[templates.firstIndex { $0.name == "index" }!] = TemplateFile(name: "index", file: file)
        let theme = try Theme.load(templates: templates, assets: [], themePath: "theme").get()
        struct Context: Encodable { var v: String }
        let html = theme.render("index", page: Context(v: ""), content: Context(v: "<a href='x'>&\"</a>"))
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

    /// `herald check` finds `t.` lookups in every kind of tag, at the line and column of the `t`,
    /// and not in closing tags, comments (even over several lines), partials or other values.
    @Test func stringLookupsAreFoundWhereverATagNamesThem() {
        let text = """
            <p>{{t.a1}} {{{t.b}}} {{& t.c}} {{ uppercased(t.d) }}</p>
            {{#t.e}}x{{/t.e}}{{^t.f}}y{{/t.f}}
            {{!
              {{t.commented}}
            }}
            {{#t.g
            }}z{{/t.g}} at.x {{page.t.x}} {{t}} {{>partials/t.x}}
            """
        let found = Theme.stringReferences(in: SourceFile(path: "x.mustache", text: text)).map {
            "\($0.key)@\($0.line):\($0.column)"
        }
        #expect(found == ["a1@1:6", "b@1:16", "c@1:27", "d@1:47", "e@2:4", "f@2:21", "g@6:4"])
    }

    /// HTML forbids control characters other than tab and line breaks; pages drop them and keep
    /// everything else, including characters whose UTF-8 starts like a C1 control's.
    @Test(arguments: [
        ("plain <p>text</p>\n\twith tabs\r\n", "plain <p>text</p>\n\twith tabs\r\n"),
        ("bell\u{7}, escape\u{1B}, delete\u{7F}, next line\u{85}, csi\u{9B}.", "bell, escape, delete, next line, csi."),
        ("Zürich \u{A0}non-breaking \u{C2}\u{A9} stays", "Zürich \u{A0}non-breaking \u{C2}\u{A9} stays"),
        ("a · b\u{9F} · c\u{80}", "a · b · c"),
        ("\u{1F}first and last\u{9F}", "first and last"),
    ])
    func pagesLoseControlCharactersOnly(_ html: String, _ expected: String) {
        #expect(ControlCharacters.removing(from: html) == expected)
    }

    /// The check reads eight bytes at a time; it must find a control character at every offset,
    /// including a C1 control split across two words, and nothing else.
    @Test func theControlCharacterCheckFindsEveryOneAtEveryOffset() {
        func reference(_ text: String) -> Bool {
            text.unicodeScalars.contains {
                ($0.value < 0x20 && !"\t\n\r".unicodeScalars.contains($0)) || (0x7F...0x9F).contains($0.value)
            }
        }
        let inserts = [
            "\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\t", "\n", "\r", "·", "\u{A0}", "é", "🚨",
        ]
        var checked = 0
        for length in 0..<34 {
            for position in 0...length {
                for insert in inserts {
                    let background = String(repeating: "a~ ", count: 12).prefix(length)
                    let text = String(background.prefix(position)) + insert + String(background.dropFirst(position))
                    #expect(
                        ControlCharacters.contains(text.utf8) == reference(text), "\(text.debugDescription)")
                    checked += reference(text) ? 1 : 0
                }
            }
        }
        #expect(checked == 6 * (1...34).reduce(0, +))
    }
}

/// `TemplateData` hands swift-mustache its own object and text types instead of dictionaries and
/// strings, for speed; templates must not see a difference.
struct TemplateValueTests {
    struct View: Encodable {
        var title: String
        var empty: String
        var flag: Bool
        var count: Int
        var names: [String]
        var tags: [String: String]
        var nested: Nested
        struct Nested: Encodable { var label: String }
    }

    static let view = View(
        title: "Database <failover>", empty: "", flag: true, count: 3, names: ["b", "a"],
        tags: ["zone": "eu", "api": "v2"], nested: View.Nested(label: "deep & nested"))

    /// The same view as plain dictionaries and strings, as swift-mustache is used elsewhere.
    static var plain: [String: Any] {
        [
            "title": "Database <failover>", "empty": "", "flag": true, "count": 3, "names": ["b", "a"],
            "tags": ["zone": "eu", "api": "v2"], "nested": ["label": "deep & nested"] as [String: Any],
        ]
    }

    /// A view whose `encode(to:)` uses nested containers, which synthesized conformances never do.
    struct Hand: Encodable {
        enum Key: CodingKey { case title, nested, names, label }

        func encode(to encoder: any Encoder) throws {
            var top = encoder.container(keyedBy: Key.self)
            try top.encode("top", forKey: .title)
            var nested = top.nestedContainer(keyedBy: Key.self, forKey: .nested)
            try nested.encode("inner", forKey: .label)
            var names = top.nestedUnkeyedContainer(forKey: .names)
            try names.encode("a")
            var deep = names.nestedContainer(keyedBy: Key.self)
            try deep.encode("deep", forKey: .label)
            try names.encode("b")
            var list = names.nestedUnkeyedContainer()
            try list.encode("x")
        }
    }

    @Test func nestedContainersRenderAsDictionariesAndArraysWould() throws {
        let template = try MustacheTemplate(
            string: "{{title}} {{nested.label}} {{count(names)}} {{#names}}<{{label}}>{{/names}}")
        let plain: [String: Any] = [
            "title": "top", "nested": ["label": "inner"] as [String: Any],
            "names": ["a", ["label": "deep"] as [String: Any], "b", ["x"]] as [Any],
        ]
        let expected = template.render(plain)
        #expect(expected == "top inner 4 <><deep><><>")
        #expect(template.render(TemplateData.convert(Hand())) == expected)
    }

    /// A view whose `encode(to:)` gives one name twice, which synthesized conformances never do.
    struct Twice: Encodable {
        enum Key: CodingKey { case title, label }

        func encode(to encoder: any Encoder) throws {
            var top = encoder.container(keyedBy: Key.self)
            try top.encode("first", forKey: .title)
            try top.encode("label", forKey: .label)
            var nested = top.nestedContainer(keyedBy: Key.self, forKey: .title)
            try nested.encode("inner", forKey: .label)
            try top.encode("last", forKey: .title)
        }
    }

    /// A record keeps its names in order; a name given twice reads as its last value everywhere,
    /// as it would in a dictionary, and counts once.
    @Test func aNameGivenTwiceReadsAsItsLastValue() throws {
        let template = try MustacheTemplate(
            string: "{{title}} {{count(.)}} {{#sorted(.)}}{{key}}={{value}};{{/sorted(.)}}")
        let plain: [String: Any] = ["title": "last", "label": "label"]
        let expected = template.render(plain)
        #expect(expected == "last 2 label=label;title=last;")
        #expect(template.render(TemplateData.convert(Twice())) == expected)
    }

    @Test(arguments: [
        "{{title}} {{{title}}} {{nested.label}} {{count}}",
        "{{uppercased(title)}} {{lowercased(nested.label)}} {{count(title)}}",
        "{{#empty}}[{{.}}]{{/empty}}{{^empty}}none{{/empty}} {{#empty(empty)}}blank{{/empty(empty)}}",
        "{{#flag}}on{{/flag}}{{^flag}}off{{/flag}} {{#names}}{{.}},{{/names}} {{#reversed(names)}}{{.}}{{/reversed(names)}}",
        "{{count(tags)}} {{#sorted(tags)}}{{key}}={{value}};{{/sorted(tags)}} {{tags.zone}}",
        "{{#nested}}{{label}} {{title}}{{/nested}} {{#title}}{{.}}{{/title}} {{missing}}|{{^missing}}no{{/missing}}",
        // Inside a string's section, names come from the enclosing values, as for a `String`.
        "{{#title}}[{{text}}|{{count}}|{{nested.label}}]{{/title}}",
    ])
    func rendersAsDictionariesAndStringsWould(_ source: String) throws {
        let template = try MustacheTemplate(string: source)
        let expected = template.render(Self.plain)
        #expect(template.render(TemplateData.convert(Self.view)) == expected)
        #expect(!expected.isEmpty)
    }
}

/// A template that includes itself renders until the stack overflows; the theme refuses it.
struct ThemeLoopTests {
    static func template(_ name: String, _ text: String) -> TemplateFile {
        TemplateFile(name: name, file: SourceFile(path: "theme/templates/\(name).mustache", text: text))
    }

    @Test func loopsAreFoundOnceEachAtTheReferenceThatClosesThem() {
        let templates = [
            Self.template("index", "{{>partials/a}} {{>partials/self}}"),
            Self.template("partials/a", "x\n  {{#list}}{{> partials/b}}{{/list}}"),
            Self.template("partials/b", "{{>partials/a}}"),
            Self.template("partials/self", "{{#flag}}{{>partials/self}}{{/flag}}"),
            Self.template("page", "{{<layout}}{{$main}}{{/main}}{{/layout}}"),
            Self.template("layout", "{{$main}}{{/main}}{{>page}}"),
            Self.template("partials/fine", "{{>partials/leaf}}{{>partials/leaf}}"),
            Self.template("partials/leaf", "leaf"),
        ]
        // The build sorts all diagnostics by location; so does this test.
        let found = Theme.loops(in: templates).sorted { $0.location < $1.location }.map {
            "\($0.location.path):\($0.location.line):\($0.location.column) \($0.message)"
        }
        #expect(
            found == [
                "theme/templates/page.mustache:1:4 'layout' includes itself (layout → page → layout); templates must not"
                    + " loop, as nothing limits how deep they render and the build would crash",
                "theme/templates/partials/b.mustache:1:4 'partials/a' includes itself (partials/a → partials/b →"
                    + " partials/a); templates must not loop, as nothing limits how deep they render and the build would"
                    + " crash",
                "theme/templates/partials/self.mustache:1:13 'partials/self' includes itself (partials/self →"
                    + " partials/self); templates must not loop, as nothing limits how deep they render and the build"
                    + " would crash",
            ])
    }

    /// An object printed as a value is empty rather than a dictionary's contents in a random order.
    @Test func anObjectPrintedAsAValueIsEmpty() throws {
        struct View: Encodable {
            var nested = ["b": "2", "a": "1", "c": "3"]
            var list = [["x": "1"], ["y": "2"]]
        }
        let template = try MustacheTemplate(string: "[{{.}}|{{nested}}|{{list}}]")
        #expect(template.render(TemplateData.convert(View())) == "[||[, ]]")
    }
}
