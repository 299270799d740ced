import Foundation
import HeraldCore

/// The updates a previous build published, to tell new updates from old ones.
///
/// From a previous `api/v2/incidents.json` (and its sibling `scheduled-maintenances.json`, when
/// it can be read), or from the whole content at a git revision.
package struct PublishedUpdates: Sendable, Equatable {
    /// The API ids of the published updates.
    package var ids: Set<String>
    /// The ids of the incidents and maintenances the previous state lists.
    package var incidentIDs: Set<String>
    /// `incidents.json` lists only the newest incidents: an incident created before this time and
    /// missing from the list is older than the list, not new.
    package var incidentHorizon: Date?
    /// Without the maintenances file, maintenance updates at or before the previous page's last
    /// update count as published.
    package var maintenanceCutoff: Date?
    /// The previous page's last update (`page.updated_at`). An update the clock posted at or
    /// before it counts as published: a build by a Herald from before the clock posted updates
    /// lacks their ids, and they are old news.
    package var clockCutoff: Date?

    /// Creates the set.
    package init(
        ids: Set<String>,
        incidentIDs: Set<String> = [],
        incidentHorizon: Date? = nil,
        maintenanceCutoff: Date? = nil,
        clockCutoff: Date? = nil
    ) {
        self.ids = ids
        self.incidentIDs = incidentIDs
        self.incidentHorizon = incidentHorizon
        self.maintenanceCutoff = maintenanceCutoff
        self.clockCutoff = clockCutoff
    }

    /// Every update of a site, as a build of it published them.
    package init(site: Site) {
        let notices = UpdateNotice.all(in: site)
        self.init(ids: Set(notices.map(\.id)), incidentIDs: Set(notices.map(\.incidentID)))
    }

    /// The updates of a previous build's API files.
    ///
    /// Only the ids, the incidents' `created_at` and the page's `updated_at` are read, so that a
    /// file without the other keys (another Statuspage-compatible tool's) reads too.
    ///
    /// - Parameters:
    ///   - incidents: The bytes of `api/v2/incidents.json`.
    ///   - maintenances: The bytes of `api/v2/scheduled-maintenances.json`, if it could be read.
    ///   - source: Where the files come from, for messages.
    /// - Throws: `NotifyError.unreadablePrevious` when a file is not the API's JSON.
    package init(incidentsJSON incidents: Data, maintenancesJSON maintenances: Data?, source: String)
        throws(NotifyError)
    {
        let decoder = JSONDecoder()
        let file: IncidentsFile
        do {
            file = try decoder.decode(IncidentsFile.self, from: incidents)
        } catch {
            throw .unreadablePrevious(source, "it is not a Statuspage incidents.json (\(error))")
        }
        var listed = file.incidents
        var horizon: Date?
        if file.incidents.count >= StatuspageAPI.incidentLimit {
            horizon = file.incidents.compactMap { $0.createdAt.flatMap(Timestamp.apiTime) }.min()
        }
        var cutoff: Date?
        if let maintenances, let decoded = try? decoder.decode(MaintenancesFile.self, from: maintenances) {
            listed += decoded.scheduledMaintenances
        } else {
            cutoff = file.pageUpdatedAt.flatMap(Timestamp.apiTime) ?? .distantFuture
        }
        self.init(
            ids: Set(listed.flatMap(\.updateIDs)),
            incidentIDs: Set(listed.map(\.id)),
            incidentHorizon: horizon,
            maintenanceCutoff: cutoff,
            clockCutoff: file.pageUpdatedAt.flatMap(Timestamp.apiTime)
        )
    }

    /// Whether a current update was published before.
    package func contains(_ notice: UpdateNotice) -> Bool {
        if ids.contains(notice.id) { return true }
        if notice.isPostedByClock, let clockCutoff, notice.time <= clockCutoff { return true }
        if notice.isMaintenance {
            if let maintenanceCutoff, notice.time <= maintenanceCutoff { return true }
            return false
        }
        // An incident missing from a full incidents.json because it is older than every listed one.
        if let incidentHorizon, !incidentIDs.contains(notice.incidentID),
            let created = notice.apiIncident.incidentUpdates.last.flatMap({ Timestamp.apiTime($0.createdAt) }),
            created < incidentHorizon
        {
            return true
        }
        return false
    }

    /// The updates of `current` that are new, oldest first.
    package func newUpdates(in current: [UpdateNotice]) -> [UpdateNotice] {
        current.filter { !contains($0) }
    }
}

extension PublishedUpdates {
    // What notify reads of a previous `incidents.json` or `scheduled-maintenances.json`, under the
    // API's own keys (`StatuspageAPI`'s `CodingKeys`) rather than as whole `StatuspageAPI.Incident`s:
    // those need every key Herald writes, and an older build's file or another tool's may lack keys
    // that notify does not use.

    /// The keys of an API file's top level (named as synthesized keys are, so that a decoding error
    /// reads the same).
    private enum CodingKeys: String, CodingKey {
        case page, incidents
        case scheduledMaintenances = "scheduled_maintenances"
    }

    /// `incidents.json`: the incidents, and the page's `updated_at` when it has one.
    private struct IncidentsFile: Decodable {
        var incidents: [Listed]
        var pageUpdatedAt: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            incidents = try container.decode([Listed].self, forKey: .incidents)
            if container.contains(.page), try !container.decodeNil(forKey: .page) {
                let page = try container.nestedContainer(keyedBy: StatuspageAPI.Page.CodingKeys.self, forKey: .page)
                pageUpdatedAt = try page.decodeIfPresent(String.self, forKey: .updatedAt)
            }
        }
    }

    /// `scheduled-maintenances.json`: the maintenances.
    private struct MaintenancesFile: Decodable {
        var scheduledMaintenances: [Listed]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            scheduledMaintenances = try container.decode([Listed].self, forKey: .scheduledMaintenances)
        }
    }

    /// An incident or maintenance a previous file lists: its id, when it was created and its
    /// updates' ids.
    private struct Listed: Decodable {
        var id: String
        var createdAt: String?
        var updateIDs: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: StatuspageAPI.Incident.CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
            var updates = try container.nestedUnkeyedContainer(forKey: .incidentUpdates)
            var ids: [String] = []
            while !updates.isAtEnd {
                let update = try updates.nestedContainer(keyedBy: StatuspageAPI.IncidentUpdate.CodingKeys.self)
                ids.append(try update.decode(String.self, forKey: .id))
            }
            updateIDs = ids
        }
    }
}
