import Foundation
import HeraldCore

/// What every notification of one run shares: the page it comes from and its current status.
package struct NotifyContext: Sendable, Hashable {
    /// The site's title.
    package var siteTitle: String
    /// The site's URL.
    package var siteURL: String
    /// The page id of the API (`page.id`).
    package var pageID: String
    /// The page's overall status at the run's clock.
    package var indicator: Indicator
    /// The site's zone, in which messages state times.
    package var timeZone: TimeZone

    /// Creates a context.
    package init(siteTitle: String, siteURL: String, pageID: String, indicator: Indicator, timeZone: TimeZone = .gmt) {
        self.siteTitle = siteTitle
        self.siteURL = siteURL
        self.pageID = pageID
        self.indicator = indicator
        self.timeZone = timeZone
    }

    /// The context of a site at its clock.
    package init(site: Site) {
        let status = SiteStatus(site: site)
        let api = StatuspageAPI(site: site, index: SiteIndex(site: site), status: status)
        self.init(
            siteTitle: site.config.title,
            siteURL: site.config.url.absoluteString,
            pageID: api.pageID,
            indicator: status.indicator,
            timeZone: site.config.timeZone
        )
    }
}
