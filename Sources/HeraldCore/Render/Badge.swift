/// A shields-style status badge (`badge.svg`): a grey label and a coloured message, both as text
/// so that the status never depends on colour alone, with a `<title>` for screen readers.
struct Badge: Sendable {
    var label: String
    var message: String
    /// The message's background; white text on it meets WCAG AA.
    var color: String

    /// The colour for a component status.
    static func color(for status: ComponentStatus) -> String {
        switch status {
        case .operational: "#1a7f37"
        case .underMaintenance: "#0969da"
        case .degradedPerformance: "#9a6700"
        case .partialOutage: "#bc4c00"
        case .majorOutage: "#cf222e"
        }
    }

    /// The colour for the overall indicator.
    static func color(for indicator: Indicator) -> String {
        switch indicator {
        case .none: color(for: ComponentStatus.operational)
        case .maintenance: color(for: ComponentStatus.underMaintenance)
        case .minor: color(for: ComponentStatus.degradedPerformance)
        case .major: color(for: ComponentStatus.partialOutage)
        case .critical: color(for: ComponentStatus.majorOutage)
        }
    }

    /// The SVG document.
    var svg: String {
        let labelWidth = Self.textWidth(label) + 12
        let messageWidth = Self.textWidth(message) + 12
        let width = labelWidth + messageWidth
        let title = XMLWriter.escape("\(label): \(message)")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="20" role="img" aria-label="\(title)">
            <title>\(title)</title>
            <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
            <clipPath id="r"><rect width="\(width)" height="20" rx="3" fill="#fff"/></clipPath>
            <g clip-path="url(#r)"><rect width="\(labelWidth)" height="20" fill="#555"/><rect x="\(labelWidth)" width="\(messageWidth)" height="20" fill="\(color)"/><rect width="\(width)" height="20" fill="url(#s)"/></g>
            <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
            <text x="\(labelWidth / 2)" y="14">\(XMLWriter.escape(label))</text>
            <text x="\(labelWidth + messageWidth / 2)" y="14">\(XMLWriter.escape(message))</text>
            </g>
            </svg>

            """
    }

    /// An estimate of the text's width in pixels in 11px Verdana, from per-character widths.
    static func textWidth(_ text: String) -> Int {
        var width = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", "!", ".", ",", ":", ";", "'", "|": width += 3.5
            case " ", "f", "t", "r", "(", ")", "[", "]", "-": width += 4.5
            case "m", "w", "M", "W": width += 10.5
            case let c where c.isUppercase: width += 7.5
            default: width += 6.8
            }
        }
        return Int(width.rounded(.up))
    }
}
