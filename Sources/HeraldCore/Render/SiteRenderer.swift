import Foundation

/// Turns the site into output files. The work is split into independent jobs (one page, one
/// component's feeds, ...) that the pipeline runs in parallel; each job only reads the shared
/// site, index and status values.
public struct SiteRenderer: Sendable {
    /// One independent piece of rendering.
    public enum Job: Sendable, Hashable {
        case index
        case incident(Int)
        case component(String)
        case history
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
        /// `embed.js`, `_headers` and `maintenance.ics`.
        case embed
    }

    /// How many days the index's recent history shows.
    public static let recentDays = 7
    /// How many incidents from before the uptime bars a component page lists; the history pages
    /// have the rest, so no page grows with the whole archive.
    public static let earlierIncidentLimit = 20
    /// The generated stylesheet holding the brand colour, under `assets/`.
    public static let brandStylesheet = "brand/brand.css"
    /// The brand logo under `assets/`, before its file extension.
    public static let brandLogoStem = "brand/logo."

    /// Where the logo that herald.yml names is published under `assets/`.
    public static func brandLogoPath(for logo: String) -> String {
        brandLogoStem + (logo as NSString).pathExtension.lowercased()
    }

    let site: Site
    let index: SiteIndex
    let status: SiteStatus
    private(set) var theme: Theme
    /// The theme for the pages two folders deep (`pageRoot`) that link the site's feeds, nearly
    /// all of a large site's (incidents and months), with the values of `page` that they all share
    /// printed in: `{{page.root}}` alone is looked up hundreds of times on a month page. The few
    /// other pages use `theme`.
    private var deepPageTheme: Theme?
    /// Every component's daily uptime, computed once.
    let uptime: Uptime
    let localization: Localization
    private let format: DisplayFormat
    /// Every incident's duration as pages show it, keyed by whole minutes: formatted once for each
    /// length that occurs, since a locale's duration format is slow and many incidents last alike.
    private let durations: [Int: String]
    /// "Times are shown in Europe/Berlin." for `page.timeZoneNote`.
    private let timeZoneNote: String
    /// Every incident as the pages two folders deep (incident, component and month pages) show
    /// it, made once: formatting its times and duration is much of the cost of a view.
    private var summaries: [IncidentView] = []
    /// Every incident's updates as its page's timeline shows them, made with the summaries so
    /// that each time is formatted once.
    private var timelines: [[UpdateView]] = []
    /// Each asset's path under `assets/` with `?v=` and a hash of its contents, so hosts may cache
    /// assets forever and a changed asset still reaches readers at once.
    private let assetVersions: [String: String]
    /// The same paths keyed as templates name them in `page.assets` (`style_css`).
    private let assetKeys: [String: String]

    /// Creates a renderer.
    ///
    /// - Parameter localization: The theme's words in the site's language; without it, pages
    ///   show each string's key.
    public init(
        site: Site,
        index: SiteIndex,
        status: SiteStatus,
        theme: Theme,
        localization: Localization = Localization(language: "en", texts: [:])
    ) {
        self.init(
            site: site, index: index, status: status, theme: theme, localization: localization,
            inliningSharedValues: true, directTemplateValues: true)
    }

