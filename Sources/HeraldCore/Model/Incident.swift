import Foundation

/// One incident, parsed from `incidents/<file>.md`.
///
/// The timeline is the single source of truth: the incident starts at `started` (or its first
/// update), its status is that of its latest status-setting update, and it is resolved at its
/// `Resolved` update.
package struct Incident: Sendable, Hashable {
    /// The URL segment, unique across the site.
    package var slug: String
    /// The headline customers read.
    package var title: String
    /// The declared impact.
    package var impact: Impact
    /// The components the front matter names, each with its status from the incident's start.
    /// Updates can change them (`IncidentUpdate.components`); `components` is the result.
    package var initialComponents: [AffectedComponent]
    /// The optional summary before the first update, as HTML.
    package var summaryHTML: String
    /// The updates, newest first.
    package var updates: [IncidentUpdate]
    /// When the impact began.
    package var started: Date
    /// Whether the incident is a draft (not published).
    package var draft: Bool
    /// The window, when this is a scheduled maintenance rather than an incident.
    package var maintenance: MaintenanceWindow?
    /// Set when this is an informational notice, which changes no status.
    package var notice: Notice?
    /// The file the incident came from, relative to the site root.
    package var sourcePath: String

    /// Creates an incident; `updates` are sorted newest first.
    package init(
        slug: String,
        title: String,
        impact: Impact,
        components: [AffectedComponent],
        summaryHTML: String = "",
        updates: [IncidentUpdate],
        started: Date? = nil,
        draft: Bool = false,
        maintenance: MaintenanceWindow? = nil,
        notice: Notice? = nil,
        sourcePath: String
    ) {
        self.slug = slug
        self.title = title
        self.impact = impact
        self.initialComponents = components
        self.summaryHTML = summaryHTML
        self.updates = updates.sorted { $0.time > $1.time }
        self.started = maintenance?.start ?? started ?? self.updates.last?.time ?? .distantPast
        self.draft = draft
        self.maintenance = maintenance
        self.notice = notice
        self.sourcePath = sourcePath
    }

    /// The newest update.
    package var latestUpdate: IncidentUpdate? { updates.first }

    /// When the incident was resolved: the time of its newest `Resolved` update, unless a later
    /// update other than `Update` or `Postmortem` reopened it.
    package var resolvedAt: Date? {
        for update in updates {
            switch update.status {
            case .resolved: return update.time
            case .postmortem, .update: continue
            case .investigating, .identified, .monitoring: return nil
            case .scheduled, .inProgress, .verifying, .completed, .cancelled, .notice: return nil
            }
        }
        return nil
    }

    /// Whether this is an incident (not a maintenance or a notice) that is still open.
    package var isOpen: Bool { maintenance == nil && notice == nil && resolvedAt == nil }

    /// Whether this is a notice shown at `now`: posted (its first update) and before its `until`.
    package func isNoticeCurrent(at now: Date) -> Bool {
        guard let notice else { return false }
        return started <= now && notice.until.map { now < $0 } ?? true
    }

    /// A maintenance's status at `now`: the build's clock moves it from scheduled to in progress
    /// at its start and to completed at its end, and an update can only move it further along
    /// (a `Completed` update ends it early; a `Verifying` update during the window shows that;
    /// a `Cancelled` update calls it off).
    package func maintenanceStatus(at now: Date) -> UpdateStatus? {
        guard let window = maintenance else { return nil }
        var status: UpdateStatus = now < window.start ? .scheduled : (now < window.end ? .inProgress : .completed)
        if let latest = updates.first(where: { $0.time <= now && $0.status.maintenanceStage != nil }),
            let stage = latest.status.maintenanceStage, stage > (status.maintenanceStage ?? 0)
        {
            status = latest.status
        }
        return status
    }

    /// Whether a maintenance is under way at `now` (in progress or verifying).
    package func isMaintenanceActive(at now: Date) -> Bool {
        let status = maintenanceStatus(at: now)
        return status == .inProgress || status == .verifying
    }

    /// The incident's status: the latest update that sets one (`Update` keeps the previous status;
    /// an incident made only of `Update`s is investigating).
    package var status: UpdateStatus {
        updates.first { $0.status.setsStatus }?.status ?? .investigating
    }

    /// The time of the first `Monitoring` update, if any (Statuspage's `monitoring_at`).
    package var monitoringAt: Date? {
        updates.last { $0.status == .monitoring }?.time
    }

    /// The time of the latest update.
    package var updatedAt: Date { latestUpdate?.time ?? started }

    /// How long the incident lasted, or has lasted up to `now` if it is open; a maintenance's
    /// window; nothing for a notice.
    package func duration(now: Date) -> TimeInterval {
        if let window = maintenance { return window.end.timeIntervalSince(window.start) }
        if notice != nil { return 0 }
        return max(0, (resolvedAt ?? now).timeIntervalSince(started))
    }

    /// When the incident's effect ended, for listing it by day: its resolution, a maintenance's
    /// end, or `now` while it goes on.
    package func end(now: Date) -> Date {
        if let window = maintenance { return min(window.end, max(now, window.start)) }
        if notice != nil { return started }
        return resolvedAt ?? now
    }
}

/// A component an incident affects, and a status the incident gives it.
package struct AffectedComponent: Sendable, Hashable {
    /// The component's id from `herald.yml`.
    package var id: String
    /// Its status.
    package var status: ComponentStatus

    /// Creates an affected component.
    package init(id: String, status: ComponentStatus) {
        self.id = id
        self.status = status
    }
}

/// One update section of an incident's timeline.
package struct IncidentUpdate: Sendable, Hashable {
    /// The status word of the heading.
    package var status: UpdateStatus
    /// When the update was posted.
    package var time: Date
    /// The update's text as HTML.
    package var html: String
    /// The update's text as written (Markdown), for the API.
    package var markdown: String
    /// The 1-based line of the update's heading in its file.
    package var line: Int
    /// Whether the build's clock posted it (a maintenance's start or end, `MaintenanceEvents`)
    /// rather than someone writing it.
    package var isPostedByClock: Bool
    /// The statuses its `Components:` line gives components from its time on, in the line's order.
    package var components: [AffectedComponent]

    /// Creates an update.
    package init(
        status: UpdateStatus,
        time: Date,
        html: String,
        markdown: String,
        line: Int = 1,
        isPostedByClock: Bool = false,
        components: [AffectedComponent] = []
    ) {
        self.status = status
        self.time = time
        self.html = html
        self.markdown = markdown
        self.line = line
        self.isPostedByClock = isPostedByClock
        self.components = components
    }

    /// A fragment id stable across builds and title edits: the update's UTC time.
    package var anchor: String {
        "update-" + Timestamp.compactUTC(time)
    }
}

/// When a scheduled maintenance takes place.
package struct MaintenanceWindow: Sendable, Hashable {
    /// When it starts.
    package var start: Date
    /// When it ends.
    package var end: Date

    /// Creates a window.
    package init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}

/// What makes a file an informational notice: an announcement that changes no status.
package struct Notice: Sendable, Hashable {
    /// When it leaves the index (and `embed.js`), or nil to stay until this is set.
    package var until: Date?
    /// Whether `embed.js` shows it while it is current.
    package var showsInEmbed: Bool

    /// Creates a notice's settings.
    package init(until: Date? = nil, showsInEmbed: Bool = false) {
        self.until = until
        self.showsInEmbed = showsInEmbed
    }
}
