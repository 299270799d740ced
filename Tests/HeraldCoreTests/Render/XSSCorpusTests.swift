import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The XSS corpus (`Tests/Fixtures/xss`: payloads from public cheat sheets in titles, summaries,
/// updates, component names, descriptions and config strings) builds into a site whose markup
/// contains no element, handler or URL that came from the payloads. CI also loads these pages in
/// headless Chromium with the CSP bypassed (`Tests/clients/check_xss.py`).
struct XSSCorpusTests {
    static let fixture = Fixture.repositoryRoot.appendingPathComponent("Tests/Fixtures/xss")

    func buildCorpus() async throws -> [String: Data] {
        let root = try Fixture.temporaryFolder()
        for name in ["herald.yml", "incidents"] {
            try FileManager.default.copyItem(
                at: Self.fixture.appendingPathComponent(name),
                to: root.appendingPathComponent(name)
            )
        }
        try FileManager.default.copyItem(
            at: Fixture.repositoryRoot.appendingPathComponent("theme"),
            to: root.appendingPathComponent("theme")
        )
        let output = root.appendingPathComponent("site")
        _ = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
        return try Fixture.files(in: output)
    }

    static let forbiddenElements: Set<String> = [
        "script", "iframe", "object", "embed", "svg", "math", "style", "base", "form", "frame", "frameset", "applet",
        "textarea", "input",
    ]

    @Test func noPayloadSurvivesAsMarkup() async throws {
        let files = try await buildCorpus()
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 10)
        let tagPattern = try Regex(#"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*/?>"#)
        let attributePattern = try Regex(#"\s+([^\s=>]+)(?:="([^"]*)")?"#)
        var tags = 0
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            for match in html.matches(of: tagPattern) {
                tags += 1
                let name = String(html[match.output[1].range!]).lowercased()
                #expect(
                    !Self.forbiddenElements.contains(name) || Self.allowed(name, in: html[match.range]),
                    "\(path): <\(name)>")
                guard let attributesRange = match.output[2].range else { continue }
                let attributes = html[attributesRange]
                for attribute in attributes.matches(of: attributePattern) {
                    let attributeName = String(attributes[attribute.output[1].range!]).lowercased()
                    #expect(!attributeName.hasPrefix("on"), "\(path): handler \(attributeName) in <\(name)>")
                    guard ["href", "src", "action", "formaction", "srcdoc", "xlink:href"].contains(attributeName),
                        let valueRange = attribute.output[2].range
                    else { continue }
                    let value = String(attributes[valueRange]).lowercased().filter { $0.isLetter || $0 == ":" }
                    for scheme in ["javascript:", "vbscript:", "data:"] {
                        #expect(!value.hasPrefix(scheme), "\(path): \(attributeName)=\(attributes[valueRange])")
                    }
                }
            }
        }
        #expect(tags > 1000)
        let controls = pages.filter { _, data in
            data.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }
        #expect(controls.isEmpty, "control characters in \(controls.keys.sorted())")
    }

    /// Task-list checkboxes are cmark-gfm's own disabled inputs, not content; the only script is
    /// the theme's own file (the payloads come through titles and text, never the theme).
    static func allowed(_ name: String, in tag: Substring) -> Bool {
        if name == "script" {
            // The theme's own optional script, from the site's assets with its content hash, deferred,
            // with escaped data attributes (fresh.js's version and words).
            return tag.wholeMatch(
                of:
                    #/<script src="(?:\./|(?:\.\./)+|/)assets/[a-z0-9_-]+\.js\?v=[0-9a-f]+" defer(?: data-[a-z-]+="[^"<>]*")*>/#
            ) != nil
        }
        return name == "input" && tag.contains("type=\"checkbox\"") && tag.contains("disabled")
    }

    @Test func feedsStayWellFormed() async throws {
        let files = try await buildCorpus()
        let feeds = files.filter { $0.key.hasSuffix(".rss") || $0.key.hasSuffix(".atom") }
        #expect(feeds.count >= 2)
        for (path, data) in feeds {
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(path): \(parser.parserError.map { "\($0)" } ?? "")")
        }
        for (path, data) in files where path.hasSuffix("feed.json") {
            #expect(throws: Never.self, "\(path)") { try JSONSerialization.jsonObject(with: data) }
        }
    }
}
