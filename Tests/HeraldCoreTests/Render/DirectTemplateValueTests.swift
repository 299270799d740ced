import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The views every page repeats make their own template values (`DirectTemplateValue`), for
/// speed; they must be the values the encoder makes of them, so that a property added to a view
/// but not to its `templateValue` fails here.
struct DirectTemplateValueTests {
    /// A converted value written out with its keys sorted, to compare two conversions.
    static func dump(_ value: any Sendable) -> String {
        switch value {
        case let object as TemplateObject:
            "{"
                + object.values.sorted { $0.key < $1.key }.map { "\($0.key): \(dump($0.value))" }
                .joined(separator: ", ") + "}"
        case let array as [any Sendable]: "[" + array.map(dump).joined(separator: ", ") + "]"
        case let text as TemplateText: "text(\(text.text.debugDescription))"
        case let bool as Bool: "bool(\(bool))"
        case let number as Int: "int(\(number))"
        default: "other(\(type(of: value)))"
        }
    }

    /// The view converted both ways: with its own values, and by the encoder alone.
    static func bothWays(_ view: some Encodable) -> (direct: String, encoded: String) {
        let direct = TemplateData.convertCountingInlinedNames(view)
        let encoded = TemplateData.convertCountingInlinedNames(view, directValues: false)
        #expect(direct.names == encoded.names)
        return (dump(direct.value), dump(encoded.value))
    }

    static let time = TimeView(iso: "2026-11-26T15:40:00Z", text: "Nov 26, 2026, 4:40 PM")
    static let update = UpdateView(
        status: "resolved", statusLabel: "Resolved", anchor: "update-20261126T154000Z", time: time,
        bodyHTML: "<p>Fixed &amp; <em>verified</em>.</p>\n")

    static func incident(complete: Bool) -> IncidentView {
        IncidentView(
            slug: "2026-11-26-api", title: "Elevated <errors> & \"timeouts\"", url: "../../incidents/2026-11-26-api/",
            impact: "major", impactLabel: "Major", status: "resolved", statusLabel: "Resolved", isOpen: !complete,
            started: time, resolved: complete ? time : nil, duration: "1 h 5 min",
            components: complete
                ? [
                    AffectedView(
                        name: "API", url: "../../components/api/", status: "major_outage", statusLabel: "Major outage")
                ]
                : [],
            hasComponents: complete, componentIDs: complete ? "api" : "", summaryHTML: complete ? "<p>Summary</p>" : "",
            hasSummary: complete, isMaintenance: complete,
            window: complete
                ? WindowView(start: time, end: TimeView(iso: "2026-11-26T17:00:00Z", text: "6:00 PM")) : nil,
            latestUpdate: complete ? update : nil, updates: complete ? [update, update] : [])
    }

    @Test(arguments: [true, false])
    func incidentViewsConvertAsTheEncoderWould(complete: Bool) {
        let view = Self.incident(complete: complete)
        let (direct, encoded) = Self.bothWays(view)
        #expect(direct == encoded)
        // Every optional is there in the complete view and gone in the other.
        #expect(direct.contains("resolved: {") == complete)
        #expect(direct.contains("window: {") == complete)
        #expect(direct.contains("latestUpdate: {") == complete)
        let content = Self.bothWays(IncidentContent(incident: view))
        #expect(content.direct == content.encoded)
    }

    @Test(arguments: [true, false])
    func listsAndLinksConvertAsTheEncoderWould(complete: Bool) {
        let incidents = [Self.incident(complete: true), Self.incident(complete: false)]
        let month = MonthView(
            key: "2026-11", label: "November 2026", url: "../../history/2026-11/", count: 2,
            countLabel: "2 incidents", incidents: complete ? incidents : [])
        let link = LinkView(url: "../2026-10/", text: "October 2026")
        let views: [any Encodable] = [
            month,
            MonthContent(month: month, newer: complete ? link : nil, older: complete ? nil : link),
            DayView(date: Self.time, incidents: complete ? incidents : [], isQuiet: !complete),
            FeedLinks(title: "Status", rss: "history.rss", atom: "history.atom", json: "feed.json"),
            BrandView(color: "#123456", stylesheet: complete ? "brand.css" : nil, logo: complete ? "logo.svg" : nil),
            link,
        ]
        for view in views {
            let (direct, encoded) = Self.bothWays(view)
            #expect(direct == encoded, "\(type(of: view))")
        }
    }

    /// A page's asset names come from the theme's files, which could be named like a value the
    /// theme prints into its templates; they are counted as the encoder counts them.
    @Test(arguments: [true, false])
    func pageViewsConvertAndCountAsTheEncoderWould(complete: Bool) {
        let assets =
            complete
            ? ["style_css": "../../assets/style.css?v=1", "page": "../../assets/page?v=2", "t": "../../assets/t?v=3"]
            : [:]
        let view = PageView(
            title: "Status <beta>", description: complete ? "All systems" : "", root: "../../",
            canonicalURL: "https://status.example.com/", isIndex: complete, isHistory: !complete,
            feeds: FeedLinks(title: "Status", rss: "history.rss", atom: "history.atom", json: "feed.json"),
            assets: assets, hasMaintenanceClock: complete,
            brand: complete ? BrandView(color: "#123456", stylesheet: "brand.css", logo: nil) : nil,
            timeZoneNote: "Times are shown in UTC.")
        let (direct, encoded) = Self.bothWays(view)
        #expect(direct == encoded)
        let names = TemplateData.convertCountingInlinedNames(view).names
        #expect(names == (complete ? InlinedNameCounts(shared: 1, page: 1) : InlinedNameCounts()))
        let context = Self.bothWays(
            PageContext(page: view, content: IncidentContent(incident: Self.incident(complete: true))))
        #expect(context.direct == context.encoded)
    }

    /// Whole sites, every file: the sample site and the XSS corpus, whose values are markup.
    @Test(arguments: ["sample", "xss"])
    func sitesAreTheSameWithTheEncoderAlone(site name: String) async throws {
        let root = name == "xss" ? try Fixture.copyOfXSSCorpus() : Fixture.repositoryRoot
        func files(direct: Bool) async throws -> [OutputFile] {
            let renderer = try await Fixture.renderer(root: root, directValues: direct)
            return try renderer.jobs.flatMap { try renderer.render($0) }
        }
        let direct = try await files(direct: true)
        #expect(direct.count > 50)
        #expect(direct == (try await files(direct: false)))
    }
}