    /// Creates a renderer; tests turn `inliningSharedValues` off to compare the pages with and
    /// without the shared values printed into the templates (see `Theme.sharing(_:inlining:)`),
    /// and `directTemplateValues` off to compare with the views converted by the encoder alone
    /// (see `DirectTemplateValue`).
    init(
        site: Site,
        index: SiteIndex,
        status: SiteStatus,
        theme: Theme,
        localization: Localization,
        inliningSharedValues: Bool,
        directTemplateValues: Bool = true
    ) {
        self.site = site
        self.index = index
        self.status = status
        self.theme = theme
        self.uptime = Uptime(site: site, index: index)
        self.localization = localization
        self.timeZoneNote = localization.format("times_shown_in", ["zone": site.config.timeZoneName])
        let format = DisplayFormat(timeZone: site.config.timeZone, localization: localization)
        self.format = format
        let lengths = Array(Set(site.incidents.map { DisplayFormat.wholeMinutes($0.duration(now: site.asOf)) }))
        self.durations = Dictionary(
            uniqueKeysWithValues: zip(lengths, concurrentMap(lengths) { format.duration(minutes: $0) }))
        let assetVersions = Dictionary(
            theme.assets.map { ($0.path, "assets/\($0.path)?v=\(ContentHash.hex($0.data))") },
            uniquingKeysWith: { first, _ in first }
        )
        self.assetVersions = assetVersions
        // In the theme's order, which every build has alike, so that when two paths make the same
        // key (`style.css`, `style-css`) the same one wins every time.
        self.assetKeys = Dictionary(
            theme.assets.compactMap { asset in assetVersions[asset.path].map { (Self.assetKey(asset.path), $0) } },
            uniquingKeysWith: { first, _ in first })
        let renderer = self
        let views = concurrentMap(site.incidents) { incident in
            let timeline = incident.updates.map(renderer.updateView)
            return (renderer.incidentView(incident, root: Self.pageRoot, timeline: timeline), timeline)
        }
        self.summaries = views.map(\.0)
        self.timelines = views.map(\.1)
        var shared =
            TemplateData.convert(
                SharedContext(
                    site: SiteView(
                        title: site.config.title,
                        description: site.config.description,
                        url: site.config.url.absoluteString,
                        language: site.config.language,
                        direction: localization.direction,
                        timeZone: site.config.timeZoneName
                    ),
                    status: StatusView(
                        indicator: status.indicator.rawValue,
                        description: localization.string("indicator_\(status.indicator.rawValue)"),
                        isOperational: status.indicator == .none
                    ),
                    built: timeView(site.asOf)
                )
            ) as? TemplateObject ?? TemplateObject(values: [:])
        shared.values["t"] = TemplateObject(values: localization.templateStrings.mapValues(TemplateText.init))
        self.theme = theme.sharing(shared, inlining: inliningSharedValues)
        let view = TemplateData.convert(pageView(root: Self.pageRoot)) as? TemplateObject ?? TemplateObject(values: [:])
        let sameAtDepth = TemplateObject(values: view.values.filter { PageView.sameAtOneDepth.contains($0.key) })
        self.deepPageTheme = self.theme.sharing(shared, page: sameAtDepth, inlining: inliningSharedValues)
        self.theme.convertsViewsDirectly = directTemplateValues
        self.deepPageTheme?.convertsViewsDirectly = directTemplateValues
    }

    /// The way from a page two folders deep (`incidents/<slug>/`, `components/<id>/`,
    /// `history/<month>/`) back to the site's root.
    private static let pageRoot = "../../"

    /// Every job of the build, in a fixed order: the jobs that cover many incidents (month pages,
    /// the API, feeds, component pages) first and the one-incident pages last, so that the cores
    /// finish together (`parallelMap` hands each core the next job not yet taken).
    public var jobs: [Job] {
        var jobs: [Job] = index.months.map { .month($0) }
        jobs += [.api, .sitemap, .feeds(component: nil), .history, .index]
        for component in site.config.components {
            jobs.append(.component(component.id))
            jobs.append(.feeds(component: component.id))
        }
        jobs += [.badges, .embed, .assets, .notFound]
        jobs += site.incidents.indices.map { .incident($0) }
        return jobs
    }

