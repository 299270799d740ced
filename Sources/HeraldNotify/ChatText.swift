import Foundation
import HeraldCore
import HeraldMarkdown

/// Renders an update's Markdown for a chat message: Slack's mrkdwn, or the Markdown subset
/// Discord and Teams show.
///
/// Headings become bold lines (chat messages have no heading levels), lists keep their bullets
/// or numbers, links keep their URL, images become links, tables become one line per row, and raw
/// HTML is left out, as on the pages.
package struct ChatText: Sendable {
    /// The target format.
    package enum Flavor: Sendable {
        /// Slack's mrkdwn: `*bold*`, `_italic_`, `~strike~`, `<url|text>`, with `&`, `<`, `>`
        /// escaped.
        case slack
        /// CommonMark as Discord and Teams show it: `**bold**`, `*italic*`, `[text](url)`.
        case markdown
    }

    /// The format.
    package var flavor: Flavor

    private static let parser = MarkdownParser()

    /// Creates a renderer.
    package init(_ flavor: Flavor) {
        self.flavor = flavor
    }

    /// Renders Markdown.
    ///
    /// - Parameter base: Where the text is published (the update on its incident page); relative
    ///   links in it become absolute against it, as on the site, since a chat message has no page
    ///   to be relative to.
    package func render(_ markdown: String, base: URL? = nil) -> String {
        let document = Self.parser.parseNodes(markdown, base: base)
        let text = blocks(document.children, indent: "")
        return text.trimmingTrailingNewlines()
    }

    // MARK: Blocks

    /// Blocks one below the other: separated by a blank line, or by a line break inside a tight
    /// list item.
    private func blocks(_ nodes: [MarkdownNode], indent: String, tight: Bool = false) -> String {
        nodes.map { block($0, indent: indent) }.filter { !$0.isEmpty }.joined(separator: tight ? "\n" : "\n\n")
    }

    private func block(_ node: MarkdownNode, indent: String) -> String {
        switch node.kind {
        case .paragraph:
            return prefixLines(inlines(node.children), with: indent, first: indent)
        case .heading:
            let text = inlines(node.children)
            return indent + strong(text)
        case .blockQuote:
            let inner = blocks(node.children, indent: "")
            return prefixLines(inner, with: indent + (flavor == .slack ? "&gt; " : "> "), first: nil)
        case .list(let ordered, let start):
            var number = start
            var lines: [String] = []
            for item in node.children {
                var marker = ordered ? "\(number). " : (flavor == .markdown ? "- " : "• ")
                if case .item(let checked?) = item.kind {
                    marker += checked ? "[x] " : "[ ] "
                }
                let content = blocks(item.children, indent: "", tight: true)
                let continuation = indent + String(repeating: " ", count: marker.count)
                lines.append(prefixLines(content, with: continuation, first: indent + marker))
                number += 1
            }
            return lines.joined(separator: "\n")
        case .codeBlock(let code):
            let body = code.trimmingTrailingNewlines()
            switch flavor {
            case .slack: return indent + "```\n" + escapeSlack(body) + "\n```"
            case .markdown: return indent + "```\n" + body + "\n```"
            }
        case .thematicBreak:
            return indent + "———"
        case .table:
            return node.children.map { row in
                indent + row.children.map { inlines($0.children) }.joined(separator: " | ")
            }.joined(separator: "\n")
        case .html:
            return ""
        default:
            return prefixLines(inlines(node.children), with: indent, first: indent)
        }
    }

    private func prefixLines(_ text: String, with prefix: String, first: String?) -> String {
        guard !text.isEmpty else { return "" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().map { offset, line in
            (offset == 0 ? (first ?? prefix) : prefix) + line
        }.joined(separator: "\n")
    }

    // MARK: Inlines

    private func inlines(_ nodes: [MarkdownNode]) -> String {
        nodes.map(inline).joined()
    }

    private func inline(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .text(let text):
            return escape(text)
        case .softBreak:
            return " "
        case .lineBreak:
            return "\n"
        case .code(let code):
            switch flavor {
            case .slack: return "`" + escapeSlack(code) + "`"
            case .markdown: return "`" + code + "`"
            }
        case .emphasis:
            let text = inlines(node.children)
            switch flavor {
            case .slack: return "_" + text + "_"
            case .markdown: return "*" + text + "*"
            }
        case .strong:
            return strong(inlines(node.children))
        case .strikethrough:
            let text = inlines(node.children)
            switch flavor {
            case .slack: return "~" + text + "~"
            case .markdown: return "~~" + text + "~~"
            }
        case .link(let url), .image(let url):
            return link(text: inlines(node.children), url: url)
        case .html:
            return ""
        default:
            return inlines(node.children)
        }
    }

    private func strong(_ text: String) -> String {
        switch flavor {
        case .slack: "*" + text + "*"
        case .markdown: "**" + text + "**"
        }
    }

    private func link(text: String, url: String) -> String {
        guard !url.isEmpty else { return text }
        switch flavor {
        case .slack:
            // Slack's link syntax has no escape for `|` and `>` inside the URL.
            let safeURL = url.replacingOccurrences(of: "|", with: "%7C").replacingOccurrences(of: ">", with: "%3E")
                .replacingOccurrences(of: "<", with: "%3C")
            return text.isEmpty ? "<\(safeURL)>" : "<\(safeURL)|\(text)>"
        case .markdown:
            let safeURL = url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ")", with: "%29")
                .replacingOccurrences(of: "(", with: "%28")
            return text.isEmpty ? "<\(safeURL)>" : "[\(text)](\(safeURL))"
        }
    }

    // MARK: Escaping

    private func escape(_ text: String) -> String {
        switch flavor {
        case .slack: escapeSlack(text)
        case .markdown: Self.escapeMarkdown(text)
        }
    }

    /// Slack's rule: `&`, `<` and `>` are control characters in message text.
    private func escapeSlack(_ text: String) -> String {
        Self.escapeSlack(text)
    }

    /// Slack's escaping of `&`, `<` and `>`.
    package static func escapeSlack(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Backslash-escapes the characters Discord and Teams would read as markup.
    static func escapeMarkdown(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\*_~`|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var result = self
        while result.hasSuffix("\n") { result.removeLast() }
        return result
    }
}
