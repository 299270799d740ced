import Foundation
import HeraldCore

/// One published update of an incident or a scheduled maintenance, with everything a
/// notification says about it.
///
/// Its `id` is the update's id in the Statuspage-compatible API (`<slug>-update-<UTC time>`), so
/// that the updates of a previous build's `api/v2/incidents.json` can be told apart from new ones.
package struct UpdateNotice: Sendable, Equatable {
    /// A component the incident affects, with its status while the incident is open.
    package struct AffectedComponent: Sendable, Hashable {
        /// The id from `herald.yml`.
        package var id: String
        /// The name customers read.
        package var name: String
        /// The status the incident gives it.
        package var status: ComponentStatus
    }

    /// The update's API id, `<slug>-update-<UTC time>`.
    package var id: String
    /// The incident's slug (its API id).
    package var incidentID: String
    /// The incident's title.
    package var title: String
    /// The status word of the update's heading (`Monitoring`, `Update`, `In progress`, …).
    package var updateStatus: UpdateStatus
    /// The incident's status after the update, in the API's words (`monitoring`, `in_progress`).
    package var status: String
    /// The impact, or nil for a scheduled maintenance.
    package var impact: Impact?
    /// The maintenance window, when the update belongs to a scheduled maintenance.
    package var maintenance: MaintenanceWindow?
    /// Whether the update belongs to an informational notice.
    package var isNotice = false
    /// The affected components in `herald.yml`'s order.
    package var components: [AffectedComponent]
    /// The components whose status the update changed, as the incident's page shows them under
    /// it (`Incident.shownComponentChanges`): "Payments: Partial outage → Major outage".
    package var changes: [String] = []
    /// The update's text as written (Markdown).
    package var markdown: String
    /// When the update was posted.
    package var time: Date
    /// The absolute URL of the update on the incident page.
    package var link: String
    /// The incident as the API shows it, with only the updates up to and including this one.
    var apiIncident: StatuspageAPI.Incident
    /// Whether the build's clock posted the update (a maintenance's start or end).
    package var isPostedByClock = false

    /// Whether the update belongs to a scheduled maintenance.
    package var isMaintenance: Bool { maintenance != nil }

    /// What a notification calls the status: the heading's word, and for an `Update` also the
    /// status it keeps ("Update (monitoring)"); a notice has none to keep.
    package var statusLabel: String {
        if updateStatus == .update, !isNotice {
            return "Update (\(status.replacingOccurrences(of: "_", with: " ")))"
        }
        return updateStatus.rawValue
    }

    /// What a notification calls the impact: "Major", "Maintenance" or "Notice".
    package var impactLabel: String {
        if isNotice { return "Notice" }
        guard let impact else { return "Maintenance" }
        return impact.rawValue.prefix(1).uppercased() + impact.rawValue.dropFirst()
    }

    /// The affected components' names, or "None listed".
    package var componentsLabel: String {
        components.isEmpty ? "None listed" : components.map(\.name).joined(separator: ", ")
    }

    /// The changes, one per line, or nil when the update changed no status.
    package var changesLabel: String? {
        changes.isEmpty ? nil : changes.joined(separator: "\n")
    }

    /// Whether the update ends the incident or maintenance.
    package var isFinal: Bool {
        // A notice reads `resolved` to Statuspage clients from the start; it ends nothing.
        !isNotice && ["resolved", "postmortem", "completed"].contains(status)
    }
}

extension UpdateNotice {
    /// Every update of a site's published incidents and maintenances, oldest first (ties by id).
    ///
    /// - Parameter site: A checked site.
    /// - Returns: The notices.
    package static func all(in site: Site) -> [UpdateNotice] {
        let api = StatuspageAPI(site: site, index: SiteIndex(site: site), status: SiteStatus(site: site))
        let componentsByID = Dictionary(api.components.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(site.config.components.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var notices: [UpdateNotice] = []
        for incident in site.incidents {
            let full = api.incident(incident, componentsByID: componentsByID)
            let components = incident.components.map {
                AffectedComponent(id: $0.id, name: names[$0.id] ?? $0.id, status: $0.status)
            }
            let changes = incident.shownComponentChanges
            // The API lists updates newest first, in the same order as `incident.updates`.
            for (offset, update) in incident.updates.enumerated() {
                let apiUpdate = full.incidentUpdates[offset]
                var asOf = full
                asOf.incidentUpdates = Array(full.incidentUpdates[offset...])
                asOf.status = apiUpdate.status
                asOf.updatedAt = apiUpdate.updatedAt
                if let resolved = asOf.resolvedAt, resolved > apiUpdate.createdAt { asOf.resolvedAt = nil }
                if let monitoring = asOf.monitoringAt, monitoring > apiUpdate.createdAt { asOf.monitoringAt = nil }
                notices.append(
                    UpdateNotice(
                        id: apiUpdate.id,
                        incidentID: incident.slug,
                        title: incident.title,
                        updateStatus: update.status,
                        status: apiUpdate.status,
                        impact: incident.maintenance == nil && incident.notice == nil ? incident.impact : nil,
                        maintenance: incident.maintenance,
                        isNotice: incident.notice != nil,
                        components: components,
                        changes: changes[offset].map {
                            "\(names[$0.id] ?? $0.id): \($0.old.label) \u{2192} \($0.new.label)"
                        },
                        markdown: update.markdown,
                        time: update.time,
                        link: site.config.absoluteURL("incidents/\(incident.slug)/#\(update.anchor)"),
                        apiIncident: asOf,
                        isPostedByClock: update.isPostedByClock
                    )
                )
            }
        }
        return notices.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }
}