    /// Renders one job.
    ///
    /// - Returns: The files the job produces.
    /// - Throws: When a JSON feed cannot be encoded.
    public func render(_ job: Job) throws -> [OutputFile] {
        switch job {
        case .index:
            let content = indexContent()
            return [
                page(
                    "index.html", template: "index", title: site.config.title, content: content,
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
                    content: historyContent())
            ]
        case .month(let key):
            return [monthPage(key)]
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
            return [OutputFile(path: "sitemap.xml", text: sitemap())]
        case .feeds(let componentID):
            return try feeds(for: componentID)
        case .assets:
            return theme.assets.map { OutputFile(path: "assets/" + $0.path, data: Data($0.data)) }
        case .api:
            return try StatuspageAPI(site: site, index: index, status: status, uptime: uptime).files()
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
            ]
        }
    }

    // MARK: Pages

    private func page<Content: Sendable & Encodable>(
        _ path: String,
        template: String,
        title: String,
        content: Content,
        root: String? = nil,
        feeds: FeedLinks? = nil,
        maintenanceClock: Bool = false
    ) -> OutputFile {
        let depth = path.split(separator: "/").count - 1
        let root = root ?? (depth == 0 ? "./" : String(repeating: "../", count: depth))
        let directory = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        var view = pageView(root: root)
        view.title = title
        view.canonicalURL = site.config.absoluteURL(directory)
        view.isIndex = path == "index.html"
        view.isHistory = path.hasPrefix("history/")
        if let feeds { view.feeds = feeds }
        view.hasMaintenanceClock = maintenanceClock
        let theme = root == Self.pageRoot && feeds == nil ? deepPageTheme ?? self.theme : self.theme
        let html = theme.render(template, PageContext(page: view, content: content))
        return OutputFile(path: path, text: Self.removingControlCharacters(html))
    }

    /// What every page with `root` shows alike in `page` (`PageView.sameAtOneDepth`); `page(...)`
    /// sets the rest.
    private func pageView(root: String) -> PageView {
        PageView(
            title: "",
            description: site.config.description,
            root: root,
            canonicalURL: "",
            isIndex: false,
            isHistory: false,
            feeds: siteFeedLinks(root: root),
            assets: assetKeys.mapValues { root + $0 },
            hasMaintenanceClock: false,
            brand: brandView(root: root),
            timeZoneNote: timeZoneNote
        )
    }

    /// HTML forbids control characters other than tab and line breaks; a stray one in an incident
    /// file is dropped rather than published.
    static func removingControlCharacters(_ html: String) -> String {
        guard containsControlCharacter(html.utf8) else { return html }
        func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: html.unicodeScalars.lazy.filter { !isForbidden($0) })
        return String(result)
    }

    /// Whether `utf8` holds a C0 control other than tab and line breaks, DEL, or a C1 control
    /// (U+0080 to U+009F, the bytes 0xC2 0x80 to 0xC2 0x9F). Pages almost never have one, and the
    /// check reads every byte of the site, so it reads eight at a time: only a word with a byte
    /// below 0x20 (line breaks, mostly), 0x7F or 0xC2 (which also starts `·`) is looked at byte
    /// by byte.
    static func containsControlCharacter(_ utf8: String.UTF8View) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable(containsControlCharacter) { return found }
        return Array(utf8).withUnsafeBufferPointer(containsControlCharacter)
    }

    private static func containsControlCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isControl(at index: Int) -> Bool {
            let byte = bytes[index]
            if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
            if byte == 0x7F { return true }
            return byte == 0xC2 && index + 1 < bytes.count && (0x80..<0xA0).contains(bytes[index + 1])
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Whether any byte of `word` is below `limit` (at most 0x80), or is zero.
        func hasByte(below limit: UInt8, _ word: UInt64) -> Bool {
            (word &- ones &* UInt64(limit)) & ~word & highs != 0
        }
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if hasByte(below: 0x20, word) || hasByte(below: 1, word ^ (ones &* 0x7F))
                || hasByte(below: 1, word ^ (ones &* 0xC2))
            {
                for position in index..<index + 8 where isControl(at: position) { return true }
            }
            index += 8
        }
        for position in index..<bytes.count where isControl(at: position) { return true }
        return false
    }

    /// The brand's stylesheet and logo URLs, when herald.yml sets a brand.
    private func brandView(root: String) -> BrandView? {
        guard let brand = site.config.brand else { return nil }
        let logo = brand.logo.flatMap { assetVersions[Self.brandLogoPath(for: $0)] }
        return BrandView(
            color: brand.color ?? "",
            stylesheet: assetVersions[Self.brandStylesheet].map { root + $0 },
            logo: logo.map { root + $0 }
        )
    }

    /// `style.css` → `style_css`: the key templates use in `page.assets`.
    static func assetKey(_ path: String) -> String {
        String(path.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    private func siteFeedLinks(root: String) -> FeedLinks {
        FeedLinks(
            title: site.config.title,
            rss: root + "history.rss",
            atom: root + "history.atom",
            json: root + "feed.json"
        )
    }

    private func indexContent() -> IndexContent {
        let open = status.openIncidents.map { incidentView(site.incidents[$0], root: "./") }
        let groups = index.groups.map { group -> GroupView in
            let components = group.components.map {
                componentView($0, root: "./", chartLinks: "components/\($0.id)/")
            }
            let worst = group.components.map { status.status(of: $0.id) }.max() ?? .operational
            return GroupView(
                name: group.name ?? "",
                hasName: group.name != nil,
                components: components,
                status: worst.rawValue,
                statusLabel: label(worst),
                uptimeStartLabel: localization.format("uptime_days_ago", ["days": String(Uptime.dayCount)])
            )
        }
        let active = status.activeMaintenance.map { incidentView(site.incidents[$0], root: "./") }
        let upcoming = status.upcomingMaintenance.map { incidentView(site.incidents[$0], root: "./") }
        return IndexContent(
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

    /// The last `recentDays` days in the site's zone, each with the incidents active on it.
    private func recentDays() -> [DayView] {
        let zone = site.config.timeZone
        let today = CivilTime(site.asOf, in: zone).daysSinceEpoch
        let firstDay = today - Self.recentDays + 1
        var byDay: [Int: [Int]] = [:]
        for (position, incident) in site.incidents.enumerated() where incident.started <= site.asOf {
            let end = CivilTime(incident.end(now: site.asOf), in: zone).daysSinceEpoch
            guard end >= firstDay else { continue }
            let start = max(CivilTime(incident.started, in: zone).daysSinceEpoch, firstDay)
            guard start <= today else { continue }
            for day in start...min(end, today) { byDay[day, default: []].append(position) }
        }
        return (firstDay...today).reversed().map { day in
            let incidents = (byDay[day] ?? []).map { incidentView(site.incidents[$0], root: "./") }
            return DayView(date: dayView(day), incidents: incidents, isQuiet: incidents.isEmpty)
        }
    }

    /// A civil day (days since 1970-01-01): `2026-11-27` for `<time datetime>` and anchors, and
    /// `Nov 27, 2026`.
    private func dayView(_ day: Int) -> TimeView {
        let (year, month, dayOfMonth) = CivilTime.civil(fromDays: day)
        let iso = "\(Timestamp.pad(year, 4))-\(Timestamp.pad(month))-\(Timestamp.pad(dayOfMonth))"
        return TimeView(iso: iso, text: format.day(year: year, month: month, day: dayOfMonth))
    }

    /// The uptime chart of a component: runs of alike days merged into one bar, each day with
    /// incidents a bar of its own that links to `chartLinks#day-<date>`.
    private func uptimeView(_ componentID: String, chartLinks: String) -> UptimeView {
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

    private func componentPage(_ component: Component) -> OutputFile {
        let root = Self.pageRoot
        let positions = index.incidentsByComponent[component.id] ?? []
        let open = positions.filter { site.incidents[$0].isOpen }
        let days = uptime.components[component.id]?.days ?? []
        let recent = days.reversed().filter { !$0.incidents.isEmpty }
        let recentDays = recent.map { day in
            DayView(
                date: dayView(day.day),
                incidents: day.incidents.map { summaries[$0] },
                isQuiet: false
            )
        }
        let chartStart = days.first.map { Uptime.startOfDay($0.day, in: site.config.timeZone) } ?? site.asOf
        let allEarlier = positions.filter { site.incidents[$0].end(now: site.asOf) < chartStart }
        let earlier = Array(allEarlier.prefix(Self.earlierIncidentLimit))
        let content = ComponentContent(
            component: componentView(component, root: root, chartLinks: ""),
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
                label: format.monthLabel(key),
                url: "\(key)/",
                count: index.incidentsByMonth[key]?.count ?? 0,
                countLabel: format.incidentCount(index.incidentsByMonth[key]?.count ?? 0),
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
            label: format.monthLabel(key),
            url: "\(root)history/\(key)/",
            count: positions.count,
            countLabel: format.incidentCount(positions.count),
            incidents: positions.map { summaries[$0] }
        )
        let position = index.months.firstIndex(of: key) ?? 0
        let link = { (key: String) in LinkView(url: "\(root)history/\(key)/", text: format.monthLabel(key)) }
        let newer = position > 0 ? link(index.months[position - 1]) : nil
        let older = position + 1 < index.months.count ? link(index.months[position + 1]) : nil
        return page(
            "history/\(key)/index.html",
            template: "month",
            title: "\(month.label) · \(localization.string("history")) · \(site.config.title)",
            content: MonthContent(month: month, newer: newer, older: older),
            maintenanceClock: showsUnfinishedMaintenance(positions)
        )
    }

    /// Whether any of these incidents is a maintenance the build's clock has not finished, so
    /// that its page loads `maintenance.js`.
    private func showsUnfinishedMaintenance(_ positions: [Int]) -> Bool {
        positions.contains {
            [.scheduled, .inProgress, .verifying].contains(site.incidents[$0].maintenanceStatus(at: site.asOf))
        }
    }

    // MARK: Views

    private func timeView(_ date: Date) -> TimeView {
        TimeView(iso: Timestamp.iso8601(date), text: format.dateTime(date))
    }

    private func componentView(_ component: Component, root: String, chartLinks: String) -> ComponentView {
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

    private func updateView(_ update: IncidentUpdate) -> UpdateView {
        UpdateView(
            status: update.status.apiValue,
            statusLabel: label(update.status),
            anchor: update.anchor,
            time: timeView(update.time),
            bodyHTML: update.html
        )
    }

    /// How long the incident lasted, or has lasted so far, as its views show it.
    private func duration(of incident: Incident) -> String {
        let minutes = DisplayFormat.wholeMinutes(incident.duration(now: site.asOf))
        return durations[minutes] ?? format.duration(minutes: minutes)
    }

    private func label(_ status: ComponentStatus) -> String {
        localization.string("component_status_\(status.rawValue)")
    }

    private func label(_ status: UpdateStatus) -> String {
        localization.string("update_status_\(status.apiValue)")
    }

    /// An incident as lists show it, without its timeline.
    ///
    /// - Parameter timeline: The incident's update views, when they are made anyway: their
    ///   formatted times are reused for the start, the resolution and the latest update.
    private func incidentView(_ incident: Incident, root: String, timeline: [UpdateView] = []) -> IncidentView {
        func time(_ date: Date) -> TimeView {
            zip(incident.updates, timeline).first { $0.0.time == date }?.1.time ?? timeView(date)
        }
        let affected = incident.components.compactMap { affected -> AffectedView? in
            guard let component = index.componentsByID[affected.id] else { return nil }
            return AffectedView(
                name: component.name,
                url: "\(root)components/\(component.id)/",
                status: affected.status.rawValue,
                statusLabel: label(affected.status)
            )
        }
        let statusWord =
            incident.maintenanceStatus(at: site.asOf)
            ?? (incident.isOpen ? incident.status : (incident.status == .postmortem ? .postmortem : .resolved))
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
            window: incident.maintenance.map { WindowView(start: timeView($0.start), end: timeView($0.end)) },
            latestUpdate: timeline.first ?? incident.latestUpdate.map(updateView),
            updates: []
        )
    }

    // MARK: Feeds and sitemap

    private func feeds(for componentID: String?) throws -> [OutputFile] {
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
        return [
            OutputFile(path: folder + "history.rss", text: feed.rss()),
            OutputFile(path: folder + "history.atom", text: feed.atom()),
            OutputFile(path: folder + "feed.json", data: try feed.json()),
        ]
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

    private func sitemap() -> String {
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
        for key in index.months { url("history/\(key)/") }
        for component in site.config.components { url("components/\(component.id)/") }
        for incident in site.incidents { url("incidents/\(incident.slug)/", modified: incident.updatedAt) }
        return xml.finish()
    }
}
