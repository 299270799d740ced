/// A parsed Markdown document, copied out of cmark-gfm into Swift values.
///
/// Herald only needs the top level of the tree: update sections are level-2 headings at the top
/// level, and everything between two of them belongs to the update above. Each block carries its
/// rendered HTML, so callers can join any run of blocks without touching C again.
package struct MarkdownDocument: Sendable, Equatable {
    /// The top-level blocks in source order.
    package var blocks: [MarkdownBlock]

    /// Creates a document from its blocks.
    package init(blocks: [MarkdownBlock]) {
        self.blocks = blocks
    }

    /// The HTML of all blocks, in order.
    package var html: String {
        blocks.map(\.html).joined()
    }
}

/// One top-level block of a Markdown document.
package struct MarkdownBlock: Sendable, Equatable {
    /// What kind of block this is.
    package enum Kind: Sendable, Equatable {
        /// An ATX or setext heading with its level (1 to 6).
        case heading(level: Int)
        /// A paragraph.
        case paragraph
        /// A bullet, ordered or task list.
        case list
        /// A fenced or indented code block.
        case codeBlock
        /// A raw HTML block (omitted from the HTML in safe mode).
        case htmlBlock
        /// A thematic break (`---`).
        case thematicBreak
        /// A block quote.
        case blockQuote
        /// A GFM table.
        case table
        /// Any other block, named by cmark-gfm's type string.
        case other(String)
    }

    /// The kind of block.
    package var kind: Kind
    /// The 1-based line where the block starts in the parsed text.
    package var startLine: Int
    /// The 1-based column where the block starts.
    package var startColumn: Int
    /// The 1-based line where the block ends.
    package var endLine: Int
    /// The block's text without markup (for headings: the heading's words).
    package var plainText: String
    /// The block rendered as HTML in safe mode.
    package var html: String
    /// The block rewritten as CommonMark when a link or image in it was made absolute against the
    /// parse's base; nil when its text as written is right.
    package var markdown: String?

    /// Creates a block.
    package init(
        kind: Kind,
        startLine: Int,
        startColumn: Int,
        endLine: Int,
        plainText: String,
        html: String,
        markdown: String? = nil
    ) {
        self.kind = kind
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.plainText = plainText
        self.html = html
        self.markdown = markdown
    }
}
