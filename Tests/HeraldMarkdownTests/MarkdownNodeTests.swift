import HeraldMarkdown
import Testing

/// The Swift tree `parseNodes` copies out of cmark-gfm, for the chat renderers.
struct MarkdownNodeTests {
    let parser = MarkdownParser()

    @Test func copiesBlocksInlinesAndExtensionNodes() {
        let document = parser.parseNodes(
            "# Title\n\nSome **bold** ~~old~~ `code`.\n\n- [x] done\n\n| a |\n|---|\n| 1 |\n")
        #expect(document.kind == .document)
        let kinds = document.children.map(\.kind)
        #expect(kinds.count == 4)
        #expect(kinds[0] == .heading(level: 1))
        #expect(kinds[1] == .paragraph)
        #expect(kinds[2] == .list(ordered: false, start: 0))
        #expect(kinds[3] == .table)
        let inlines = document.children[1].children.map(\.kind)
        #expect(inlines.contains(.strong))
        #expect(inlines.contains(.strikethrough))
        #expect(inlines.contains(.code("code")))
        #expect(document.children[2].children.first?.kind == .item(checked: true))
        #expect(document.children[3].children.first?.kind == .tableRow(header: true))
    }

    @Test func dropsUnsafeURLsAsTheHTMLDoes() {
        let document = parser.parseNodes("[x](javascript:alert(1)) [y](https://example.com)")
        let links = document.children[0].children.compactMap { node -> String? in
            if case .link(let url) = node.kind { url } else { nil }
        }
        #expect(links == ["", "https://example.com"])
    }
}
