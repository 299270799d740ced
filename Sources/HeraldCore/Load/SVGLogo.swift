/// Checks an SVG logo before it is published.
///
/// The logo is served from the status site's own origin, and a reader who opens it directly gets
/// an SVG document, in which scripts run with that origin's rights; a host that sends no
/// Content-Security-Policy header (GitHub Pages) does not stop them. So an SVG logo that could
/// run code or load anything is refused, with an error at each thing found; it is not cleaned,
/// because a cleaner must understand every way SVG and XML can hide markup, and a refusal only
/// has to be sure. Refused:
///
/// - elements that run code or embed other documents: `script`, `foreignObject`, `iframe`,
///   `embed`, `object`, `handler`, and anything in the XHTML namespace;
/// - event-handler attributes (`on…`), and animations that set one or a link (`attributeName`);
/// - references to anything but the logo itself: `href`, `xlink:href` and `src` values, and
///   `url(…)`, that start with neither `#` nor `data:image/`; `javascript:` anywhere; `@import`;
/// - what could hide any of that from this check: entity declarations, processing instructions
///   other than the XML declaration (`xml-stylesheet`), backslash escapes in CSS, and text that
///   is not UTF-8.
///
/// Names are compared without letter case and namespace prefix, and attribute values after their
/// character references are decoded, so that a spelling the browser reads the same way is
/// refused too. A file the check misreads is malformed XML, which browsers do not render.
package struct SVGLogo: Sendable {
    /// The most problems reported for one file; the rest are counted.
    static let maximumProblems = 20
    /// The largest SVG logo accepted, in bytes: logos are a few kilobytes, and the check reads
    /// every character (a 1 MiB file of tags takes well under a second).
    package static let maximumSize = 1 << 20
    /// Elements that run code or embed another document.
    static let forbiddenElements: Set<String> = ["script", "foreignobject", "iframe", "embed", "object", "handler"]
    /// Attributes whose value is a reference.
    static let referenceAttributes: Set<String> = ["href", "src"]

    /// The logo, named by its path relative to the site's folder.
    let file: SourceFile

    /// Checks an SVG logo.
    ///
    /// - Parameters:
    ///   - bytes: The file.
    ///   - path: Its path relative to the site's folder.
    /// - Returns: An error for each thing that is refused, empty when the logo is safe to publish.
    package static func problems(in bytes: [UInt8], path: String) -> [Diagnostic] {
        guard bytes.count <= maximumSize else {
            return [
                Diagnostic(
                    at: SourceLocation(path: path),
                    "an SVG logo is at most \(maximumSize) bytes (1 MiB), and this one has \(bytes.count); embed no"
                        + " large images in it, or use a PNG")
            ]
        }
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
            return [
                Diagnostic(at: SourceLocation(path: path), "an SVG logo must be UTF-8 text; save it as UTF-8")
            ]
        }
        return SVGLogo(file: SourceFile(path: path, text: text)).problems()
    }

    /// Walks the markup once: comments are skipped, tags are read with their attributes, and the
    /// rest (text, CDATA) is checked as CSS could be.
    func problems() -> [Diagnostic] {
        var found: [Diagnostic] = []
        let scalars = Array(file.text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        var inStyle = false
        func report(_ at: Int, _ message: String) {
            found.append(file.diagnostic(line: line, column: at - lineStart + 1, message))
        }
        // Moves `index` to `end`, counting lines.
        func advance(to end: Int) {
            while index < end {
                if scalars[index] == "\n" {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
        }
        while index < scalars.count, found.count < Self.maximumProblems {
            guard scalars[index] == "<" else {
                let end = scalars[index...].firstIndex(of: "<") ?? scalars.count
                checkText(scalars, from: index, to: end, style: inStyle, report: report, advance: advance)
                continue
            }
            let start = index
            if Self.starts(scalars, at: start, with: "<!--") {
                let end = Self.find(scalars, "-->", from: start + 4).map { $0 + 3 } ?? scalars.count
                advance(to: end)
            } else if Self.starts(scalars, at: start, with: "<![CDATA[") {
                advance(to: start + 9)
                let end = Self.find(scalars, "]]>", from: index) ?? scalars.count
                checkText(scalars, from: index, to: end, style: inStyle, report: report, advance: advance)
                advance(to: min(end + 3, scalars.count))
            } else if Self.starts(scalars, at: start, with: "<!") {
                let end = Self.tagEnd(scalars, from: start)
                if Self.find(scalars, "<!entity", from: start, before: end, caseless: true) != nil
                    || Self.starts(scalars, at: start, with: "<!entity", caseless: true)
                {
                    report(start, "the logo declares an XML entity, which can hide markup; remove the declaration")
                }
                advance(to: end)
            } else if Self.starts(scalars, at: start, with: "<?") {
                let end = Self.find(scalars, "?>", from: start).map { $0 + 2 } ?? scalars.count
                let isDeclaration =
                    Self.starts(scalars, at: start, with: "<?xml", caseless: true)
                    && start + 5 < scalars.count && [" ", "\t", "\n", "\r"].contains(scalars[start + 5])
                if !isDeclaration {
                    report(start, "the logo has a processing instruction (such as xml-stylesheet); remove it")
                }
                advance(to: end)
            } else {
                let end = Self.tagEnd(scalars, from: start)
                let tag = Tag(scalars[start..<end])
                if tag.isClosing {
                    if tag.localName == "style" { inStyle = false }
                } else {
                    if Self.forbiddenElements.contains(tag.localName) {
                        report(start, "the logo has a <\(tag.name)> element, which could run code on the status site")
                    }
                    if tag.localName == "style", !tag.isSelfClosing { inStyle = true }
                }
                for attribute in tag.attributes {
                    guard let problem = Self.problem(with: attribute) else { continue }
                    // Attributes may be on later lines than the tag's `<`.
                    advance(to: start + attribute.offset)
                    report(index, problem)
                }
                advance(to: end)
            }
        }
        if found.count >= Self.maximumProblems {
            found.append(
                Diagnostic(
                    at: SourceLocation(path: file.path),
                    "the logo has more problems; only the first \(Self.maximumProblems) are listed"))
        }
        return found
    }

    /// Checks text or CDATA, which a browser reads as CSS inside `<style>`.
    private func checkText(
        _ scalars: [Unicode.Scalar], from start: Int, to end: Int, style: Bool,
        report: (Int, String) -> Void, advance: (Int) -> Void
    ) {
        let text = String(String.UnicodeScalarView(scalars[start..<end]))
        if let problem = Self.cssProblem(text, style: style) { report(start, problem) }
        advance(end)
    }

    /// What is wrong with an attribute, if anything.
    static func problem(with attribute: Tag.Attribute) -> String? {
        let name = attribute.localName
        let value = decode(attribute.value)
        let lowered = String(value.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
        if name.hasPrefix("on") {
            return "the logo has the event-handler attribute \(attribute.name), which could run code"
        }
        if attribute.name.lowercased().hasPrefix("xmlns"), lowered.contains("www.w3.org/1999/xhtml") {
            return "the logo uses the XHTML namespace, whose elements could run code or load pages"
        }
        if referenceAttributes.contains(name), !isLocal(lowered) {
            return "the logo's \(attribute.name) refers to '\(value)'; a logo may refer only to itself (#id) or"
                + " to data:image/ URLs"
        }
        if name == "attributename", lowered.hasPrefix("on") || referenceAttributes.contains(localPart(lowered)) {
            return "the logo animates the attribute '\(value)', which could run code or load a page"
        }
        if lowered.contains("javascript:") {
            return "the logo's \(attribute.name) holds a javascript: URL"
        }
        return cssProblem(value, style: name == "style")
    }

    /// What is wrong with CSS (or text that may be CSS), if anything.
    static func cssProblem(_ text: String, style: Bool) -> String? {
        let lowered = text.lowercased()
        if lowered.contains("@import") { return "the logo imports a stylesheet (@import)" }
        if style, text.contains("\\") {
            return "the logo's CSS has a backslash escape, which could hide a reference; write the characters"
        }
        var rest = lowered[...]
        while let range = rest.range(of: "url(") {
            let argument = rest[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\t" }
            if !isLocal(String(argument.prefix(11))) {
                return "the logo refers to a URL in url(…); a logo may refer only to itself (#id) or to data:image/"
                    + " URLs"
            }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    /// Whether a reference stays inside the logo.
    static func isLocal(_ lowered: String) -> Bool {
        lowered.hasPrefix("#") || lowered.hasPrefix("data:image/")
    }

    /// `name` without a namespace prefix.
    static func localPart(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    /// An attribute value with its character references (`&#106;`, `&#x6A;`, `&amp;`) decoded.
    static func decode(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var result = ""
        var rest = value[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else {
                result += rest[amp...]
                return result
            }
            let entity = rest[rest.index(after: amp)..<semicolon]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let text = named[String(entity)] {
                result += text
            } else if entity.hasPrefix("#"), let scalar = numericScalar(entity.dropFirst()) {
                result.unicodeScalars.append(scalar)
            } else {
                result += rest[amp...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func numericScalar(_ digits: Substring) -> Unicode.Scalar? {
        let hex = digits.first == "x" || digits.first == "X"
        guard let value = UInt32(hex ? digits.dropFirst() : digits, radix: hex ? 16 : 10) else { return nil }
        return Unicode.Scalar(value)
    }

    /// Whether `text` is at `index`.
    static func starts(_ scalars: [Unicode.Scalar], at index: Int, with text: String, caseless: Bool = false) -> Bool {
        let pattern = Array(text.unicodeScalars)
        guard index + pattern.count <= scalars.count else { return false }
        for (offset, scalar) in pattern.enumerated() {
            let found = scalars[index + offset]
            if caseless ? lowered(found) != lowered(scalar) : found != scalar { return false }
        }
        return true
    }

    private static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    /// The first index of `text` from `start` (and before `end`), if any.
    static func find(
        _ scalars: [Unicode.Scalar], _ text: String, from start: Int, before end: Int? = nil, caseless: Bool = false
    ) -> Int? {
        var index = start
        let limit = end ?? scalars.count
        while index < limit {
            if starts(scalars, at: index, with: text, caseless: caseless) { return index }
            index += 1
        }
        return nil
    }

    /// The index after the `>` that ends the tag starting at `start`, skipping quoted values.
    static func tagEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start + 1
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return index + 1
            }
            index += 1
        }
        return scalars.count
    }
}
