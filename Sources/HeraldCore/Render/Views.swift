// The values templates see. Every `{{name}}` a theme can use is a stored property here; the
// README's theme reference lists them. Properties ending in `HTML` hold HTML rendered by
// cmark-gfm in safe mode and are the only ones a template should print unescaped (`{{{...}}}`).

/// What every page shows alike; converted for templates once per build.
struct SharedContext: Sendable, Encodable {
    var site: SiteView
    var status: StatusView
    var built: TimeView
}

struct SiteView: Sendable, Encodable {
    var title: String
    var description: String
    var url: String
    var language: String
    /// `ltr` or `rtl`, for `<html dir>`.
    var direction: String
    var timeZone: String
    /// The digest of what readers see (`SiteVersion`), also in `version.json`.
    var version: String
}

struct PageView: Sendable, Encodable {
    /// The `<title>`.
    var title: String
    var description: String
    /// The relative prefix to the site root (`./`, `../../`), or the absolute base path on 404.
    var root: String
    var canonicalURL: String
    var isIndex: Bool
    var isHistory: Bool
    var isSubscribe: Bool
    var feeds: FeedLinks
    /// Each theme asset's URL with a content hash, keyed by its path with `_` for every
    /// character that is not a letter or digit (`style.css` → `style_css`).
    var assets: [String: String]
    /// Whether the page shows a maintenance that the build's clock has not finished, so that the
    /// theme loads `maintenance.js` to move it along between builds.
    var hasMaintenanceClock: Bool
    /// The brand from herald.yml, absent without one.
    var brand: BrandView?
    /// "Times are shown in Europe/Berlin." in the site's language.
    var timeZoneNote: String
    /// "Days and times in this list are in Europe/Berlin.", above lists grouped by day, whose
    /// times `time.js` leaves in the site's zone so that they agree with the days' headings.
    var daysZoneNote: String

    /// The values a shared fragment sees as `page` (see `Theme.fragments(for:)`): all but the
    /// page's own title, description, canonical URL and maintenance clock.
    var fragmentPage: FragmentPage {
        FragmentPage(
            root: root, isIndex: isIndex, isHistory: isHistory, isSubscribe: isSubscribe, feeds: feeds,
            assets: assets, brand: brand, timeZoneNote: timeZoneNote)
    }
}

/// `page` as shared fragments see it (`templates/shared/`): the values pages in one folder depth
/// and of one kind have alike. Fragments are rendered once for each distinct value of it, so a
/// fragment cannot print anything that differs between such pages.
struct FragmentPage: Sendable, Encodable, Hashable {
    var root: String
    var isIndex: Bool
    var isHistory: Bool
    var isSubscribe: Bool
    var feeds: FeedLinks
    var assets: [String: String]
    var brand: BrandView?
    var timeZoneNote: String
}

struct BrandView: Sendable, Encodable, Hashable {
    /// `#rrggbb`, or empty.
    var color: String
    /// The URL of the generated stylesheet that sets `--brand`, when a colour is set.
    var stylesheet: String?
    /// The URL of the logo, when one is set.
    var logo: String?
}

struct FeedLinks: Sendable, Encodable, Hashable {
    var title: String
    var rss: String
    var atom: String
    var json: String
}

struct StatusView: Sendable, Encodable {
    var indicator: String
    var description: String
    var isOperational: Bool
}

struct TimeView: Sendable, Encodable {
    /// RFC 3339 in UTC, for `<time datetime>`.
    var iso: String
    /// The time as readers see it, in the site's zone.
    var text: String
}

struct ComponentView: Sendable, Encodable {
    var id: String
    var name: String
    var description: String
    /// Whether `description` is not empty (Mustache shows a section for an empty string).
    var hasDescription: Bool
    var url: String
    var status: String
    var statusLabel: String
    var isOperational: Bool
    var uptime: UptimeView
}

/// A component's daily bars and uptime figures.
struct UptimeView: Sendable, Encodable {
    /// "99.95%" over the last 90 days, absent when nothing was measured.
    var percent: String?
    /// "99.98%" over the last 30 days, absent when nothing was measured.
    var percent30: String?
    /// The number of days the bars cover.
    var days: Int
    /// "uptime over the last 90 days", after the percentage.
    var figure: String
    /// The chart's accessible name: "Public API: status day by day over the last 90 days".
    var chartLabel: String
    /// The axis's first label: "90 days ago".
    var startLabel: String
    /// Where the whole chart links (the component's page, from the index), absent on the
    /// component's own page. The default theme links the chart, not each day: a day's bar is a
    /// few pixels wide, under the 24 × 24 px a target needs (WCAG 2.2, 2.5.8); the component page
    /// lists the days with incidents below its chart.
    var link: String?
    /// Whether the chart draws its own axis (on a component page; the index has one per group).
    var showsAxis: Bool
    /// "Last 30 days" and "Last 90 days".
    var last30Label: String
    var lastDaysLabel: String
    /// How the figures are computed, in a sentence or two for readers.
    var formula: String
    /// Runs of equal days, oldest first: a day with incidents is a bar of its own.
    var bars: [BarView]
}

