import Foundation
import Testing

@testable import HeraldCore

/// An SVG logo is published on the status site's origin, so one that could run code or load
/// anything is refused, with an error at what was found.
struct SVGLogoTests {
    static func problems(_ svg: String) -> [Diagnostic] {
        SVGLogo.problems(in: Array(svg.utf8), path: "branding/logo.svg")
    }

    static let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"

    @Test(arguments: [
        ("<script>alert(1)</script>", 1, "a <script> element"),
        ("<svg:script>alert(1)</svg:script>", 1, "a <svg:script> element"),
        ("<SCRIPT>alert(1)</SCRIPT>", 1, "a <SCRIPT> element"),
        ("<foreignObject><div/></foreignObject>", 1, "a <foreignObject> element"),
        ("<rect onclick=\"alert(1)\"/>", 7, "event-handler attribute onclick"),
        ("<rect\n  ONLOAD = 'alert(1)'/>", 3, "event-handler attribute ONLOAD"),
        ("<a xlink:href=\"javascript:alert(1)\"/>", 4, "xlink:href refers to 'javascript:alert(1)'"),
        ("<a href=\"&#106;avascript:alert(1)\"/>", 4, "href refers to 'javascript:alert(1)'"),
        ("<a href=\" java\tscript:alert(1)\"/>", 4, "href refers to"),
        ("<image href=\"https://tracker.example/x.png\"/>", 8, "href refers to 'https://tracker.example/x.png'"),
        ("<use href=\"other.svg#a\"/>", 6, "href refers to 'other.svg#a'"),
        ("<set attributeName=\"href\" to=\"#a\"/>", 6, "animates the attribute 'href'"),
        ("<animate attributeName=\"onbegin\" values=\"1\"/>", 10, "animates the attribute 'onbegin'"),
        ("<rect style=\"fill:url(https://x.example/a)\"/>", 7, "refers to a URL in url("),
        ("<rect fill=\"url( 'https://x.example/#a' )\"/>", 7, "refers to a URL in url("),
        ("<rect style=\"fill:u\\72l(https://x)\"/>", 7, "backslash escape"),
        ("<style>@import 'https://x.example/a.css';</style>", 8, "imports a stylesheet"),
        ("<style><![CDATA[ a { fill: url(https://x) } ]]></style>", 17, "refers to a URL in url("),
        ("<?xml-stylesheet href=\"https://x.example/a.xsl\"?>", 1, "processing instruction"),
        ("<x:a xmlns:x=\"http://www.w3.org/1999/xhtml\"/>", 6, "XHTML namespace"),
        ("<iframe src=\"https://x\"/>", 1, "a <iframe> element"),
    ])
    func refusesWhatCouldRunCodeOrLoadAnything(markup: String, column: Int, message: String) throws {
        let found = Self.problems(Self.open + markup + "\n</svg>\n")
        let first = try #require(found.first)
        #expect(first.message.contains(message), "\(first.message)")
        #expect(first.location.path == "branding/logo.svg")
        #expect(first.location.line == (markup.hasPrefix("<rect\n") ? 3 : 2))
        #expect(first.location.column == column, "\(first.formatted)")
    }

    @Test func refusesEntityDeclarationsThatCouldHideMarkup() {
        let found = Self.problems(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY s \"&#60;script&#62;alert(1)&#60;/script&#62;\">]>\n"
                + Self.open + "&s;</svg>\n")
        #expect(
            found.map(\.headline).first?.hasPrefix("branding/logo.svg:2:1: error: the logo declares an XML entity")
                == true)
    }

    @Test func acceptsAPlainLogo() {
        let logo = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- Exported: <script> in a comment is no script -->
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 32 32">
            <title>Acme &amp; Co</title>
            <defs><linearGradient id="g"><stop offset="0" stop-color="#0a7d4f"/></linearGradient></defs>
            <style>.a { fill: url(#g) } @media (prefers-color-scheme: dark) { .a { fill: #fff } }</style>
            <rect class="a" width="32" height="32" style="stroke: url('#g')"/>
            <use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/>
            <a href="#top"><text x="1" y="20">Acme</text></a>
            </svg>
            """
        #expect(Self.problems(logo).map(\.formatted) == [])
    }

    @Test func refusesTextThatIsNotUTF8() {
        let found = SVGLogo.problems(in: [0xFF, 0xFE, 0x3C, 0x00], path: "logo.svg")
        #expect(found.map(\.message) == ["an SVG logo must be UTF-8 text; save it as UTF-8"])
    }

    @Test func refusesALogoOverOneMebibyte() {
        let found = SVGLogo.problems(in: Array(repeating: 0x20, count: SVGLogo.maximumSize + 1), path: "logo.svg")
        #expect(found.map(\.message).first?.hasPrefix("an SVG logo is at most 1048576 bytes (1 MiB)") == true)
    }

    /// A hostile file is read once, whatever it holds.
    @Test func stopsAfterTwentyProblems() {
        let found = Self.problems(Self.open + String(repeating: "<script/>", count: 10_000))
        #expect(found.count == SVGLogo.maximumProblems + 1)
        #expect(found.last?.message.contains("only the first 20") == true)
    }
}
