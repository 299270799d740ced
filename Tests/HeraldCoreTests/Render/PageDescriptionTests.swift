import Testing

@testable import HeraldCore

/// `<meta name="description">` text made from a page's content.
struct PageDescriptionTests {
    @Test func htmlBecomesItsTextWithEntitiesDecoded() {
        let html =
            "<p>Card payments <strong>settle</strong> late &amp; we&#39;re on it.</p>\n<ul>\n<li>EU &lt;only&gt;</li>\n</ul>\n"
        #expect(PageDescription.text(ofHTML: html) == "Card payments settle late & we're on it. EU <only>")
    }

    @Test func longTextIsCutAtAWordWithAnEllipsis() {
        let text = Array(repeating: "word", count: 60).joined(separator: " ")
        let short = PageDescription.shortened(text)
        #expect(short.count <= PageDescription.limit)
        #expect(short.hasSuffix("word…"))
        #expect(PageDescription.shortened(String(repeating: "x", count: 400)).count == PageDescription.limit)
        #expect(PageDescription.shortened("  two\n words  ") == "two words")
    }

    /// Each kind of page of the sample site says what it is about.
    @Test func everyKindOfPageHasItsOwnDescription() async throws {
        let site = try await StatuspageAPITests.buildSample()
        func description(_ path: String) throws -> String {
            let html = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            let start = try #require(html.range(of: "<meta name=\"description\" content=\"")).upperBound
            return String(html[start...].prefix { $0 != "\"" })
        }
        #expect(try description("index.html").hasPrefix("Partial System Outage. "))
        #expect(
            try description("incidents/2026-11-27-delayed-payments/index.html").hasPrefix(
                "Monitoring: The fix is in place"))
        #expect(
            try description("history/index.html")
                == "Every incident and maintenance of Acme Cloud Status, month by month.")
        #expect(try description("history/2026-11/index.html").hasPrefix("November 2026: "))
        #expect(try description("subscribe/index.html").hasPrefix("Hear about incidents"))
        let pages = ["index.html", "history/index.html", "subscribe/index.html", "components/api/index.html"]
        #expect(Set(try pages.map(description)).count == pages.count)
    }
}

/// Long updates are read only as far as a description needs, with the same result.
struct PageDescriptionLongTextTests {
    @Test func aLongUpdateGivesTheSameDescriptionAsItsBeginning() {
        let paragraph = "<p>Payments &amp; payouts are delayed for some customers in Europe.</p>\n"
        let long = String(repeating: paragraph, count: 2000)
        let short = String(repeating: paragraph, count: 4)
        #expect(PageDescription.text(ofHTML: long) == PageDescription.text(ofHTML: short))
        #expect(PageDescription.text(ofHTML: long).count <= PageDescription.limit)
        #expect(PageDescription.text(ofHTML: long).hasPrefix("Payments & payouts are delayed"))
    }
}

/// The cut and the entities at the edges.
struct PageDescriptionEdgeTests {
    @Test func textIsCutAtTheLastWordBeforeTheLimit() {
        #expect(PageDescription.text(ofHTML: "<p>one two three four</p>", limit: 12) == "one two…")
        #expect(PageDescription.text(ofHTML: "<p>one two</p>", limit: 12) == "one two")
        #expect(PageDescription.text(ofHTML: "<p>abcdefghijklmnop</p>", limit: 6) == "abcde…")
        #expect(PageDescription.text(ofHTML: "<p>Zürich — 東京 &amp;</p>", limit: 40) == "Zürich — 東京 &")
        #expect(PageDescription.text(ofHTML: "a &am", limit: 40) == "a &am")
        #expect(PageDescription.text(ofHTML: "", limit: 40) == "")
        // Inline markup is not a word break; blocks are.
        #expect(
            PageDescription.text(ofHTML: "<p>as <strong>Needs attention</strong>, then</p><p>next</p>")
                == "as Needs attention, then next")
        // Words after a space that lands on the limit are still cut.
        let words = "<p>" + Array(repeating: "ab", count: 100).joined(separator: " ") + "</p>"
        #expect(PageDescription.text(ofHTML: words).count <= PageDescription.limit)
        #expect(PageDescription.text(ofHTML: words, limit: 10) == "ab ab ab…")
    }
}
