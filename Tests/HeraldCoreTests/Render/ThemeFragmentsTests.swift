import Testing

@testable import HeraldCore

/// Shared fragments (`templates/shared/`) are rendered once for each distinct `page` they can
/// see and printed into every page that shares it.
struct ThemeFragmentsTests {
    static func theme(fragment: String, index: String = "{{{shared.nav}}}\n<h1>{{page.title}}</h1>\n") throws -> Theme {
        var templates = Theme.requiredTemplates.map {
            TemplateFile(name: $0, file: SourceFile(path: "theme/templates/\($0).mustache", text: ""))
        }
        templates[templates.firstIndex { $0.name == "index" }!] = TemplateFile(
            name: "index", file: SourceFile(path: "theme/templates/index.mustache", text: index))
        templates.append(
            TemplateFile(
                name: "shared/nav", file: SourceFile(path: "theme/templates/shared/nav.mustache", text: fragment)))
        return try Theme.load(templates: templates, assets: [], themePath: "theme").get()
    }

    static func page(title: String, root: String) -> PageView {
        PageView(
            title: title, description: "", root: root, canonicalURL: "", isIndex: false, isHistory: false,
            isSubscribe: false,
            feeds: FeedLinks(title: "Status", rss: root + "history.rss", atom: "", json: ""), assets: [:],
            hasMaintenanceClock: false, brand: nil, timeZoneNote: "", daysZoneNote: "")
    }

    struct Empty: Encodable {}

    @Test func aFragmentShowsWhatItsPagesShareAndEachPageKeepsItsOwnValues() throws {
        let shared = TemplateObject(values: ["t": TemplateObject(values: ["home": TemplateText("Status & more")])])
        let theme = try Self.theme(
            fragment: "<a href=\"{{page.root}}\">{{t.home}}</a> <a href=\"{{page.feeds.rss}}\">RSS</a>\n"
        )
        .sharing(shared)
        let deep = theme.render("index", page: Self.page(title: "Slow API", root: "../../"), content: Empty())
        #expect(
            deep
                == "<a href=\"../../\">Status &amp; more</a> <a href=\"../../history.rss\">RSS</a>\n<h1>Slow API</h1>\n"
        )
        let top = theme.render("index", page: Self.page(title: "Status", root: "./"), content: Empty())
        #expect(top == "<a href=\"./\">Status &amp; more</a> <a href=\"./history.rss\">RSS</a>\n<h1>Status</h1>\n")
    }

    @Test func aFragmentIsRenderedOncePerDistinctPageItCanSee() throws {
        let theme = try Self.theme(fragment: "{{page.root}}\n").sharing(TemplateObject(values: [:]))
        for title in ["A", "B", "C"] {
            _ = theme.render("index", page: Self.page(title: title, root: "../../"), content: Empty())
        }
        #expect(theme.fragmentCache.rendered.withLock { $0.count } == 1)
        _ = theme.render("index", page: Self.page(title: "D", root: "./"), content: Empty())
        #expect(theme.fragmentCache.rendered.withLock { $0.count } == 2)
        // A new build starts with no fragments.
        #expect(theme.sharing(TemplateObject(values: [:])).fragmentCache.rendered.withLock { $0.count } == 0)
    }

    @Test(arguments: [
        ("<title>{{page.title}}</title>", "page.title", 1, 10),
        ("x\n{{#page.hasMaintenanceClock}}y{{/page.hasMaintenanceClock}}", "page.hasMaintenanceClock", 2, 4),
        ("{{#content.incident}}{{title}}{{/content.incident}}", "content", 1, 4),
        ("{{ uppercased(page.canonicalURL) }}", "page.canonicalURL", 1, 15),
    ])
    func aFragmentThatUsesAPageOnlyValueIsRefusedAtThatName(text: String, name: String, line: Int, column: Int) {
        let result = Result { try Self.theme(fragment: text) }
        guard case .failure(let error as DiagnosticsError) = result else {
            Issue.record("the theme loaded")
            return
        }
        #expect(error.diagnostics.count == 1)
        let diagnostic = error.diagnostics.first
        #expect(diagnostic?.location.path == "theme/templates/shared/nav.mustache")
        #expect(diagnostic?.location.line == line)
        #expect(diagnostic?.location.column == column)
        #expect(diagnostic?.message.contains("cannot show '\(name)'") == true)
    }

    @Test func namesThatOnlyStartLikeAPageOnlyValueAreAllowed() throws {
        _ = try Self.theme(fragment: "{{page.titles}} {{contents}} {{site.page.title}} {{! page.title }}\n")
    }
}
