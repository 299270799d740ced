/// The build's output as a list of independent jobs, like Hugo's output formats: one page, one
/// component's feeds, the API... The pipeline renders them in parallel (`SiteRenderer.render`).
package struct RenderPlan: Sendable {
    /// One independent piece of rendering.
    package enum Job: Sendable, Hashable {
        case index
        case incident(Int)
        case component(String)
        case history
        /// The Subscribe page, `subscribe/`.
        case subscribe
        /// The uptime history: `uptime/`, `uptime.json` and `uptime.csv`.
        case uptime
        case month(String)
        case notFound
        case sitemap
        /// The site-wide feeds, or one component's.
        case feeds(component: String?)
        case assets
        /// The Statuspage-compatible API under `api/v2/`.
        case api
        /// `badge.svg` and every component's badge.
        case badges
        /// `embed.js`, `_headers`, `maintenance.ics` and `version.json`.
        case embed
    }

    /// Every job of the build, in a fixed order: the jobs that cover many incidents (month pages,
    /// the API, feeds, component pages) first and the one-incident pages last, so that the cores
    /// finish together (`parallelMap` hands each core the next job not yet taken).
    package let jobs: [Job]

    /// The plan for `site`.
    package init(site: Site, index: SiteIndex) {
        var jobs: [Job] = index.months.map { .month($0) }
        jobs += [.api, .uptime, .sitemap, .feeds(component: nil), .history, .index, .subscribe]
        for component in site.config.components {
            jobs.append(.component(component.id))
            jobs.append(.feeds(component: component.id))
        }
        jobs += [.badges, .embed, .assets, .notFound]
        jobs += site.incidents.indices.map { .incident($0) }
        self.jobs = jobs
    }
}
