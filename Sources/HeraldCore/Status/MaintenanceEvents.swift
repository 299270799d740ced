import Foundation

/// The updates the clock posts for a scheduled maintenance: "In progress" when its window opens
/// and "Completed" when it closes, as Statuspage does when it moves a maintenance along on
/// schedule.
///
/// A build adds them to the incident's timeline, so they reach every place an update does: the
/// incident's page, the feeds, `api/v2` and `herald notify`. Each is timed exactly at the window's
/// start or end, so its id (`<slug>-update-<UTC time>`) is the same in every build after that
/// instant, and notify's comparison by id sends it once. The clock posts nothing that an update
/// already said:
/// - no "In progress" when an update at or before the start already moved the maintenance along
///   (to in progress, verifying, completed or cancelled);
/// - no "Completed" when an update at or before the end completed or cancelled it;
/// - nothing at an instant where an update is already written, so that ids stay unique.
package struct MaintenanceEvents: Sendable, Equatable {
    /// The text of the update posted when the window opens, as Markdown.
    package var startedText: String
    /// The text of the update posted when the window closes, as Markdown.
    package var completedText: String

    /// Creates the texts.
    package init(startedText: String, completedText: String) {
        self.startedText = startedText
        self.completedText = completedText
    }

    /// Statuspage's words, for sites read without a theme (notify's previous state).
    package static let english = MaintenanceEvents(
        startedText: "Scheduled maintenance is currently in progress. We will provide updates as necessary.",
        completedText: "The scheduled maintenance has been completed."
    )

    /// The texts in the site's language (`maintenance_started_text`, `maintenance_completed_text`).
    package init(localization: Localization) {
        self.init(
            startedText: localization.string("maintenance_started_text"),
            completedText: localization.string("maintenance_completed_text")
        )
    }

    /// `incident` with the updates the clock has posted by `now`; any other incident unchanged.
    package func adding(to incident: Incident, now: Date) -> Incident {
        guard let window = incident.maintenance else { return incident }
        var posted: [IncidentUpdate] = []
        if let update = event(.inProgress, at: window.start, stage: 1, text: startedText, in: incident, now: now) {
            posted.append(update)
        }
        if let update = event(.completed, at: window.end, stage: 3, text: completedText, in: incident, now: now) {
            posted.append(update)
        }
        guard !posted.isEmpty else { return incident }
        var result = incident
        result.updates = (incident.updates + posted).sorted { $0.time > $1.time }
        return result
    }

    /// The update the clock posts at `instant`, unless it has not come yet, an update at or before
    /// it already reached `stage`, or an update is written at that very instant.
    private func event(
        _ status: UpdateStatus,
        at instant: Date,
        stage: Int,
        text: String,
        in incident: Incident,
        now: Date
    ) -> IncidentUpdate? {
        guard instant <= now else { return nil }
        for update in incident.updates where update.time <= instant {
            if update.time == instant { return nil }
            if let reached = update.status.maintenanceStage, reached >= stage { return nil }
        }
        return IncidentUpdate(
            status: status,
            time: instant,
            html: "<p>" + HTML.escape(text) + "</p>\n",
            markdown: text,
            line: 0,
            isPostedByClock: true
        )
    }
}
