/// The text of `<meta name="description">` for a page made from its content: search results and
/// link previews show it, so each page says what it is about instead of repeating the site's
/// description.
enum PageDescription {
    /// Search engines show about 155 characters.
    static let limit = 155

    /// The text of `html` (cmark-gfm's safe output) without tags, with the five entities Herald's
    /// escaping and cmark-gfm write decoded and runs of white space made one space, cut at a word
    /// before `limit` characters with "…".
    static func text(ofHTML html: String, limit: Int = limit) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">" where inTag:
                inTag = false
                text.append(" ")
            default: if !inTag { text.append(character) }
            }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return shortened(text, limit: limit)
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
