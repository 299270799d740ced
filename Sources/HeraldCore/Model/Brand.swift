import Foundation

/// The operator's brand, from `brand:` in herald.yml.
package struct Brand: Sendable, Hashable {
    /// The brand colour as `#rrggbb` (lowercase), if set.
    package var color: String?
    /// The logo's path relative to the site's root, if set.
    package var logo: String?

    /// Creates a brand.
    package init(color: String? = nil, logo: String? = nil) {
        self.color = color
        self.logo = logo
    }
}

extension Brand {
    /// The colour `#rgb` or `#rrggbb` as `#rrggbb` in lowercase, or nil if it is not one.
    package static func normalizedColor(_ text: String) -> String? {
        guard text.hasPrefix("#") else { return nil }
        let hex = text.dropFirst().lowercased()
        guard hex.allSatisfy(\.isHexDigit), hex.count == 3 || hex.count == 6 else { return nil }
        return "#" + (hex.count == 3 ? hex.map { "\($0)\($0)" }.joined() : hex)
    }

    /// The WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21.
    package static func contrast(_ first: String, _ second: String) -> Double {
        let a = luminance(first)
        let b = luminance(second)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// The WCAG 2 relative luminance of a `#rrggbb` colour.
    static func luminance(_ color: String) -> Double {
        let hex = Array(color.dropFirst())
        func channel(_ offset: Int) -> Double {
            let value = Double(Int(String(hex[offset..<offset + 2]), radix: 16) ?? 0) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        guard hex.count == 6 else { return 0 }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }
}
