import Foundation

/// One incident, parsed from `incidents/<file>.md`.
///
/// The timeline is the single source of truth: the incident starts at `started` (or its first
/// update), its status is that of its latest status-setting update, and it is resolved at its
/// `Resolved` update.
public struct Incident: Sendable, Hashable {
    /// The URL segment, unique across the site.
    public var slug: String
    /// The headline customers read.
    public var title: String
    /// The declared impact.
    public var impact: Impact
    /// The components the incident affects, with the status each has while it is open.
    public var components: [AffectedComponent]
    /// The optional summary before the first update, as HTML.
    public var summaryHTML: String
    /// The updates, newest first.
    public var updates: [IncidentUpdate]
    /// When the impact began.
    public var started: Date
    /// Whether the incident is a draft (not published).
    public var draft: Bool
    /// The window, when this is a scheduled maintenance rather than an incident.
    public var maintenance: MaintenanceWindow?
    /// The file the incident came from, relative to the site root.
    public var sourcePath: String

    /// Creates an incident; `updates` are sorted newest first.
    public init(
        slug: String,
        title: String,
        impact: Impact,
        components: [AffectedComponent],
        summaryHTML: String = "",
        updates: [IncidentUpdate],
        started: Date? = nil,
        draft: Bool = false,
        maintenance: MaintenanceWindow? = nil,
        sourcePath: String
    ) {
        self.slug = slug
        self.title = title
        self.impact = impact
        self.components = components
        self.summaryHTML = summaryHTML
        self.updates = updates.sorted { $0.time > $1.time }
        self.started = maintenance?.start ?? started ?? self.updates.last?.time ?? .distantPast
        self.draft = draft
        self.maintenance = maintenance
        self.sourcePath = sourcePath
    }

    /// The newest update.
    public var latestUpdate: IncidentUpdate? { updates.first }

    /// When the incident was resolved: the time of its newest `Resolved` update, unless a later
    /// update other than `Update` or `Postmortem` reopened it.
    public var resolvedAt: Date? {
        for update in updates {
            switch update.status {
            case .resolved: return update.time
            case .postmortem, .update: continue
            case .investigating, .identified, .monitoring: return nil
            case .scheduled, .inProgress, .verifying, .completed, .cancelled: return nil
            }
        }
        return nil
    }

    /// Whether this is an incident (not a maintenance) that is still open.
    public var isOpen: Bool { maintenance == nil && resolvedAt == nil }

    /// A maintenance's status at `now`: the build's clock moves it from scheduled to in progress
    /// at its start and to completed at its end, and an update can only move it further along
    /// (a `Completed` update ends it early; a `Verifying` update during the window shows that;
    /// a `Cancelled` update calls it off).
    public func maintenanceStatus(at now: Date) -> UpdateStatus? {
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
    public func isMaintenanceActive(at now: Date) -> Bool {
        let status = maintenanceStatus(at: now)
        return status == .inProgress || status == .verifying
    }

    /// The incident's status: the latest update that sets one (`Update` keeps the previous status;
    /// an incident made only of `Update`s is investigating).
    public var status: UpdateStatus {
        updates.first { $0.status.setsStatus }?.status ?? .investigating
    }

    /// The time of the first `Monitoring` update, if any (Statuspage's `monitoring_at`).
    public var monitoringAt: Date? {
        updates.last { $0.status == .monitoring }?.time
    }

    /// The time of the latest update.
    public var updatedAt: Date { latestUpdate?.time ?? started }

    /// How long the incident lasted, or has lasted up to `now` if it is open; a maintenance's
    /// window.
    public func duration(now: Date) -> TimeInterval {
        if let window = maintenance { return window.end.timeIntervalSince(window.start) }
        return max(0, (resolvedAt ?? now).timeIntervalSince(started))
    }

    /// When the incident's effect ended, for listing it by day: its resolution, a maintenance's
    /// end, or `now` while it goes on.
    public func end(now: Date) -> Date {
        if let window = maintenance { return min(window.end, max(now, window.start)) }
        return resolvedAt ?? now
    }
}

/// A component an incident affects, and its status while the incident is open.
public struct AffectedComponent: Sendable, Hashable {
    /// The component's id from `herald.yml`.
    public var id: String
    /// Its status while the incident is open.
    public var status: ComponentStatus

    /// Creates an affected component.
    public init(id: String, status: ComponentStatus) {
        self.id = id
        self.status = status
    }
}

/// One update section of an incident's timeline.
public struct IncidentUpdate: Sendable, Hashable {
    /// The status word of the heading.
    public var status: UpdateStatus
    /// When the update was posted.
    public var time: Date
    /// The update's text as HTML.
    public var html: String
    /// The update's text as written (Markdown), for the API.
    public var markdown: String
    /// The 1-based line of the update's heading in its file.
    public var line: Int

    /// Creates an update.
    public init(status: UpdateStatus, time: Date, html: String, markdown: String, line: Int = 1) {
        self.status = status
        self.time = time
        self.html = html
        self.markdown = markdown
        self.line = line
    }

    /// A fragment id stable across builds and title edits: the update's UTC time.
    public var anchor: String {
        "update-" + Timestamp.compactUTC(time)
    }
}

/// When a scheduled maintenance takes place.
public struct MaintenanceWindow: Sendable, Hashable {
    /// When it starts.
    public var start: Date
    /// When it ends.
    public var end: Date

    /// Creates a window.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}
