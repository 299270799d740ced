import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The Subscribe page's links: relative ones that work from `subscribe/`, and the absolute
/// addresses readers paste into Slack, Teams, Outlook or a calendar.
struct SubscribeViewsTests {
    static func content(url: String = "https://status.example.com/") -> SubscribeContent {
        var config = Fixture.config
        config.url = URL(string: url)!
        let site = Site(config: config, incidents: [], now: Fixture.now)
        let views = ViewFactory(
            site: site, index: SiteIndex(site: site), status: SiteStatus(site: site),
            localization: Localization(language: "en", texts: [:]), assets: [])
        return views.subscribeContent()
    }

    @Test func everyComponentHasItsFeedsAndCalendarGroupedAsOnTheIndex() {
        let content = Self.content()
        #expect(content.groups.map(\.name) == ["Core", "Money"])
        #expect(content.groups.map { $0.components.map(\.id) } == [["api"], ["payments", "billing-emails"]])
        let payments = content.groups[1].components[0].links
        #expect(payments.rss == "../components/payments/history.rss")
        #expect(payments.calendar == "../components/payments/maintenance.ics")
        #expect(payments.rssURL == "https://status.example.com/components/payments/history.rss")
        #expect(payments.jsonURL == "https://status.example.com/components/payments/feed.json")
        #expect(payments.calendarURL == "https://status.example.com/components/payments/maintenance.ics")
        #expect(payments.webcalURL == "webcal://status.example.com/components/payments/maintenance.ics")
        #expect(content.everything.atom == "../history.atom")
        #expect(content.everything.webcalURL == "webcal://status.example.com/maintenance.ics")
        #expect(content.slackCommand == "/feed subscribe https://status.example.com/history.rss")
    }

    @Test(arguments: [
        ("https://status.example.com/", "webcal://status.example.com/maintenance.ics"),
        ("http://localhost:8000/status/", "webcal://localhost:8000/status/maintenance.ics"),
    ])
    func theCalendarsWebcalAddressKeepsTheHostPortAndPath(url: String, expected: String) {
        #expect(Self.content(url: url).everything.webcalURL == expected)
    }
}
