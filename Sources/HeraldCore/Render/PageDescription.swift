/// The text of `<meta name="description">` for a page made from its content: search results and
/// link previews show it, so each page says what it is about instead of repeating the site's
/// description.
enum PageDescription {
    /// Search engines show about 155 characters.
    static let limit = 155

    /// The text of `html` (cmark-gfm's safe output) without tags, with the five entities Herald's
    /// escaping and cmark-gfm write decoded and runs of white space made one space, cut at a word
    /// before `limit` characters with "…".
    ///
    /// One pass over the bytes that stops at the limit: every incident page has a description,
    /// and doing this with `Character`s and `replacingOccurrences` over whole updates was a
    /// quarter of a 10,000-incident build. Characters are counted as Unicode scalars.
    static func text(ofHTML html: String, limit: Int = limit) -> String {
        var html = html
        return html.withUTF8 { text(ofHTML: $0, limit: limit) }
    }

    /// The tags cmark-gfm writes that begin or end a block of text.
    private static let blockTags: Set<[UInt8]> = Set(
        [
            "p", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "table",
            "thead",
            "tbody", "tr", "td", "th", "div", "input",
        ].map { Array($0.utf8) })

    private static let entities: [(bytes: [UInt8], byte: UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")),
        (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    private static func text(ofHTML html: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(html.count, limit * 4 + 8))
        var characters = 0
        var lastSpace: Int?
        var pendingSpace = false
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
                    // A block ends or starts a word; inline markup (`<strong>`, `<a>`) does not.
                    if blockTags.contains(tagName) { pendingSpace = true }
                } else if readingName {
                    if byte == UInt8(ascii: "/") && tagName.isEmpty { continue }
                    if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    {
                        tagName.append(byte)
                    } else {
                        readingName = false
                    }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "<"):
                inTag = true
                readingName = true
                tagName.removeAll(keepingCapacity: true)
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                pendingSpace = true
                continue
            case UInt8(ascii: "&"):
                for entity in entities
                where html.count - index + 1 >= entity.bytes.count
                    && html[(index - 1)..<(index - 1 + entity.bytes.count)].elementsEqual(entity.bytes)
                {
                    byte = entity.byte
                    index += entity.bytes.count - 1
                    break
                }
            default: break
            }
            let startsCharacter = byte & 0xC0 != 0x80
            if startsCharacter {
                if pendingSpace && !out.isEmpty {
                    lastSpace = out.count
                    out.append(UInt8(ascii: " "))
                    characters += 1
                }
                pendingSpace = false
                if characters >= limit - 1 {
                    // One more character would leave no room for "…": cut at the last word.
                    let end = lastSpace ?? out.count
                    return String(decoding: out[..<end], as: UTF8.self) + "…"
                }
                characters += 1
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with white space collapsed, cut at a word before `limit` characters with "…".
    static func shortened(_ text: String, limit: Int = limit) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var result = ""
        for word in words {
            let next = result.isEmpty ? String(word) : result + " " + word
            if next.count > limit - 1 {
                return result.isEmpty ? String(next.prefix(limit - 1)) + "…" : result + "…"
            }
            result = next
        }
        return result
    }
}