/// One bar of the uptime chart: a single day, or a run of days alike.
struct BarView: Sendable, Encodable {
    /// `operational`, `no_data`, or the worst component status of the day.
    var status: String
    /// How many days the bar covers (the theme's `s2`…`s90` classes).
    var span: Int
    /// What the bar shows, for screen readers and tooltips: "Oct 25, 2026: Partial outage.
    /// Delayed payments".
    var text: String
    /// Whether the bar links to the list of the day's incidents (a bar with incidents).
    var hasLink: Bool
    /// That link, or empty.
    var url: String
}

struct GroupView: Sendable, Encodable {
    var name: String
    var hasName: Bool
    var components: [ComponentView]
    var status: String
    var statusLabel: String
    /// The uptime axis's first label ("90 days ago"): the index shows one axis per group.
    var uptimeStartLabel: String
}

struct AffectedView: Sendable, Encodable {
    var name: String
    var url: String
    var status: String
    var statusLabel: String
}

struct UpdateView: Sendable, Encodable {
    var status: String
    var statusLabel: String
    var anchor: String
    var time: TimeView
    var bodyHTML: String
    /// The components whose status the update changed, when the timeline shows them.
    var changes: [ChangeView]
    var hasChanges: Bool
}

/// A component's status changing at an update: "Payments: Partial outage → Major outage".
struct ChangeView: Sendable, Encodable {
    var name: String
    var url: String
    /// The new status, for its colour.
    var status: String
    var oldLabel: String
    var newLabel: String
}

struct IncidentView: Sendable, Encodable {
    var slug: String
    var title: String
    var url: String
    var impact: String
    var impactLabel: String
    var status: String
    var statusLabel: String
    var isOpen: Bool
    var started: TimeView
    var resolved: TimeView?
    var duration: String
    var components: [AffectedView]
    var hasComponents: Bool
    /// The affected components' ids, separated by spaces (for `data-components`).
    var componentIDs: String
    var summaryHTML: String
    var hasSummary: Bool
    /// Whether this is a scheduled maintenance.
    var isMaintenance: Bool
    /// Whether this is an informational notice.
    var isNotice: Bool
    /// Whether this is an incident: neither a maintenance nor a notice.
    var isIncident: Bool
    /// A maintenance's window.
    var window: WindowView?
    /// When a notice leaves the index.
    var noticeUntil: TimeView?
    var latestUpdate: UpdateView?
    var updates: [UpdateView]
}

struct WindowView: Sendable, Encodable {
    var start: TimeView
    var end: TimeView
}

struct DayView: Sendable, Encodable {
    var date: TimeView
    var incidents: [IncidentView]
    var isQuiet: Bool
}

struct MonthView: Sendable, Encodable {
    var key: String
    var label: String
    var url: String
    var count: Int
    /// "1 incident", "3 incidents".
    var countLabel: String
    var incidents: [IncidentView]
}

struct YearView: Sendable, Encodable {
    var year: String
    var months: [MonthView]
}

struct LinkView: Sendable, Encodable {
    var url: String
    var text: String
}

// MARK: Page contents

struct IndexContent: Sendable, Encodable {
    /// The notices current at the build's clock, newest first.
    var notices: [IncidentView]
    var hasNotices: Bool
    var openIncidents: [IncidentView]
    var hasOpenIncidents: Bool
    var activeMaintenance: [IncidentView]
    var hasActiveMaintenance: Bool
    var upcomingMaintenance: [IncidentView]
    var hasUpcomingMaintenance: Bool
    /// Whether there is maintenance in progress or upcoming: both sections are then on the
    /// page, the empty one hidden, so `maintenance.js` can move a card between them.
    var hasMaintenance: Bool
    var groups: [GroupView]
    var days: [DayView]
}

struct IncidentContent: Sendable, Encodable {
    var incident: IncidentView
}

struct ComponentContent: Sendable, Encodable {
    var component: ComponentView
    var group: String?
    var openIncidents: [IncidentView]
    var hasOpenIncidents: Bool
    /// The days of the uptime chart that had incidents, newest first.
    var recentDays: [DayView]
    var hasRecentDays: Bool
    /// Incidents that ended before the uptime chart's first day, newest first, at most
    /// `SiteRenderer.earlierIncidentLimit`.
    var earlierIncidents: [IncidentView]
    var hasEarlierIncidents: Bool
    /// Whether older incidents were left out (the history pages list them).
    var hasMoreEarlierIncidents: Bool
}

struct HistoryContent: Sendable, Encodable {
    var years: [YearView]
    var hasIncidents: Bool
}

struct MonthContent: Sendable, Encodable {
    var month: MonthView
    var newer: LinkView?
    var older: LinkView?
}

struct NotFoundContent: Sendable, Encodable {}
