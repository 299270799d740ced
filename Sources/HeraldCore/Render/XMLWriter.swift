/// Writes well-formed XML: every text and attribute value goes through `escape`, elements are
/// closed in order, and characters XML 1.0 forbids are dropped.
struct XMLWriter {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    private var open: [String] = []

    /// Opens an element; close it with `close()`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        output += indentation + "<" + name + Self.render(attributes) + ">\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func close() {
        guard let name = open.popLast() else { return }
        output += indentation + "</" + name + ">\n"
    }

    /// An element with text content.
    mutating func element(_ name: String, _ text: String, _ attributes: [(String, String)] = []) {
        output += indentation + "<" + name + Self.render(attributes) + ">" + Self.escape(text) + "</" + name + ">\n"
    }

    /// An element without content.
    mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        output += indentation + "<" + name + Self.render(attributes) + "/>\n"
    }

    /// The document, with every element closed.
    mutating func finish() -> String {
        while !open.isEmpty { close() }
        return output
    }

    private var indentation: String { String(repeating: "  ", count: open.count) }

    private static func render(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed =
                    (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                if allowed { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
