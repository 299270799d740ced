import Foundation
import Mustache
import Testing

@testable import HeraldCore

/// Views as swift-mustache reads them, and the page's globals every object answers.
struct TemplateDataTests {
    struct Row: Encodable, Sendable {
        var title: String
        var status: String
    }

    struct Content: Encodable, Sendable {
        var status: String
        var rows: [Row]
    }

    static func render(_ template: String, content: Content, root: [String: any Sendable]) throws -> String {
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: template), named: "page")
        var values = root
        values["content"] = TemplateData.convert(content, globals: TemplateGlobals(root))
        return library.render(TemplateObject(values: values), withTemplate: "page") ?? ""
    }

    /// Inside nested sections, a global resolves from the innermost object to the root's value, a
    /// name a view has resolves to the innermost view's, and a name that is not a global (here
    /// `status`, which the root and the views both have) still walks outwards as Mustache does.
    @Test func globalsAnswerFromTheInnermostObjectAsTheRootWould() throws {
        let root: [String: any Sendable] = [
            "t": TemplateObject(values: ["word": TemplateText("Hello")]),
            "page": TemplateObject(values: ["root": TemplateText("../../")]),
            "status": TemplateText("root-status"),
        ]
        let content = Content(status: "content-status", rows: [Row(title: "A", status: "row-status")])
        let html = try Self.render(
            "{{#content}}{{#rows}}{{t.word}} {{page.root}} {{title}} {{status}};{{/rows}} {{status}}{{/content}} {{status}}",
            content: content, root: root)
        #expect(html == "Hello ../../ A row-status; content-status root-status")
        #expect(TemplateGlobals(root).values.keys.sorted() == ["page", "t"])
    }

    @Test func anObjectPrintsAsNothingAndTextsAsThemselves() throws {
        let html = try Self.render(
            "[{{content}}]{{#content.rows}}{{title}}{{/content.rows}}",
            content: Content(status: "", rows: [Row(title: "<b>", status: "")]),
            root: [:])
        #expect(html == "[]&lt;b&gt;")
    }
}
