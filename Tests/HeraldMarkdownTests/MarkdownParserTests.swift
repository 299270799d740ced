import Foundation
import HeraldMarkdown
import Testing

struct MarkdownParserTests {
    let parser = MarkdownParser()

    @Test func rendersTablesWithTheParsersExtensions() {
        let html = parser.renderHTML("| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>1</td>"))
    }

    @Test(arguments: [
        ("~~gone~~", "<del>gone</del>"),
        ("see https://example.com now", "<a href=\"https://example.com\">https://example.com</a>"),
        ("- [x] done\n- [ ] open", "type=\"checkbox\""),
        ("`code`", "<code>code</code>"),
    ])
    func rendersGFMExtensions(source: String, fragment: String) {
        #expect(parser.renderHTML(source).contains(fragment))
    }

    @Test(arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "text <span onclick=\"alert(1)\">x</span>",
    ])
    func omitsRawHTML(source: String) {
        let html = parser.renderHTML(source)
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("onclick"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](data:image/png;base64,AAAA)",
        "<javascript:alert(1)>",
    ])
    func dropsUnsafeURLs(source: String) {
        let html = parser.renderHTML(source).lowercased()
        // The text may still mention the URL; no href or src may hold it.
        for attribute in ["href=\"", "src=\""] {
            for scheme in ["javascript", "java\tscript", "vbscript", "data"] {
                #expect(!html.contains(attribute + scheme), "\(html)")
            }
        }
    }

    @Test(arguments: [
        ("[x](https://example.com/a)", "href=\"https://example.com/a\""),
        ("[x](/docs)", "href=\"/docs\""),
        ("[x](#anchor)", "href=\"#anchor\""),
        ("[x](mailto:ops@example.com)", "href=\"mailto:ops@example.com\""),
    ])
    func keepsSafeURLs(source: String, fragment: String) {
        #expect(parser.renderHTML(source).contains(fragment))
    }

    @Test func splitsTopLevelBlocksWithLinesAndHeadingText() throws {
        let document = parser.parse(
            """
            Summary line.

            ## Monitoring — 2026-11-26 15:10 UTC
            A fix is *deployed*.

            ### Details
            - one
            """
        )
        #expect(document.blocks.map(\.kind) == [.paragraph, .heading(level: 2), .paragraph, .heading(level: 3), .list])
        let heading = try #require(document.blocks.dropFirst().first)
        #expect(heading.plainText == "Monitoring — 2026-11-26 15:10 UTC")
        #expect(heading.startLine == 3)
        #expect(heading.startColumn == 1)
        #expect(document.blocks[2].html == "<p>A fix is <em>deployed</em>.</p>\n")
        #expect(document.blocks[4].endLine == 7)
    }

    @Test func demotesSubHeadingsButKeepsTheUpdateHeadingLevel() throws {
        let document = MarkdownParser(demotingHeadingsFromLevel3By: 1).parse(
            "## Update — x\n### Details\n###### Deep\n")
        #expect(document.blocks.map(\.kind) == [.heading(level: 2), .heading(level: 4), .heading(level: 6)])
        #expect(document.blocks[1].html == "<h4>Details</h4>\n")
        #expect(document.blocks[2].html == "<h6>Deep</h6>\n")
        #expect(MarkdownParser().parse("### Details\n").html == "<h3>Details</h3>\n")
    }

    @Test func taskListCheckboxesHaveAccessibleNames() {
        let html = MarkdownParser().renderHTML("- [x] shipped\n- [ ] planned\n")
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> shipped"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> planned"))
    }

    @Test func headingTextIncludesCodeAndBreaks() throws {
        let document = parser.parse("## Update `v2` — 2026-11-26 15:10 UTC\n")
        #expect(try #require(document.blocks.first).plainText == "Update v2 — 2026-11-26 15:10 UTC")
    }

    /// Debian's cmark-gfm loses strikethrough and autolinks when documents are parsed in several
    /// threads at once; the parser serializes parsing, so parallel output must equal serial output.
    @Test func parallelRenderingMatchesSerialRendering() async {
        let documents = (0..<3000).map(Self.document)
        let serial = documents.map { parser.parse($0) }
        let shared = parser
        let parallel = await withTaskGroup(of: (Int, MarkdownDocument).self) { group in
            for (index, text) in documents.enumerated() {
                group.addTask { (index, shared.parse(text)) }
            }
            var results = [MarkdownDocument?](repeating: nil, count: documents.count)
            for await (index, document) in group { results[index] = document }
            return results
        }
        var mismatches = 0
        for index in documents.indices where parallel[index] != serial[index] { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(serial[7].html.contains("<del>"))
        #expect(serial[7].html.contains("<a href=\"https://"))
    }

    @Test(arguments: [
        (
            "[earlier](../2026-10-07-sign-in-failures/)",
            "https://status.example.com/incidents/2026-10-07-sign-in-failures/"
        ),
        (
            "[this update](#update-20261126T151000Z)",
            "https://status.example.com/incidents/slow-api/#update-20261126T151000Z"
        ),
        ("[docs](/docs/limits?x=1)", "https://status.example.com/docs/limits?x=1"),
        ("[same](./notes.txt)", "https://status.example.com/incidents/slow-api/notes.txt"),
        ("[other site](https://example.org/a)", "https://example.org/a"),
        ("[mail](mailto:ops@example.com)", "mailto:ops@example.com"),
        ("![graph](graph.png)", "https://status.example.com/incidents/slow-api/graph.png"),
    ])
    func relativeURLsResolveAgainstThePagesAddress(markdown: String, url: String) throws {
        let base = try #require(URL(string: "https://status.example.com/incidents/slow-api/"))
        let html = parser.parse(markdown, base: base).html
        #expect(html.contains("=\"\(url)\""), "\(html)")
        var found: [String] = []
        func collect(_ node: MarkdownNode) {
            if case .link(let link) = node.kind { found.append(link) }
            if case .image(let link) = node.kind { found.append(link) }
            node.children.forEach(collect)
        }
        collect(parser.parseNodes(markdown, base: base))
        #expect(found == [url])
    }

    @Test func onlyBlocksWithARelativeLinkAreRewrittenAsMarkdown() throws {
        let base = try #require(URL(string: "https://status.example.com/incidents/slow-api/"))
        let source = """
            Payments are *slow* again, as in [October](../2026-10-07-sign-in-failures/).

            ### Details
            See https://example.org/status and [the provider](https://provider.example/).
            """
        let blocks = parser.parse(source, base: base).blocks
        #expect(
            blocks.map(\.markdown) == [
                "Payments are *slow* again, as in [October](https://status.example.com/incidents/2026-10-07-sign-in-failures/).",
                nil, nil,
            ])
        // Without a base nothing is resolved, so nothing is rewritten.
        #expect(parser.parse(source).blocks.allSatisfy { $0.markdown == nil })
    }

    @Test func withoutABaseRelativeURLsStayAsWrittenAndUnsafeOnesAreStillDropped() throws {
        #expect(parser.parse("[x](../a/)").html.contains("href=\"../a/\""))
        let base = try #require(URL(string: "https://status.example.com/incidents/x/"))
        #expect(parser.parse("[x](javascript:alert(1))", base: base).html.contains("href=\"\""))
    }

    /// A varied document: strikethrough, autolinks, tables, task lists, code and emphasis.
    static func document(_ seed: Int) -> String {
        var text = "## Update — 2026-11-\(10 + seed % 18) 1\(seed % 10):00 UTC\n\n"
        text += "Some ~~old~~ text about https://status\(seed).example.com/path and www.example\(seed % 7).org.\n\n"
        if seed % 3 == 0 { text += "| h\(seed) | b |\n|---|:-:|\n| ~~x~~ | https://t\(seed).example |\n\n" }
        if seed % 4 == 1 { text += "- [x] done \(seed)\n- [ ] ~~todo~~\n\n" }
        if seed % 5 == 2 { text += "```\ncode \(seed) ~~not struck~~\n```\n\n" }
        text += "*Emphasis* and **strong** ~strike~ \(seed) <https://auto\(seed).example>.\n"
        return text
    }
}
