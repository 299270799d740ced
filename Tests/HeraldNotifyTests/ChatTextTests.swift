import Foundation
import Testing

@testable import HeraldCore
@testable import HeraldNotify

/// An update's Markdown in Slack's mrkdwn and in the Markdown Discord and Teams show.
struct ChatTextTests {
    @Test(arguments: [
        ("**bold** and *italic* and ~~gone~~", "*bold* and _italic_ and ~gone~", "**bold** and *italic* and ~~gone~~"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d", "a < b & c > d"),
        (
            "[docs](https://example.com/a?b=1&c=2)", "<https://example.com/a?b=1&c=2|docs>",
            "[docs](https://example.com/a?b=1&c=2)"
        ),
        ("[bad](javascript:alert(1))", "bad", "bad"),
        ("text <span>raw</span> here", "text raw here", "text raw here"),
        ("### Next steps\nWe wait.", "*Next steps*\n\nWe wait.", "**Next steps**\n\nWe wait."),
        ("- one\n- two", "• one\n• two", "- one\n- two"),
        ("3. three\n4. four", "3. three\n4. four", "3. three\n4. four"),
        ("- [x] done\n- [ ] open", "• [x] done\n• [ ] open", "- [x] done\n- [ ] open"),
        ("> quoted\n> text", "&gt; quoted text", "> quoted text"),
        ("```\nlet a = 1 < 2\n```", "```\nlet a = 1 &lt; 2\n```", "```\nlet a = 1 < 2\n```"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2", "a | b\n1 | 2"),
        ("snake_case *", "snake_case *", "snake\\_case \\*"),
        ("line one  \nline two", "line one\nline two", "line one\nline two"),
    ])
    func rendersEachFlavor(markdown: String, slack: String, discord: String) {
        #expect(ChatText(.slack).render(markdown) == slack)
        #expect(ChatText(.markdown).render(markdown) == discord)
    }

    @Test func slackLinksCannotBreakOutOfTheirBrackets() {
        #expect(ChatText(.slack).render("[x](https://example.com/a|b>c)") == "<https://example.com/a%7Cb%3Ec|x>")
    }
}

/// Chat messages have no page to be relative to: links resolve against the update's address.
struct ChatTextRelativeLinkTests {
    @Test func aRelativeLinkInAnUpdateBecomesTheSameAddressAsOnTheSite() throws {
        let base = try #require(URL(string: "https://status.example.com/incidents/2026-11-27-slow-api/#update-1"))
        let markdown = "Like the [earlier incident](../2026-10-07-sign-in-failures/)."
        let earlier = "https://status.example.com/incidents/2026-10-07-sign-in-failures/"
        #expect(ChatText(.slack).render(markdown, base: base) == "Like the <\(earlier)|earlier incident>.")
        #expect(ChatText(.markdown).render(markdown, base: base) == "Like the [earlier incident](\(earlier)).")
    }
}
