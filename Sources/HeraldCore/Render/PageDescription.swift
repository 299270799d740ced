/// The text of `<meta name="description">` for a page made from its content: search results and
/// link previews show it, so each page says what it is about instead of repeating the site's
/// description.
///
/// Plain text and HTML go through one cut (`Cut`): runs of white space become one space, and the
/// text ends at the last word that fits before `limit` characters, with "…". It works on bytes
/// and stops at the limit: every incident page has a description, and doing this with
/// `Character`s and `replacingOccurrences` over whole updates was a quarter of a 10,000-incident
/// build. Characters are counted as Unicode scalars.
enum PageDescription {
    /// Search engines show about 155 characters.
    static let limit = 155

    /// `text` with white space collapsed, cut at a word before `limit` characters with "…".
    static func shortened(_ text: String, limit: Int = limit) -> String {
        var cut = Cut(limit: limit)
        for byte in text.utf8 {
            if isSpace(byte) {
                cut.space()
            } else if !cut.append(byte) {
                break
            }
        }
        return cut.text
    }

    /// The text of `html` (cmark-gfm's safe output) without tags and with the five entities
    /// Herald's escaping and cmark-gfm write decoded, cut as `shortened(_:limit:)` cuts. A block
    /// tag (`<p>`, `<li>`) separates words; inline markup (`<strong>`, `<a>`) does not.
    static func text(ofHTML html: String, limit: Int = limit) -> String {
        var html = html
        return html.withUTF8 { text(ofHTML: $0, limit: limit) }
    }

    /// The tags cmark-gfm writes that begin or end a block of text.
    private static let blockTags: Set<[UInt8]> = Set(
        [
            "p", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "table",
            "thead", "tbody", "tr", "td", "th", "div", "input",
        ].map { Array($0.utf8) })

    private static let entities: [(bytes: [UInt8], byte: UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
        (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func text(ofHTML html: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        var cut = Cut(limit: limit)
        var inTag = false
        var tagName: [UInt8] = []
        var readingName = false
        var index = 0
        while index < html.count {
            var byte = html[index]
            index += 1
            if inTag {
                if byte == UInt8(ascii: ">") {
                    inTag = false
                    if blockTags.contains(tagName) { cut.space() }
                } else if readingName {
                    if byte == UInt8(ascii: "/") && tagName.isEmpty { continue }
                    if isNameByte(byte) { tagName.append(byte) } else { readingName = false }
                }
                continue
            }
            if byte == UInt8(ascii: "<") {
                inTag = true
                readingName = true
                tagName.removeAll(keepingCapacity: true)
                continue
            }
            if isSpace(byte) {
                cut.space()
                continue
            }
            if byte == UInt8(ascii: "&") {
                let start = index - 1
                for entity in entities
                where html.count - start >= entity.bytes.count
                    && html[start..<(start + entity.bytes.count)].elementsEqual(entity.bytes)
                {
                    byte = entity.byte
                    index = start + entity.bytes.count
                    break
                }
            }
            if !cut.append(byte) { break }
        }
        return cut.text
    }

    /// Text collected byte by byte: spaces between words only, and the end at the limit.
    private struct Cut {
        let limit: Int
        private var bytes: [UInt8] = []
        private var characters = 0
        private var lastSpace: Int?
        private var pendingSpace = false
        private var ended = false

        init(limit: Int) {
            self.limit = limit
            bytes.reserveCapacity(limit * 4 + 8)
        }

        /// A word break; written only between two words.
        mutating func space() { pendingSpace = true }

        /// Adds a byte of a word; false once the text is full (and then ends in "…").
        mutating func append(_ byte: UInt8) -> Bool {
            if byte & 0xC0 != 0x80 {
                if pendingSpace && !bytes.isEmpty {
                    lastSpace = bytes.count
                    bytes.append(UInt8(ascii: " "))
                    characters += 1
                }
                pendingSpace = false
                if characters >= limit - 1 {
                    // One more character would leave no room for "…": end at the last word.
                    bytes.removeSubrange((lastSpace ?? bytes.count)...)
                    ended = true
                    return false
                }
                characters += 1
            }
            bytes.append(byte)
            return true
        }

        var text: String { String(decoding: bytes, as: UTF8.self) + (ended ? "…" : "") }
    }
}
