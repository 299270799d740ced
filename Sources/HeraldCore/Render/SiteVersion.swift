/// A short digest of everything a reader of the status page would see change: each incident's
/// title, impact, components, status at the build's clock and updates (their time, status,
/// text and component statuses), and every component's status. Published as `version.json` and printed into every page,
/// so that a page left open can tell, by fetching a few bytes, that the site has news
/// (`assets/fresh.js`). The build's clock itself is left out: a scheduled rebuild that changes
/// nothing must not ask anyone to reload.
enum SiteVersion {
    /// The digest, 10 hex digits.
    static func of(_ site: Site, status: SiteStatus) -> String {
        var hasher = ContentHash.Hasher()
        hasher.add(status.indicator.rawValue)
        for component in site.config.components {
            hasher.add(component.id)
            hasher.add(status.componentStatuses[component.id]?.rawValue ?? "")
        }
        for incident in site.incidents {
            hasher.add(incident.slug)
            hasher.add(incident.title)
            hasher.add(incident.impact.rawValue)
            hasher.add(incident.displayedStatus(at: site.asOf).rawValue)
            for component in incident.components {
                hasher.add(component.id)
                hasher.add(component.status.rawValue)
            }
            for update in incident.updates {
                hasher.add(update.anchor)
                hasher.add(update.status.rawValue)
                hasher.add(update.markdown)
                for component in update.components {
                    hasher.add(component.id)
                    hasher.add(component.status.rawValue)
                }
            }
        }
        return hasher.hex
    }
}
