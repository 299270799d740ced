import CCmarkGFM
import Foundation
import Synchronization

/// Parses GitHub Flavored Markdown with cmark-gfm and renders it as safe HTML.
///
/// Rendering is always in safe mode: raw HTML is omitted, and links or images whose URL has a
/// scheme other than `http`, `https` or `mailto` lose their URL (cmark-gfm's own safe mode still
/// lets `data:image/...` through; Herald does not). The `tagfilter` extension is attached as well,
/// so even an unsafe renderer would neutralise `<script>` and friends.
///
/// Thread safety: Debian's cmark-gfm 0.29.0.gfm.6 changes a global character table while parsing
/// with extensions, and registering the core extensions is not thread-safe either, so concurrent
/// parses silently lose strikethrough and autolinks. Parsing (feed and finish) therefore runs one
/// document at a time behind a lock; walking the tree and rendering HTML work on a tree that this
/// call owns and run in parallel. Every C object is freed before `parse` returns.
package struct MarkdownParser: Sendable {
    /// The GFM extensions Herald enables, in the order they are attached.
    package static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// URL schemes that survive in links and images; URLs without a scheme (relative) survive too.
    package static let allowedURLSchemes: Set<String> = ["http", "https", "mailto"]

    private static let parseLock = Mutex(())

    private let parseOptions: Int32 = CMARK_OPT_VALIDATE_UTF8
    private let renderOptions: Int32 = CMARK_OPT_SAFE
    private let demotion: Int32

    /// Creates a parser.
    ///
    /// - Parameter demotingHeadingsFromLevel3By: How many levels headings of level 3 and below
    ///   render lower (never below 6). Herald's pages show update headings as `<h3>`, so the
    ///   `###` sub-headings an operator writes inside an update render as `<h4>`. Levels 1 and 2
    ///   keep their level in the parsed blocks either way.
    package init(demotingHeadingsFromLevel3By demotion: Int = 0) {
        self.demotion = Int32(max(0, demotion))
    }

    /// Parses `source` and returns its top-level blocks with their HTML.
    ///
    /// - Parameters:
    ///   - source: Markdown text (GFM).
    ///   - base: The address the text is published at; relative link and image URLs
    ///     (`../2026-10-07-sign-in-failures/`, `#update-…`, `/docs`) become absolute against it, so
    ///     they lead to the same place wherever the HTML is shown. Nil keeps them as written.
    /// - Returns: The document as Swift values; no C memory is kept.
    package func parse(_ source: String, base: URL? = nil) -> MarkdownDocument {
        guard let (root, resolvedNodes) = parseTree(source, base: base) else { return MarkdownDocument(blocks: []) }
        defer { cmark_node_free(root) }
        // The blocks whose links were made absolute, rewritten as CommonMark (before headings are
        // demoted, which only the HTML shows), so that the Markdown of an update leads where its
        // HTML does.
        var rewritten: [OpaquePointer: String] = [:]
        for node in resolvedNodes {
            var block = node
            while let parent = cmark_node_parent(block), parent != root { block = parent }
            guard rewritten[block] == nil, let text = cmark_render_commonmark(block, CMARK_OPT_DEFAULT, 0) else {
                continue
            }
            rewritten[block] = String(cString: text).trimmingCharacters(in: .newlines)
            cmark_get_default_mem_allocator().pointee.free(text)
        }

        let allocator = cmark_get_default_mem_allocator()
        var extensions: UnsafeMutablePointer<cmark_llist>?
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                extensions = cmark_llist_append(allocator, extensions, UnsafeMutableRawPointer(ext))
            }
        }
        defer { cmark_llist_free(allocator, extensions) }

        if demotion > 0 { Self.demoteHeadings(in: root, by: demotion) }

        var blocks: [MarkdownBlock] = []
        var node = cmark_node_first_child(root)
        while let current = node {
            var block = block(from: current, extensions: extensions)
            block.markdown = rewritten[current]
            blocks.append(block)
            node = cmark_node_next(current)
        }
        return MarkdownDocument(blocks: blocks)
    }

    /// Parses `source` into a tree of Swift values, for renderers other than HTML (the plain text
    /// and chat formats of `herald notify`). Links and images with a scheme that is not allowed
    /// have an empty URL, as in the HTML.
    ///
    /// - Parameters:
    ///   - source: Markdown text (GFM).
    ///   - base: As for `parse(_:base:)`.
    /// - Returns: The document node; no C memory is kept.
    package func parseNodes(_ source: String, base: URL? = nil) -> MarkdownNode {
        guard let (root, _) = parseTree(source, base: base) else { return MarkdownNode(kind: .document) }
        defer { cmark_node_free(root) }
        return Self.node(from: root)
    }

    /// Copies a C node and its descendants into Swift values.
    private static func node(from pointer: OpaquePointer) -> MarkdownNode {
        func string(_ value: UnsafePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        let kind: MarkdownNode.Kind
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(pointer)))
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            kind = .list(
                ordered: cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(pointer))
            )
        case CMARK_NODE_ITEM:
            let isTask = string(cmark_node_get_type_string(pointer)) == "tasklist"
            kind = .item(checked: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(pointer) : nil)
        case CMARK_NODE_CODE_BLOCK: kind = .codeBlock(string(cmark_node_get_literal(pointer)))
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: kind = .html
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_TEXT: kind = .text(string(cmark_node_get_literal(pointer)))
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE: kind = .code(string(cmark_node_get_literal(pointer)))
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK: kind = .link(url: string(cmark_node_get_url(pointer)))
        case CMARK_NODE_IMAGE: kind = .image(url: string(cmark_node_get_url(pointer)))
        default:
            switch string(cmark_node_get_type_string(pointer)) {
            case "strikethrough": kind = .strikethrough
            case "table": kind = .table
            case "table_header", "table_row":
                kind = .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(pointer) != 0)
            case "table_cell": kind = .tableCell
            case let name: kind = .other(name)
            }
        }
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(pointer)
        while let current = child {
            children.append(node(from: current))
            child = cmark_node_next(current)
        }
        return MarkdownNode(kind: kind, children: children)
    }

    /// Parses `source` with the extensions attached, unsafe URLs removed and relative ones
    /// resolved against `base`; the caller frees the returned root with `cmark_node_free` before
    /// it returns. Also returns the links and images whose URL was made absolute.
    private func parseTree(_ source: String, base: URL?) -> (root: OpaquePointer, resolved: [OpaquePointer])? {
        let options = parseOptions
        let names = Self.extensionNames
        // Only feed and finish need the lock; the tree they return belongs to this call alone.
        let root: OpaquePointer? = Self.parseLock.withLock { _ in
            cmark_gfm_core_extensions_ensure_registered()
            guard let parser = cmark_parser_new(options) else { return nil }
            defer { cmark_parser_free(parser) }
            for name in names {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            var text = source
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return cmark_parser_finish(parser)
        }
        guard let root else { return nil }
        return (root, Self.checkURLs(in: root, base: base))
    }

    /// Renders `source` as one HTML fragment.
    ///
    /// - Parameter source: Markdown text (GFM).
    /// - Returns: Safe HTML.
    package func renderHTML(_ source: String) -> String {
        parse(source).html
    }

    private func block(from node: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?) -> MarkdownBlock {
        var html: String
        if let rendered = cmark_render_html(node, renderOptions, extensions) {
            html = String(cString: rendered)
            cmark_get_default_mem_allocator().pointee.free(rendered)
        } else {
            html = ""
        }
        if cmark_node_get_type(node) == CMARK_NODE_LIST { html = Self.labelingTaskCheckboxes(html) }
        return MarkdownBlock(
            kind: Self.kind(of: node),
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            plainText: Self.plainText(of: node),
            html: html
        )
    }

    private static func kind(of node: OpaquePointer) -> MarkdownBlock.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        default:
            let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? "unknown"
            return name == "table" ? .table : .other(name)
        }
    }

    /// The concatenated text of a node's inline content: text and code literals, breaks as spaces.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// Renders headings of level 3 and below `offset` levels lower, up to level 6.
    private static func demoteHeadings(in root: OpaquePointer, by offset: Int32) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_HEADING
            else { continue }
            let level = cmark_node_get_heading_level(node)
            if level >= 3 { cmark_node_set_heading_level(node, min(6, level + offset)) }
        }
    }

    /// cmark-gfm renders task-list items as bare disabled checkboxes, which have no accessible
    /// name; give each one that says whether the task is done.
    static func labelingTaskCheckboxes(_ html: String) -> String {
        // Most documents have no task list; one scan for `<input` spares them two replacements.
        guard containsInput(html) else { return html }
        return html.replacing(
            "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
            with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" />"
        ).replacing(
            "<input type=\"checkbox\" disabled=\"\" />",
            with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />"
        )
    }

    /// Whether `html` contains `<input`, by a plain byte scan (the generic `firstRange(of:)` costs
    /// more than the parsing).
    static func containsInput(_ html: String) -> Bool {
        let pattern = Array("<input".utf8)
        let bytes = html.utf8
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: pattern[0]) {
            var candidate = open
            var matched = 0
            while matched < pattern.count, candidate < bytes.endIndex, bytes[candidate] == pattern[matched] {
                matched += 1
                candidate = bytes.index(after: candidate)
            }
            if matched == pattern.count { return true }
            index = bytes.index(after: open)
        }
        return false
    }

    /// Removes URLs whose scheme is not allowed from every link and image in the tree.
    /// Empties link and image URLs whose scheme is not allowed, and makes relative ones absolute
    /// against `base`.
    ///
    /// - Returns: The links and images whose URL was made absolute.
    private static func checkURLs(in root: OpaquePointer, base: URL?) -> [OpaquePointer] {
        var resolvedNodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(root) else { return resolvedNodes }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                let url = cmark_node_get_url(node)
            else { continue }
            let text = String(cString: url)
            if !isAllowed(url: text) {
                cmark_node_set_url(node, "")
            } else if let base, let resolved = resolved(text, against: base) {
                cmark_node_set_url(node, resolved)
                resolvedNodes.append(node)
            }
        }
        return resolvedNodes
    }

    /// `url` made absolute against `base` when it has no scheme; nil when it has one, is empty, or
    /// Foundation cannot read it (it is then kept as written).
    static func resolved(_ url: String, against base: URL) -> String? {
        guard !url.isEmpty, !hasScheme(url) else { return nil }
        return URL(string: url, relativeTo: base)?.absoluteString
    }

    private static func hasScheme(_ url: String) -> Bool {
        for scalar in url.unicodeScalars {
            if scalar == ":" { return true }
            if scalar == "/" || scalar == "?" || scalar == "#" { return false }
        }
        return false
    }

    /// Whether a link target may appear in the output: no scheme (relative or fragment), or an
    /// allowed one. Browsers ignore ASCII whitespace and control characters inside a scheme, so
    /// they are removed before the scheme is read.
    static func isAllowed(url: String) -> Bool {
        let cleaned = url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        var scheme = ""
        for scalar in cleaned {
            if scalar == ":" { return allowedURLSchemes.contains(scheme.lowercased()) }
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }
}
