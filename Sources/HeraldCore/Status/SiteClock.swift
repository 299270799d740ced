import Foundation

/// When a site's pages change by the clock alone, with no file edited.
///
/// A built site depends on the clock only through a few kinds of instant: an update's or an
/// incident's time, a maintenance window's start and end, a notice's `until`, a component's `since`, and midnight in
/// the site's zone (the uptime bars move on by a day). Between two of them nothing changes, except
/// while an incident is open or a maintenance window runs: durations and uptime then grow by the
/// second. So the site is built as of its last change (`asOf`), and a scheduled job need rebuild
/// only when `nextChange` has passed.
package enum SiteClock {
    /// The instant the site's content is shown as of: `now` while something changes continuously,
    /// else the latest instant at or before `now` at which anything changed (at the latest, the
    /// last midnight in the site's zone). Builds at any two instants between two changes are
    /// byte-identical.
    package static func asOf(config: SiteConfig, incidents: [Incident], now: Date) -> Date {
        if isChangingContinuously(incidents, now: now) { return now }
        let midnight = Uptime.startOfDay(CivilTime(now, in: config.timeZone).daysSinceEpoch, in: config.timeZone)
        return instants(config: config, incidents: incidents).filter { $0 <= now }.reduce(midnight, max)
    }

    /// The first instant after the site's last change at which a build would differ: `now` while
    /// something changes continuously, else the next of the instants above (at the latest, the
    /// next midnight in the site's zone).
    package static func nextChange(of site: Site) -> Date {
        let incidents = site.incidents
        let now = site.now
        if isChangingContinuously(incidents, now: now) { return now }
        let zone = site.config.timeZone
        let midnight = Uptime.startOfDay(CivilTime(now, in: zone).daysSinceEpoch + 1, in: zone)
        return instants(config: site.config, incidents: incidents).filter { $0 > now }.reduce(midnight, min)
    }

    /// Whether an incident is open or a maintenance window runs at `now` (a notice never changes
    /// by the second).
    static func isChangingContinuously(_ incidents: [Incident], now: Date) -> Bool {
        incidents.contains { incident in
            if let window = incident.maintenance { return window.start <= now && now < window.end }
            if incident.notice != nil { return false }
            return incident.started <= now && (incident.resolvedAt.map { now < $0 } ?? true)
        }
    }

    /// Every instant at which a published page can change.
    private static func instants(config: SiteConfig, incidents: [Incident]) -> [Date] {
        var result = config.components.compactMap(\.since)
        for incident in incidents {
            result.append(incident.started)
            result += incident.updates.map(\.time)
            if let window = incident.maintenance { result += [window.start, window.end] }
            if let until = incident.notice?.until { result.append(until) }
        }
        return result
    }
}
