import Foundation

/// `sitemap.xml`: every page, with each incident's last update time.
struct SitemapGenerator: Sendable {
    let site: Site
    let index: SiteIndex

    func xml() -> String {
        var xml = XMLWriter()
        xml.open("urlset", [("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")])
        func url(_ path: String, modified: Date? = nil) {
            xml.open("url")
            xml.element("loc", site.config.absoluteURL(path))
            if let modified { xml.element("lastmod", Timestamp.iso8601(modified)) }
            xml.close()
        }
        url("")
        url("history/")
        url("subscribe/")
        url("uptime/")
        for key in index.months { url("history/\(key)/") }
        for component in site.config.components { url("components/\(component.id)/") }
        for incident in site.incidents { url("incidents/\(incident.slug)/", modified: incident.updatedAt) }
        return xml.finish()
    }
}
