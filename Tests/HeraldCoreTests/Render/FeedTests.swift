import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

struct FeedTests {
    func site(updates: Int, title: String = "Payments <script>alert(1)</script> & \"more\"") -> Site {
        let incident = Incident(
            slug: "2026-11-26-payments",
            title: title,
            impact: .major,
            components: [AffectedComponent(id: "payments", status: .partialOutage)],
            updates: (0..<updates).map {
                IncidentUpdate(
                    status: $0 == 0 ? .investigating : .update,
                    time: Fixture.now.addingTimeInterval(TimeInterval(-updates * 60 + $0 * 60)),
                    html: "<p>Update \($0) &amp; more\u{0B}</p>\n",
                    markdown: ""
                )
            },
            sourcePath: "incidents/2026-11-26-payments.md"
        )
        return Site(config: Fixture.config, incidents: [incident], now: Fixture.now)
    }

    func feed(_ site: Site) -> Feed {
        let entries = Feed.entries(
            of: Array(site.incidents.indices),
            in: site,
            components: SiteIndex(site: site).componentsByID
        )
        return Feed(
            title: "Example & Co",
            description: "",
            language: "en",
            homeURL: "https://status.example.com/",
            rssURL: "https://status.example.com/history.rss",
            atomURL: "https://status.example.com/history.atom",
            jsonURL: "https://status.example.com/feed.json",
            updated: entries.first?.date ?? Fixture.now,
            entries: entries
        )
    }

    @Test func holdsTheFiftyNewestUpdatesNewestFirst() {
        let entries = feed(site(updates: 60)).entries
        #expect(entries.count == 50)
        #expect(entries.first?.date == Fixture.now.addingTimeInterval(-60))
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.date > $1.date })
        #expect(
            entries.first?.id
                == "https://status.example.com/incidents/2026-11-26-payments/#update-20261127T085900Z"
        )
        #expect(entries.first?.title.hasSuffix(" \u{2014} Update") == true)
        #expect(entries.first?.html.contains("Affected: Payments") == true)
    }

    @Test(arguments: ["rss", "atom"])
    func xmlFeedsAreWellFormedAndKeepTheTextIntact(kind: String) throws {
        let feed = feed(site(updates: 3))
        let xml = kind == "rss" ? feed.rss() : feed.atom()
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("\u{0B}"))
        let collector = TextCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(
            collector.texts["title"]?.contains("Payments <script>alert(1)</script> & \"more\" \u{2014} Investigating")
                == true)
        #expect(collector.texts["title"]?.contains("Example & Co") == true)
    }

    @Test func rssUsesRFC822DatesAndAtomRFC3339() {
        let feed = feed(site(updates: 1))
        #expect(feed.rss().contains("<pubDate>Fri, 27 Nov 2026 08:59:00 +0000</pubDate>"))
        #expect(feed.atom().contains("<updated>2026-11-27T08:59:00Z</updated>"))
    }

    @Test func jsonFeedIsJSONFeedOnePointOne() throws {
        let data = try feed(site(updates: 2)).json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["version"] as? String == "https://jsonfeed.org/version/1.1")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items.first?["date_published"] as? String == "2026-11-27T08:59:00Z")
        #expect((items.first?["content_html"] as? String)?.hasPrefix("<p><strong>Update</strong>") == true)
    }
}

/// Collects the text of elements by name.
final class TextCollector: NSObject, XMLParserDelegate {
    var texts: [String: [String]] = [:]
    private var current = ""
    private var name = ""

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        name = elementName
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        texts[elementName, default: []].append(current)
        current = ""
    }
}

/// The feed keeps the newest updates while it walks the archive; across many incidents, in any
/// order, with equal times, it must pick exactly what sorting everything would.
struct FeedSelectionTests {
    @Test(arguments: [7, 23, 1000])
    func picksWhatAFullSortWould(seed: Int) {
        var state = UInt64(seed)
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let incidents = (0..<40).map { number in
            Incident(
                slug: "2026-11-\(String(format: "%02d", 1 + next(27)))-incident-\(number)",
                title: "Incident \(number)",
                impact: .minor,
                components: [AffectedComponent(id: "api", status: .degradedPerformance)],
                // Times on a coarse grid, so that updates of different incidents often tie.
                updates: Set((0..<(1 + next(5))).map { _ in next(30) }).sorted().map { slot in
                    IncidentUpdate(
                        status: .update, time: Fixture.now.addingTimeInterval(TimeInterval(-slot * 600)),
                        html: "", markdown: "")
                },
                sourcePath: "incidents/\(number).md"
            )
        }
        let site = Site(config: Fixture.config, incidents: incidents, now: Fixture.now)
        var all: [(date: Date, slug: String, anchor: String)] = []
        for incident in site.incidents {
            for update in incident.updates { all.append((update.time, incident.slug, update.anchor)) }
        }
        all.sort { $0.date != $1.date ? $0.date > $1.date : $0.slug < $1.slug }
        let expected = all.prefix(Feed.limit).map {
            site.config.absoluteURL("incidents/\($0.slug)/") + "#" + $0.anchor
        }
        let shuffled = Array(site.incidents.indices).sorted { ($0 * 7919) % 41 < ($1 * 7919) % 41 }
        let entries = Feed.entries(of: shuffled, in: site, components: SiteIndex(site: site).componentsByID)
        #expect(all.count > Feed.limit)
        #expect(entries.map(\.id) == expected)
    }
}
