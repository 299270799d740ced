// The values templates see. Every `{{name}}` a theme can use is a stored property here; the
// README's theme reference lists them. Properties ending in `HTML` hold HTML rendered by
// cmark-gfm in safe mode and are the only ones a template should print unescaped (`{{{...}}}`).

/// The context every page is rendered with.
struct PageContext<Content: Sendable>: Sendable {
    var site: SiteView
    var page: PageView
    var status: StatusView
    var built: TimeView
    /// The theme's plain strings in the site's language (`{{t.view_history}}`).
    var t: [String: String]
    var content: Content
}

struct SiteView: Sendable {
    var title: String
    var description: String
    var url: String
    var language: String
    /// `ltr` or `rtl`, for `<html dir>`.
    var direction: String
    var timeZone: String
}

struct PageView: Sendable {
    /// The `<title>`.
    var title: String
    var description: String
    /// The relative prefix to the site root (`./`, `../../`), or the absolute base path on 404.
    var root: String
    var canonicalURL: String
    var isIndex: Bool
    var isHistory: Bool
    var feeds: FeedLinks
    /// Each theme asset's URL with a content hash, keyed by its path with `_` for every
    /// character that is not a letter or digit (`style.css` → `style_css`).
    var assets: [String: String]
    /// The brand from herald.yml, absent without one.
    var brand: BrandView?
    /// "Times are shown in Europe/Berlin." in the site's language.
    var timeZoneNote: String
}

struct BrandView: Sendable {
    /// `#rrggbb`, or empty.
    var color: String
    /// The URL of the generated stylesheet that sets `--brand`, when a colour is set.
    var stylesheet: String?
    /// The URL of the logo, when one is set.
    var logo: String?
}

struct FeedLinks: Sendable {
    var title: String
    var rss: String
    var atom: String
    var json: String
}

struct StatusView: Sendable {
    var indicator: String
    var description: String
    var isOperational: Bool
}

struct TimeView: Sendable {
    /// RFC 3339 in UTC, for `<time datetime>`.
    var iso: String
    /// The time as readers see it, in the site's zone.
    var text: String
}

struct ComponentView: Sendable {
    var id: String
    var name: String
    var description: String
    var url: String
    var status: String
    var statusLabel: String
    var isOperational: Bool
}

struct GroupView: Sendable {
    var name: String
    var hasName: Bool
    var components: [ComponentView]
    var status: String
    var statusLabel: String
}

struct AffectedView: Sendable {
    var name: String
    var url: String
    var status: String
    var statusLabel: String
}

struct UpdateView: Sendable {
    var status: String
    var statusLabel: String
    var anchor: String
    var time: TimeView
    var bodyHTML: String
}

struct IncidentView: Sendable {
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
    var summaryHTML: String
    var hasSummary: Bool
    /// Whether this is a scheduled maintenance.
    var isMaintenance: Bool
    /// A maintenance's window.
    var window: WindowView?
    var latestUpdate: UpdateView?
    var updates: [UpdateView]
}

struct WindowView: Sendable {
    var start: TimeView
    var end: TimeView
}

struct DayView: Sendable {
    var date: TimeView
    var incidents: [IncidentView]
    var isQuiet: Bool
}

struct MonthView: Sendable {
    var key: String
    var label: String
    var url: String
    var count: Int
    /// "1 incident", "3 incidents".
    var countLabel: String
    var incidents: [IncidentView]
}

struct YearView: Sendable {
    var year: String
    var months: [MonthView]
}

struct LinkView: Sendable {
    var url: String
    var text: String
}

// MARK: Page contents

struct IndexContent: Sendable {
    var openIncidents: [IncidentView]
    var hasOpenIncidents: Bool
    var activeMaintenance: [IncidentView]
    var hasActiveMaintenance: Bool
    var upcomingMaintenance: [IncidentView]
    var hasUpcomingMaintenance: Bool
    var groups: [GroupView]
    var days: [DayView]
}

struct IncidentContent: Sendable {
    var incident: IncidentView
}

struct ComponentContent: Sendable {
    var component: ComponentView
    var group: String?
    var openIncidents: [IncidentView]
    var hasOpenIncidents: Bool
    var incidents: [IncidentView]
    var hasIncidents: Bool
}

struct HistoryContent: Sendable {
    var years: [YearView]
    var hasIncidents: Bool
}

struct MonthContent: Sendable {
    var month: MonthView
    var newer: LinkView?
    var older: LinkView?
}

struct NotFoundContent: Sendable {}
