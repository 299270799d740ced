import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The timeline shows the component statuses each update changed, and the affected components
/// show the status now (open) or the worst one (closed).
struct ComponentChangeViewTests {
    static func page(_ renderer: SiteRenderer, slug: String) throws -> String {
        let position = try #require(renderer.site.incidents.firstIndex { $0.slug == slug })
        let file = try #require(try renderer.render(.incident(position)).first)
        return String(decoding: file.data, as: UTF8.self)
    }

    @Test func theSamplesOpenIncidentShowsItsChangeUnderTheUpdate() async throws {
        let root = try Fixture.copyOfSample()
        let html = try Self.page(await Fixture.renderer(root: root), slug: "2026-11-27-delayed-payments")
        let change =
            "<li class=\"status--partial_outage\"><a href=\"../../components/payments/\">Card and bank payments</a>:"
            + " Degraded performance <span aria-hidden=\"true\">→</span><span class=\"visually-hidden\">changed to"
            + "</span> Partial outage</li>"
        #expect(html.contains(change))
        // Under the Identified update, and only there: the first update's statuses are the
        // affected components, and Monitoring changed none.
        let identified = try #require(html.range(of: "id=\"update-20261127T080500Z\""))
        let investigating = try #require(html.range(of: "id=\"update-20261127T074200Z\""))
        let changeRange = try #require(html.range(of: change))
        #expect(identified.upperBound < changeRange.lowerBound && changeRange.upperBound < investigating.lowerBound)
        #expect(html.components(separatedBy: "class=\"update-components\"").count == 2)
        // Open: the affected components show their statuses now.
        #expect(html.contains("Card and bank payments <span class=\"chip-status\">(Partial outage)</span>"))
    }

    @Test func aResolvedIncidentShowsTheReturnToOperationalAndItsWorstStatuses() async throws {
        let root = try Fixture.copyOfSample()
        let file = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "## Monitoring — 2026-11-27 08:50 UTC\n",
            with: "## Resolved — 2026-11-27 08:55 UTC\nAll done.\n\n## Monitoring — 2026-11-27 08:50 UTC\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let html = try Self.page(await Fixture.renderer(root: root), slug: "2026-11-27-delayed-payments")
        #expect(html.contains("Card and bank payments</a>: Partial outage <span aria-hidden"))
        #expect(html.contains("Invoice and receipt emails</a>: Degraded performance <span aria-hidden"))
        #expect(html.contains("Card and bank payments <span class=\"chip-status\">(Partial outage)</span>"))
        #expect(html.components(separatedBy: "class=\"update-components\"").count == 3)
    }
}
