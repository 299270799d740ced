import Foundation

/// The RSS 2.0, Atom 1.0 and JSON Feed 1.1 files, site-wide and per component: one entry per
/// update (see `Feed`).
struct FeedGenerator: Sendable {
    let site: Site
    let index: SiteIndex
    let localization: Localization

    func files(for componentID: String?) throws -> [OutputFile] {
        let folder: String
        let feed: Feed
        if let componentID, let component = index.componentsByID[componentID] {
            folder = "components/\(component.id)/"
            let entries = Feed.entries(
                of: index.incidentsByComponent[component.id] ?? [],
                in: site,
                components: index.componentsByID,
                localization: localization
            )
            feed = makeFeed(
                title: "\(site.config.title): \(component.name)",
                description: localization.format("component_feed_description", ["component": component.name]),
                folder: folder,
                entries: entries
            )
        } else {
            folder = ""
            let entries = Feed.entries(
                of: Array(site.incidents.indices), in: site, components: index.componentsByID,
                localization: localization)
            feed = makeFeed(
                title: site.config.title, description: site.config.description, folder: "", entries: entries)
        }
        var files = [
            OutputFile(path: folder + "history.rss", text: feed.rss()),
            OutputFile(path: folder + "history.atom", text: feed.atom()),
            OutputFile(path: folder + "feed.json", data: try feed.json()),
        ]
        // The site's calendar is written with embed.js (`RenderPlan.Job.embed`); a component's
        // goes with its feeds, as what a customer subscribes to for that component.
        if let componentID, let component = index.componentsByID[componentID] {
            files.append(
                OutputFile(
                    path: folder + "maintenance.ics",
                    text: MaintenanceCalendar(site: site, component: component).ics()))
        }
        return files
    }

    private func makeFeed(title: String, description: String, folder: String, entries: [Feed.Entry]) -> Feed {
        Feed(
            title: title,
            description: description,
            language: site.config.language,
            homeURL: site.config.absoluteURL(folder),
            rssURL: site.config.absoluteURL(folder + "history.rss"),
            atomURL: site.config.absoluteURL(folder + "history.atom"),
            jsonURL: site.config.absoluteURL(folder + "feed.json"),
            updated: entries.first?.date ?? site.asOf,
            entries: entries
        )
    }
}
