import Foundation

/// The Subscribe page's content (`subscribe/`): the site's feeds and maintenance calendar, then
/// each component's, grouped as on the index.
struct SubscribeContent: Sendable, Encodable {
    /// Every incident and maintenance.
    var everything: SubscribeLinks
    var groups: [SubscribeGroup]
    /// `/feed subscribe https://…/history.rss`, the Slack command for the site's feed.
    var slackCommand: String
}

struct SubscribeGroup: Sendable, Encodable {
    var name: String
    var hasName: Bool
    var components: [SubscribeComponent]
}

struct SubscribeComponent: Sendable, Encodable {
    var id: String
    var name: String
    var links: SubscribeLinks
}

/// One subscription target's links: each feed and the maintenance calendar, as links relative
/// to the page (`href`) and as the absolute addresses a reader pastes into another tool.
struct SubscribeLinks: Sendable, Encodable {
    var rss: String
    var atom: String
    var json: String
    var calendar: String
    var rssURL: String
    var atomURL: String
    var jsonURL: String
    /// The calendar's `https://` address, for Outlook and Google Calendar.
    var calendarURL: String
    /// The same address as `webcal://`, which opens the reader's calendar app to subscribe.
    var webcalURL: String
}

extension ViewFactory {
    /// The Subscribe page's content; its links are relative to `subscribe/`.
    func subscribeContent() -> SubscribeContent {
        let everything = subscribeLinks(folder: "")
        let groups = index.groups.map { group in
            SubscribeGroup(
                name: group.name ?? "",
                hasName: group.name != nil,
                components: group.components.map {
                    SubscribeComponent(id: $0.id, name: $0.name, links: subscribeLinks(folder: "components/\($0.id)/"))
                }
            )
        }
        return SubscribeContent(
            everything: everything, groups: groups, slackCommand: "/feed subscribe \(everything.rssURL)")
    }

    /// The links of the feeds and calendar in `folder` (`""` or `components/<id>/`).
    private func subscribeLinks(folder: String) -> SubscribeLinks {
        let root = "../"
        let calendarURL = site.config.absoluteURL(folder + "maintenance.ics")
        return SubscribeLinks(
            rss: root + folder + "history.rss",
            atom: root + folder + "history.atom",
            json: root + folder + "feed.json",
            calendar: root + folder + "maintenance.ics",
            rssURL: site.config.absoluteURL(folder + "history.rss"),
            atomURL: site.config.absoluteURL(folder + "history.atom"),
            jsonURL: site.config.absoluteURL(folder + "feed.json"),
            calendarURL: calendarURL,
            webcalURL: Self.webcal(calendarURL)
        )
    }

    /// `webcal://host/path` for an `http://` or `https://` address: the scheme calendar apps
    /// register for subscriptions.
    static func webcal(_ url: String) -> String {
        for scheme in ["https://", "http://"] where url.hasPrefix(scheme) {
            return "webcal://" + url.dropFirst(scheme.count)
        }
        return url
    }
}
