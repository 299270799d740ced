/// A node of a parsed Markdown document with its children, copied out of cmark-gfm, for
/// renderers written in Swift (such as the chat formats of `herald notify`).
package struct MarkdownNode: Sendable, Equatable {
    /// What a node is.
    package enum Kind: Sendable, Equatable {
        case document
        case paragraph
        case heading(level: Int)
        case blockQuote
        /// A list; `start` is the first number of an ordered list.
        case list(ordered: Bool, start: Int)
        /// A list item; `checked` is set for task-list items.
        case item(checked: Bool?)
        /// A code block with its text.
        case codeBlock(String)
        /// Raw HTML, block or inline (never rendered: Herald renders in safe mode).
        case html
        case thematicBreak
        case table
        case tableRow(header: Bool)
        case tableCell
        /// Literal text.
        case text(String)
        case softBreak
        case lineBreak
        /// Inline code with its text.
        case code(String)
        case emphasis
        case strong
        case strikethrough
        /// A link; the URL is empty when its scheme is not allowed.
        case link(url: String)
        /// An image; the URL is empty when its scheme is not allowed.
        case image(url: String)
        /// Any other node, named by cmark-gfm's type string.
        case other(String)
    }

    /// The node's kind.
    package var kind: Kind
    /// The node's children in document order.
    package var children: [MarkdownNode]

    /// Creates a node.
    package init(kind: Kind, children: [MarkdownNode] = []) {
        self.kind = kind
        self.children = children
    }
}
