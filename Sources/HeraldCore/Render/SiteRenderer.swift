import Foundation

/// Turns the site into output files, one job of the render plan at a time (`RenderPlan`): the
/// pages through the theme's templates, and the feeds, sitemap, API, badges and embed script
/// through their generators. Jobs only read the shared site, index, status and views, so the
/// pipeline runs them in parallel.
package struct SiteRenderer: Sendable {
    /// How many days the index's recent history shows.
    package static let recentDays = 7
    /// How many incidents from before the uptime bars a component page lists; the history pages
    /// have the rest, so no page grows with the whole archive.
    package static let earlierIncidentLimit = 20
    /// The generated stylesheet holding the brand colour, under `assets/`.
    package static let brandStylesheet = "brand/brand.css"
    /// The brand logo under `assets/`, before its file extension.
    package static let brandLogoStem = "brand/logo."

    /// Where the logo that herald.yml names is published under `assets/`.
    package static func brandLogoPath(for logo: String) -> String {
        brandLogoStem + (logo as NSString).pathExtension.lowercased()
    }

    let site: Site
    let index: SiteIndex
    let status: SiteStatus
    let theme: Theme
    let localization: Localization
    let views: ViewFactory
    /// What readers see, as a digest (`SiteVersion`): `version.json` and every page's `site.version`.
    let version: String
    /// Every incident as the pages two folders deep (incident, component and month pages) show
    /// it, made once: formatting its times and duration is much of the cost of a view.
    private let summaries: [IncidentView]
    /// Every incident's updates as its page's timeline shows them, made with the summaries so
    /// that each time is formatted once.
    private let timelines: [[UpdateView]]

    /// Makes a renderer: the views of every incident on every core, and the values every page
    /// shares (`site`, `status`, `built` and the theme's strings as `t`), converted once.
    ///
    /// - Parameter localization: The theme's words in the site's language; without it, pages
    ///   show each string's key.
    /// - Throws: `CancellationError` when the build is cancelled.
    package static func make(
        site: Site,
        index: SiteIndex,
        status: SiteStatus,
        theme: Theme,
        localization: Localization = Localization(language: "en", texts: [:])
    ) async throws -> SiteRenderer {
        let views = ViewFactory(
            site: site, index: index, status: status, localization: localization, assets: theme.assets)
        let made = try await parallelMap(site.incidents) { incident in
            let timeline = views.timeline(of: incident)
            return (views.incidentView(incident, root: Self.pageRoot, timeline: timeline), timeline)
        }
        let version = SiteVersion.of(site, status: status)
        var shared = TemplateObject(
            values: (TemplateData.convert(
                SharedContext(
                    site: SiteView(
                        title: site.config.title,
                        description: site.config.description,
                        url: site.config.url.absoluteString,
                        language: site.config.language,
                        direction: localization.direction,
                        timeZone: site.config.timeZoneName,
                        version: version
                    ),
                    status: StatusView(
                        indicator: status.indicator.rawValue,
                        description: localization.string("indicator_\(status.indicator.rawValue)"),
                        isOperational: status.indicator == .none
                    ),
                    built: views.timeView(site.asOf)
                )
            ) as? TemplateRecord)?.table ?? [:])
        shared.values["t"] = TemplateObject(values: localization.templateStrings.mapValues(TemplateText.init))
        return SiteRenderer(
            site: site, index: index, status: status, theme: theme.sharing(shared), localization: localization,
            views: views, version: version, summaries: made.map(\.0), timelines: made.map(\.1))
    }

    /// The way from a page two folders deep (`incidents/<slug>/`, `components/<id>/`,
    /// `history/<month>/`) back to the site's root.
    static let pageRoot = "../../"

    /// Renders one job.
    ///
    /// - Returns: The files the job produces.
    /// - Throws: When a JSON feed cannot be encoded.
    package func render(_ job: RenderPlan.Job) throws -> [OutputFile] {
        switch job {
        case .index:
            let content = indexContent()
            return [
                page(
                    "index.html", template: "index", title: site.config.title, content: content,
                    description: PageDescription.shortened(
                        "\(localization.string("indicator_\(status.indicator.rawValue)")). \(site.config.description)"),
                    maintenanceClock: content.hasMaintenance)
            ]
        case .incident(let position):
            let incident = site.incidents[position]
            var view = summaries[position]
            view.updates = timelines[position]
            let content = IncidentContent(incident: view)
            let path = "incidents/\(incident.slug)/index.html"
            return [
                page(
                    path, template: "incident", title: "\(incident.title) · \(site.config.title)", content: content,
                    description: incidentDescription(incident, view: view),
                    maintenanceClock: showsUnfinishedMaintenance([position]))
            ]
        case .component(let id):
            guard let component = index.componentsByID[id] else { return [] }
            return [componentPage(component)]
        case .history:
            return [
                page(
                    "history/index.html", template: "history",
                    title: "\(localization.string("history")) · \(site.config.title)",
                    content: historyContent(),
                    description: localization.format("history_page_description", ["site": site.config.title]))
            ]
        case .month(let key):
            return [monthPage(key)]
        case .subscribe:
            return [
                page(
                    "subscribe/index.html", template: "subscribe",
                    title: "\(localization.string("subscribe_title")) · \(site.config.title)",
                    content: views.subscribeContent(),
                    description: PageDescription.shortened(localization.string("subscribe_intro")))
            ]
        case .uptime:
            let history = UptimeHistory(site: site, uptime: views.uptime)
            let page = page(
                "uptime/index.html", template: "uptime",
                title: "\(localization.string("uptime_history")) · \(site.config.title)",
                content: views.uptimeHistoryContent(history, root: "../"),
                description: localization.format("uptime_history_page_description", ["site": site.config.title]))
            return [page] + (try UptimeExport(site: site, history: history).files())
        case .notFound:
            return [
                page(
                    "404.html",
                    template: "404",
                    title: "\(localization.string("page_not_found")) · \(site.config.title)",
                    content: NotFoundContent(),
                    root: site.config.basePath
                )
            ]
        case .sitemap:
            return [OutputFile(path: "sitemap.xml", text: SitemapGenerator(site: site, index: index).xml())]
        case .feeds(let componentID):
            return try FeedGenerator(site: site, index: index, localization: localization).files(for: componentID)
        case .assets:
            return theme.assets.map { OutputFile(path: "assets/" + $0.path, data: Data($0.data)) }
        case .api:
            return try StatuspageAPI(site: site, index: index, status: status, uptime: views.uptime).files()
        case .badges:
            let overall = Badge(
                label: "status",
                message: status.indicator.description,
                color: Badge.color(for: status.indicator)
            )
            var files = [OutputFile(path: "badge.svg", text: overall.svg)]
            for component in site.config.components {
                let current = status.status(of: component.id)
                let badge = Badge(label: component.name, message: current.label, color: Badge.color(for: current))
                files.append(OutputFile(path: "components/\(component.id)/badge.svg", text: badge.svg))
            }
            return files
        case .embed:
            return [
                OutputFile(
                    path: "embed.js",
                    text: try EmbedScript(site: site, status: status, localization: localization).source()),
                OutputFile(path: "_headers", text: HostHeaders.netlify()),
                OutputFile(path: "maintenance.ics", text: MaintenanceCalendar(site: site).ics()),
                OutputFile(path: "version.json", text: "{\"version\":\"\(version)\"}\n"),
            ]
        }
    }

    // MARK: Pages

    private func page<Content: Sendable & Encodable>(
        _ path: String,
        template: String,
        title: String,
        content: Content,
        description: String? = nil,
        root: String? = nil,
        feeds: FeedLinks? = nil,
        maintenanceClock: Bool = false
    ) -> OutputFile {
        let depth = path.split(separator: "/").count - 1
        let root = root ?? (depth == 0 ? "./" : String(repeating: "../", count: depth))
        let directory = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        var view = views.pageView(root: root)
        view.title = title
        if let description, !description.isEmpty { view.description = description }
        view.canonicalURL = site.config.absoluteURL(directory)
        view.isIndex = path == "index.html"
        view.isHistory = path.hasPrefix("history/")
        view.isSubscribe = path.hasPrefix("subscribe/")
        if let feeds { view.feeds = feeds }
        view.hasMaintenanceClock = maintenanceClock
        let html = theme.render(template, page: view, content: content)
        return OutputFile(path: path, text: ControlCharacters.removing(from: html))
    }

    private func indexContent() -> IndexContent {
        let open = status.openIncidents.map { views.incidentView(site.incidents[$0], root: "./") }
        let groups = index.groups.map { group -> GroupView in
            let components = group.components.map {
                views.componentView($0, root: "./", chartLinks: "components/\($0.id)/")
            }
            let worst = group.components.map { status.status(of: $0.id) }.max() ?? .operational
            return GroupView(
                name: group.name ?? "",
                hasName: group.name != nil,
                components: components,
                status: worst.rawValue,
                statusLabel: views.label(worst),
                uptimeStartLabel: localization.format("uptime_days_ago", ["days": String(Uptime.dayCount)])
            )
        }
        let active = status.activeMaintenance.map { views.incidentView(site.incidents[$0], root: "./") }
        let upcoming = status.upcomingMaintenance.map { views.incidentView(site.incidents[$0], root: "./") }
        let notices = status.currentNotices.map { views.incidentView(site.incidents[$0], root: "./") }
        return IndexContent(
            notices: notices,
            hasNotices: !notices.isEmpty,
            openIncidents: open,
            hasOpenIncidents: !open.isEmpty,
            activeMaintenance: active,
            hasActiveMaintenance: !active.isEmpty,
            upcomingMaintenance: upcoming,
            hasUpcomingMaintenance: !upcoming.isEmpty,
            hasMaintenance: !active.isEmpty || !upcoming.isEmpty,
            groups: groups,
            days: recentDays()
        )
    }

    /// The last `recentDays` days in the site's zone, each with the incidents that started on it,
    /// as Statuspage's "Past incidents" reads: each incident once, on the day it began, and only
    /// once it is over; open incidents, maintenance in progress or ahead and current notices are
    /// at the top of the page instead.
    private func recentDays() -> [DayView] {
        let zone = site.config.timeZone
        let today = CivilTime(site.asOf, in: zone).daysSinceEpoch
        let firstDay = today - Self.recentDays + 1
        let shownAbove = Set(
            status.openIncidents + status.activeMaintenance + status.upcomingMaintenance + status.currentNotices)
        var byDay: [Int: [Int]] = [:]
        for (position, incident) in site.incidents.enumerated() where !shownAbove.contains(position) {
            guard incident.started <= site.asOf else { continue }
            let day = CivilTime(incident.started, in: zone).daysSinceEpoch
            guard day >= firstDay, day <= today else { continue }
            byDay[day, default: []].append(position)
        }
        return (firstDay...today).reversed().map { day in
            let incidents = (byDay[day] ?? []).map { views.incidentView(site.incidents[$0], root: "./") }
            return DayView(date: views.dayView(day), incidents: incidents, isQuiet: incidents.isEmpty)
        }
    }

    private func componentPage(_ component: Component) -> OutputFile {
        let root = Self.pageRoot
        let positions = index.incidentsByComponent[component.id] ?? []
        let open = positions.filter { site.incidents[$0].isOpen }
        let days = views.uptime.components[component.id]?.days ?? []
        let recent = days.reversed().filter { !$0.incidents.isEmpty }
        let recentDays = recent.map { day in
            DayView(
                date: views.dayView(day.day),
                incidents: day.incidents.map { summaries[$0] },
                isQuiet: false
            )
        }
        let chartStart = days.first.map { Uptime.startOfDay($0.day, in: site.config.timeZone) } ?? site.asOf
        let allEarlier = positions.filter { site.incidents[$0].end(now: site.asOf) < chartStart }
        let earlier = Array(allEarlier.prefix(Self.earlierIncidentLimit))
        let content = ComponentContent(
            component: views.componentView(component, root: root, chartLinks: ""),
            group: component.group,
            openIncidents: open.map { summaries[$0] },
            hasOpenIncidents: !open.isEmpty,
            recentDays: recentDays,
            hasRecentDays: !recentDays.isEmpty,
            earlierIncidents: earlier.map { summaries[$0] },
            hasEarlierIncidents: !earlier.isEmpty,
            hasMoreEarlierIncidents: allEarlier.count > earlier.count
        )
        let feeds = FeedLinks(
            title: "\(site.config.title): \(component.name)",
            rss: "history.rss",
            atom: "history.atom",
            json: "feed.json"
        )
        return page(
            "components/\(component.id)/index.html",
            template: "component",
            title: "\(component.name) · \(site.config.title)",
            content: content,
            description: PageDescription.shortened(
                component.description.isEmpty
                    ? localization.format("component_page_description", ["component": component.name])
                    : component.description),
            feeds: feeds,
            maintenanceClock: showsUnfinishedMaintenance(open + recent.flatMap(\.incidents) + earlier)
        )
    }

    private func historyContent() -> HistoryContent {
        var years: [YearView] = []
        for key in index.months {
            let year = String(key.prefix(4))
            let month = MonthView(
                key: key,
                label: views.format.monthLabel(key),
                url: "\(key)/",
                count: index.incidentsByMonth[key]?.count ?? 0,
                countLabel: views.format.incidentCount(index.incidentsByMonth[key]?.count ?? 0),
                incidents: []
            )
            if years.last?.year == year {
                years[years.count - 1].months.append(month)
            } else {
                years.append(YearView(year: year, months: [month]))
            }
        }
        return HistoryContent(years: years, hasIncidents: !years.isEmpty)
    }

    private func monthPage(_ key: String) -> OutputFile {
        let root = Self.pageRoot
        let positions = index.incidentsByMonth[key] ?? []
        let month = MonthView(
            key: key,
            label: views.format.monthLabel(key),
            url: "\(root)history/\(key)/",
            count: positions.count,
            countLabel: views.format.incidentCount(positions.count),
            incidents: positions.map { summaries[$0] }
        )
        let position = index.months.firstIndex(of: key) ?? 0
        let link = { (key: String) in LinkView(url: "\(root)history/\(key)/", text: views.format.monthLabel(key)) }
        let newer = position > 0 ? link(index.months[position - 1]) : nil
        let older = position + 1 < index.months.count ? link(index.months[position + 1]) : nil
        return page(
            "history/\(key)/index.html",
            template: "month",
            title: "\(month.label) · \(localization.string("history")) · \(site.config.title)",
            content: MonthContent(month: month, newer: newer, older: older),
            description: "\(month.label): \(month.countLabel)",
            maintenanceClock: showsUnfinishedMaintenance(positions)
        )
    }

    /// "Resolved: All delayed payments have been processed." for an incident page: its status as
    /// the page shows it and the latest update's text.
    private func incidentDescription(_ incident: Incident, view: IncidentView) -> String {
        let room = PageDescription.limit - view.statusLabel.count - 2
        let latest = incident.latestUpdate.map { PageDescription.text(ofHTML: $0.html, limit: room) } ?? ""
        return latest.isEmpty ? view.statusLabel : "\(view.statusLabel): \(latest)"
    }

    /// Whether any of these incidents is a maintenance the build's clock has not finished, so
    /// that its page loads `maintenance.js`.
    private func showsUnfinishedMaintenance(_ positions: [Int]) -> Bool {
        positions.contains {
            [.scheduled, .inProgress, .verifying].contains(site.incidents[$0].maintenanceStatus(at: site.asOf))
        }
    }

}
