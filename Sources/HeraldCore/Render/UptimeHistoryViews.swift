import Foundation

/// What `uptime.mustache` shows: every component's uptime per year and month, newest first.
struct UptimeHistoryContent: Sendable, Encodable {
    var components: [ComponentHistoryView]
    var hasComponents: Bool
    /// "Months run from the 1st to the last day in Europe/Berlin, …": the formula and zone.
    var formula: String
}

/// One component's table.
struct ComponentHistoryView: Sendable, Encodable {
    var id: String
    var name: String
    /// The component's page, from `uptime/`.
    var url: String
    /// "Since Mar 1, 2025".
    var sinceLabel: String
    /// The uptime over the whole history ("99.97%"), absent when nothing was measured.
    var totalPercent: String?
    /// "Payments: uptime by month and year", the table's caption.
    var caption: String
    /// Newest first; each year's months newest first.
    var years: [UptimeYearView]
    var hasYears: Bool
}

/// A year's row and the rows of its months.
struct UptimeYearView: Sendable, Encodable {
    var row: UptimeRowView
    var months: [UptimeRowView]
}

/// One row of a component's table.
struct UptimeRowView: Sendable, Encodable {
    /// `2026-11` or `2026`.
    var key: String
    /// "November" for a month, "2026" for a year.
    var label: String
    /// What a screen reader hears after the label, visually hidden: " 2026" after a month.
    var hiddenLabel: String
    /// "99.95%", or "No data".
    var percent: String
    /// The weighted downtime: "29 min", "None".
    var downtime: String
    /// How many incidents touched the component.
    var incidents: Int
}

extension ViewFactory {
    /// The `uptime/` page's content for `history`.
    func uptimeHistoryContent(_ history: UptimeHistory, root: String) -> UptimeHistoryContent {
        let components = history.components.map { component in
            var years: [UptimeYearView] = []
            for year in component.years.reversed() {
                let months = component.months.filter { $0.key.hasPrefix(year.key + "-") }.reversed().map { month in
                    uptimeRow(month, label: format.monthName(month.key), hiddenLabel: " " + year.key)
                }
                years.append(UptimeYearView(row: uptimeRow(year, label: year.key, hiddenLabel: ""), months: months))
            }
            return ComponentHistoryView(
                id: component.id,
                name: component.name,
                url: "\(root)components/\(component.id)/",
                sinceLabel: localization.format("uptime_history_since", ["date": dayView(component.start).text]),
                totalPercent: component.total.ratio.map(format.percent),
                caption: localization.format("uptime_history_caption", ["component": component.name]),
                years: years,
                hasYears: !years.isEmpty
            )
        }
        return UptimeHistoryContent(
            components: components,
            hasComponents: !components.isEmpty,
            formula: localization.format("uptime_formula", ["zone": site.config.timeZoneName])
        )
    }

    private func uptimeRow(_ period: UptimePeriod, label: String, hiddenLabel: String) -> UptimeRowView {
        UptimeRowView(
            key: period.key,
            label: label,
            hiddenLabel: hiddenLabel,
            percent: period.ratio.map(format.percent) ?? localization.string("no_data"),
            downtime: period.downtime > 0
                ? format.duration(period.downtime) : localization.string("uptime_no_downtime"),
            incidents: period.incidents
        )
    }
}
