import Foundation

/// Makes the views templates read (incidents, updates, times, components, uptime charts, the
/// page's own values) from the model, in the site's language and zone. Pure: it needs no theme,
/// only the theme's asset list for the hashed asset URLs, so views can be tested alone.
struct ViewFactory: Sendable {
    let site: Site
    let index: SiteIndex
    let status: SiteStatus
    /// Every component's daily uptime, computed once.
    let uptime: Uptime
    let localization: Localization
    let format: DisplayFormat
    /// Every incident's duration as pages show it, keyed by whole minutes: formatted once for each
    /// length that occurs, since a locale's duration format is slow and many incidents last alike.
    private let durations: [Int: String]
    /// "Times are shown in Europe/Berlin." for `page.timeZoneNote`.
    let timeZoneNote: String
    /// "Days and times in this list are in Europe/Berlin." for `page.daysZoneNote`.
    let daysZoneNote: String
    /// Each asset's path under `assets/` with `?v=` and a hash of its contents, so hosts may cache
    /// assets forever and a changed asset still reaches readers at once.
    private let assetVersions: [String: String]
    /// The same paths keyed as templates name them in `page.assets` (`style_css`).
    private let assetKeys: [String: String]

    /// Creates the factory for a site whose theme has `assets`.
    init(site: Site, index: SiteIndex, status: SiteStatus, localization: Localization, assets: [AssetFile]) {
        self.site = site
        self.index = index
        self.status = status
        self.uptime = Uptime(site: site, index: index)
        self.localization = localization
        self.timeZoneNote = localization.format("times_shown_in", ["zone": site.config.timeZoneName])
        self.daysZoneNote = localization.format("days_shown_in", ["zone": site.config.timeZoneName])
        let format = DisplayFormat(timeZone: site.config.timeZone, localization: localization)
        self.format = format
        let lengths = Set(site.incidents.map { DisplayFormat.wholeMinutes($0.duration(now: site.asOf)) })
        self.durations = Dictionary(uniqueKeysWithValues: lengths.map { ($0, format.duration(minutes: $0)) })
        let assetVersions = Dictionary(
            assets.map { ($0.path, "assets/\($0.path)?v=\(ContentHash.hex($0.data))") },
            uniquingKeysWith: { first, _ in first }
        )
        self.assetVersions = assetVersions
        // In the theme's order, which every build has alike, so that when two paths make the same
        // key (`style.css`, `style-css`) the same one wins every time.
        self.assetKeys = Dictionary(
            assets.compactMap { asset in assetVersions[asset.path].map { (Self.assetKey(asset.path), $0) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// What every page with `root` shows alike in `page`; `SiteRenderer.page(...)` sets the rest.
    func pageView(root: String) -> PageView {
        PageView(
            title: "",
            description: site.config.description,
            root: root,
            canonicalURL: "",
            isIndex: false,
            isHistory: false,
            isSubscribe: false,
            feeds: siteFeedLinks(root: root),
            assets: assetKeys.mapValues { root + $0 },
            hasMaintenanceClock: false,
            brand: brandView(root: root),
            timeZoneNote: timeZoneNote,
            daysZoneNote: daysZoneNote
        )
    }

    /// The brand's stylesheet and logo URLs, when herald.yml sets a brand.
    func brandView(root: String) -> BrandView? {
        guard let brand = site.config.brand else { return nil }
        let logo = brand.logo.flatMap { assetVersions[SiteRenderer.brandLogoPath(for: $0)] }
        return BrandView(
            color: brand.color ?? "",
            stylesheet: assetVersions[SiteRenderer.brandStylesheet].map { root + $0 },
            logo: logo.map { root + $0 }
        )
    }

    /// `style.css` → `style_css`: the key templates use in `page.assets`.
    static func assetKey(_ path: String) -> String {
        String(path.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    func siteFeedLinks(root: String) -> FeedLinks {
        FeedLinks(
            title: site.config.title,
            rss: root + "history.rss",
            atom: root + "history.atom",
            json: root + "feed.json"
        )
    }

    /// A civil day (days since 1970-01-01): `2026-11-27` for `<time datetime>` and anchors, and
    /// `Nov 27, 2026`.
    func dayView(_ day: Int) -> TimeView {
        let (year, month, dayOfMonth) = CivilTime.civil(fromDays: day)
        let iso = "\(Timestamp.pad(year, 4))-\(Timestamp.pad(month))-\(Timestamp.pad(dayOfMonth))"
        return TimeView(iso: iso, text: format.day(year: year, month: month, day: dayOfMonth))
    }

    /// The uptime chart of a component: runs of alike days merged into one bar, each day with
    /// incidents a bar of its own that links to `chartLinks#day-<date>`.
    func uptimeView(_ componentID: String, chartLinks: String) -> UptimeView {
        let days = uptime.components[componentID]?.days.count ?? 0
        let name = index.componentsByID[componentID]?.name ?? componentID
        let count = ["days": String(days)]
        var view = UptimeView(
            percent: nil,
            percent30: nil,
            days: days,
            figure: localization.format("uptime_over_days", count),
            chartLabel: localization.format("uptime_chart_label", ["component": name, "days": String(days)]),
            startLabel: localization.format("uptime_days_ago", count),
            link: chartLinks.isEmpty ? nil : chartLinks,
            showsAxis: chartLinks.isEmpty,
            last30Label: localization.format("uptime_last_days", ["days": "30"]),
            lastDaysLabel: localization.format("uptime_last_days", count),
            formula: localization.format("uptime_formula", ["zone": site.config.timeZoneName]),
            bars: []
        )
        guard let component = uptime.components[componentID] else { return view }
        var bars: [BarView] = []
        var runStart: UptimeDay?
        var runLength = 0
        func closeRun() {
            guard let first = runStart, runLength > 0 else { return }
            let dates =
                runLength == 1 ? dayView(first.day).text : format.dayRange(first.day, first.day + runLength - 1)
            let words = localization.string(first.hasData ? "no_incidents" : "no_data")
            bars.append(
                BarView(
                    status: first.hasData ? "operational" : "no_data",
                    span: runLength,
                    text: "\(dates): \(words)",
                    hasLink: false,
                    url: ""
                )
            )
            runStart = nil
            runLength = 0
        }
        for day in component.days {
            if day.incidents.isEmpty {
                if let first = runStart, first.hasData != day.hasData { closeRun() }
                if runStart == nil { runStart = day }
                runLength += 1
                continue
            }
            closeRun()
            let date = dayView(day.day)
            let titles = day.incidents.map { site.incidents[$0].title }.joined(separator: "; ")
            bars.append(
                BarView(
                    status: day.worst.rawValue,
                    span: 1,
                    text: "\(date.text): \(label(day.worst)). \(titles)",
                    hasLink: true,
                    url: "\(chartLinks)#day-\(date.iso)"
                )
            )
        }
        closeRun()
        view.percent = component.ratio(lastDays: Uptime.dayCount).map(format.percent)
        view.percent30 = component.ratio(lastDays: 30).map(format.percent)
        view.bars = bars
        return view
    }

    func timeView(_ date: Date) -> TimeView {
        TimeView(iso: Timestamp.iso8601(date), text: format.dateTime(date))
    }

    /// A time of an incident (an update, its start and end, a maintenance window): to the
    /// minute, or to the second when it has seconds, as updates posted in one minute do
    /// (`herald update` writes seconds only then).
    func incidentTimeView(_ date: Date) -> TimeView {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) % 60 != 0
        return TimeView(iso: Timestamp.iso8601(date), text: format.dateTime(date, seconds: seconds))
    }

    func componentView(_ component: Component, root: String, chartLinks: String) -> ComponentView {
        let current = status.status(of: component.id)
        return ComponentView(
            id: component.id,
            name: component.name,
            description: component.description,
            hasDescription: !component.description.isEmpty,
            url: "\(root)components/\(component.id)/",
            status: current.rawValue,
            statusLabel: label(current),
            isOperational: current == .operational,
            uptime: uptimeView(component.id, chartLinks: chartLinks)
        )
    }

    func updateView(_ update: IncidentUpdate) -> UpdateView {
        UpdateView(
            status: update.status.apiValue,
            statusLabel: label(update.status),
            anchor: update.anchor,
            time: incidentTimeView(update.time),
            bodyHTML: update.html,
            changes: [],
            hasChanges: false
        )
    }

    /// An incident's updates as its timeline shows them, newest first. When its updates change
    /// component statuses (`Components:` lines), each update from the second on lists the
    /// changes it made, the resolution's return to operational included; the first update's
    /// statuses are the incident's affected components.
    func timeline(of incident: Incident) -> [UpdateView] {
        var views = incident.updates.map(updateView)
        for (offset, changes) in incident.shownComponentChanges.enumerated() where !changes.isEmpty {
            views[offset].changes = changes.compactMap { change in
                guard let component = index.componentsByID[change.id] else { return nil }
                return ChangeView(
                    name: component.name,
                    url: "\(SiteRenderer.pageRoot)components/\(component.id)/",
                    status: change.new.rawValue,
                    oldLabel: label(change.old),
                    newLabel: label(change.new)
                )
            }
            views[offset].hasChanges = !views[offset].changes.isEmpty
        }
        return views
    }

    /// How long the incident lasted, or has lasted so far, as its views show it.
    func duration(of incident: Incident) -> String {
        let minutes = DisplayFormat.wholeMinutes(incident.duration(now: site.asOf))
        return durations[minutes] ?? format.duration(minutes: minutes)
    }

    func label(_ status: ComponentStatus) -> String {
        localization.string("component_status_\(status.rawValue)")
    }

    func label(_ status: UpdateStatus) -> String {
        localization.string("update_status_\(status.apiValue)")
    }

    /// An incident as lists show it, without its timeline.
    ///
    /// - Parameter timeline: The incident's update views, when they are made anyway: their
    ///   formatted times are reused for the start, the resolution and the latest update.
    func incidentView(_ incident: Incident, root: String, timeline: [UpdateView] = []) -> IncidentView {
        func time(_ date: Date) -> TimeView {
            zip(incident.updates, timeline).first { $0.0.time == date }?.1.time ?? incidentTimeView(date)
        }
        // An open incident shows each component's status now; a closed one the worst it gave it.
        let affected = (incident.isOpen ? incident.components : incident.worstComponents).compactMap {
            affected -> AffectedView? in
            guard let component = index.componentsByID[affected.id] else { return nil }
            return AffectedView(
                name: component.name,
                url: "\(root)components/\(component.id)/",
                status: affected.status.rawValue,
                statusLabel: label(affected.status)
            )
        }
        let statusWord = incident.displayedStatus(at: site.asOf)
        return IncidentView(
            slug: incident.slug,
            title: incident.title,
            url: "\(root)incidents/\(incident.slug)/",
            impact: incident.impact.rawValue,
            impactLabel: localization.string("impact_\(incident.impact.rawValue)"),
            status: statusWord.apiValue,
            statusLabel: label(statusWord),
            isOpen: incident.isOpen,
            started: time(incident.started),
            resolved: incident.resolvedAt.map(time),
            duration: duration(of: incident),
            components: affected,
            hasComponents: !affected.isEmpty,
            componentIDs: incident.components.map(\.id).joined(separator: " "),
            summaryHTML: incident.summaryHTML,
            hasSummary: !incident.summaryHTML.isEmpty,
            isMaintenance: incident.maintenance != nil,
            isNotice: incident.notice != nil,
            isIncident: incident.maintenance == nil && incident.notice == nil,
            window: incident.maintenance.map {
                WindowView(start: incidentTimeView($0.start), end: incidentTimeView($0.end))
            },
            noticeUntil: incident.notice?.until.map(incidentTimeView),
            latestUpdate: timeline.first ?? incident.latestUpdate.map(updateView),
            updates: []
        )
    }
}
