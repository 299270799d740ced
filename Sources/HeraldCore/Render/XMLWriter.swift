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
    ///
    /// Works on the UTF-8 bytes: a character XML forbids is a C0 control other than tab, line
    /// feed and carriage return, or U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`); a Swift string
    /// holds no surrogates. Text without any of them or of the five escaped characters, as most
    /// is, comes back as it is.
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: needsCare) else { return text }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;".utf8
            case UInt8(ascii: "<"): result += "&lt;".utf8
            case UInt8(ascii: ">"): result += "&gt;".utf8
            case UInt8(ascii: "\""): result += "&quot;".utf8
            case UInt8(ascii: "'"): result += "&apos;".utf8
            case 0x09, 0x0A, 0x0D: result.append(byte)
            case ..<0x20: continue
            case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBF && bytes[index + 1] >= 0xBE:
                index += 2
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    @inline(__always)
    private static func needsCare(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF:
            true
        default: byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
        }
    }
}
