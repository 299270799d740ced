import Foundation
import Testing

@testable import HeraldCore

struct XMLWriterTests {
    /// XML 1.0's rule, character by character: what `XMLWriter.escape` must do byte by byte.
    static func reference(_ text: String) -> String {
        var result = ""
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
                if (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000 {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    @Test func escapesAndDropsAsXMLRequires() {
        #expect(
            XMLWriter.escape("Tom & \"Jerry\" <b>'s</b>") == "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&apos;s&lt;/b&gt;")
        #expect(XMLWriter.escape("a\u{0}b\u{1B}c\td\ne\rf") == "abc\td\ne\rf")
        #expect(XMLWriter.escape("\u{FFFE}x\u{FFFF}y\u{FFFD}\u{FF21}") == "xy\u{FFFD}\u{FF21}")
        let plain = "Payments were delayed — 支払い遅延 🙂"
        #expect(XMLWriter.escape(plain) == plain)
    }

    /// Random texts from characters near every boundary agree with the character-by-character rule.
    @Test func agreesWithTheCharacterRule() {
        let pool: [Unicode.Scalar] = [
            "a", "Z", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}",
            "é", "\u{D7FF}", "\u{E000}", "\u{EFFF}", "\u{F000}", "\u{FEFF}", "\u{FFBE}", "\u{FFFD}", "\u{FFFE}",
            "\u{FFFF}", "\u{10000}", "\u{1F642}", "\u{10FFFF}",
        ]
        var generator = SplitMix(seed: 11)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) {
                text.unicodeScalars.append(pool[Int(generator.next() % UInt64(pool.count))])
            }
            #expect(XMLWriter.escape(text) == Self.reference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
