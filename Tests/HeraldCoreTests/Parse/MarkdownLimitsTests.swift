import Foundation
import Testing

@testable import HeraldCore

struct MarkdownLimitsTests {
    static func check(_ markdown: String) -> [Diagnostic] {
        MarkdownLimits(file: SourceFile(path: "incidents/x.md", text: "---\n---\n" + markdown), lineOffset: 2)
            .check(markdown)
    }

    static func table(columns: Int, rows: Int, prefix: String = "") -> String {
        prefix + "|" + String(repeating: "a|", count: columns) + "\n" + prefix + "|"
            + String(repeating: " --- |", count: columns) + "\n" + String(repeating: prefix + "x\n", count: rows)
    }

    @Test func ordinaryMarkdownIsWithinEveryLimit() {
        let text = """
            Some **bold** text with [a link](https://example.com) and ![an image](a.png).

            | Region | Status |
            | :--- | ---: |
            | EU | ok |

            ---

            <!-- a comment --> and <?php echo 1; ?>
            """
        #expect(Self.check(text).isEmpty)
    }

    @Test func theFirstBracketOverTheLimitIsReportedAtItsLineAndColumn() throws {
        let text = "ok\n" + String(repeating: "![[]()", count: MarkdownLimits.maximumBrackets / 2) + "é["
        let diagnostics = Self.check(text)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.location.line == 4)
        #expect(diagnostic.location.column == MarkdownLimits.maximumBrackets / 2 * 6 + 2)
        #expect(diagnostic.message.contains("at most 2000"))
        #expect(Self.check(String(repeating: "[", count: MarkdownLimits.maximumBrackets)).isEmpty)
    }

    @Test(arguments: ["x <?", "x <![CDATA[ ", "<!-- "])
    func rawHTMLOpenersAreCounted(_ opener: String) throws {
        let diagnostics = Self.check(String(repeating: opener, count: MarkdownLimits.maximumHTMLOpeners + 1))
        #expect(diagnostics.contains { $0.message.hasPrefix("too much raw HTML") })
        #expect(Self.check(String(repeating: "x <?", count: MarkdownLimits.maximumHTMLOpeners)).isEmpty)
    }

    @Test func aWideTableIsReportedAtItsDelimiterRow() throws {
        let diagnostic = try #require(Self.check("intro\n\n" + Self.table(columns: 101, rows: 1)).first)
        #expect(diagnostic.message == "table has 101 columns; a table may have at most 100")
        #expect(diagnostic.location.line == 6)
        #expect(Self.check(Self.table(columns: 100, rows: 1)).isEmpty)
    }

    @Test func cellsCountEveryLineUpToTheNextBlankLine() throws {
        // 100 columns × (198 rows + header + delimiter) is exactly the limit.
        #expect(Self.check(Self.table(columns: 100, rows: 198) + "\nafter\n").isEmpty)
        let diagnostic = try #require(Self.check(Self.table(columns: 100, rows: 199)).first)
        #expect(diagnostic.message.hasPrefix("table has 20100 cells (100 columns × 201 rows"))
    }

    @Test func blockQuotesAndListsNestedInOneLineAreCounted() throws {
        #expect(
            Self.check(String(repeating: "> ", count: 100) + "x\n" + String(repeating: "- ", count: 100) + "x").isEmpty)
        let diagnostic = try #require(Self.check("x\n\n" + String(repeating: "> - 1. ", count: 34) + "x").first)
        #expect(diagnostic.location.line == 5)
        #expect(diagnostic.message.hasPrefix("more than 100 block quotes and list items nested in one line"))
    }

    @Test func aTableInsideABlockQuoteIsMeasuredToo() {
        #expect(!Self.check(Self.table(columns: 2_000, rows: 3, prefix: "> ")).isEmpty)
    }

    @Test(arguments: ["---", "| a | b |", "|-|x|", "- item", "| : |"])
    func linesThatAreNotDelimiterRowsHaveNoColumns(_ line: String) {
        var text = line
        let columns = text.withUTF8 { MarkdownLimits.delimiterRowColumns($0) }
        #expect(columns == nil)
    }

    @Test func anIncidentOverALimitIsRefusedBeforeItIsParsed() {
        let config = SiteConfig(
            title: "S", url: URL(string: "https://example.com/")!, components: [])
        let text =
            "---\ntitle: T\nimpact: minor\n---\n\n## Investigating — 2026-11-26 14:05 UTC\n"
            + Self.table(columns: 5_000, rows: 1)
        let output = IncidentParser(config: config, now: Date()).parse(
            SourceFile(path: "incidents/2026-11-26-x.md", text: text))
        #expect(output.incident == nil)
        #expect(
            output.diagnostics.map(\.headline) == [
                "incidents/2026-11-26-x.md:8:1: error: table has 5000 columns; a table may have at most 100"
            ])
    }
}
