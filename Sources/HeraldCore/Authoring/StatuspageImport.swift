import Foundation

/// Turns a Statuspage export into incident files: `herald import statuspage FILE`.
///
/// The file is what Statuspage's API returns for a page's incidents (`incidents.json`, or
/// `scheduled-maintenances.json`), whether the list is under `incidents`,
/// `scheduled_maintenances`, or is the whole file. Herald's own `api/v2/incidents/all.json` has
/// the same shape. Each incident becomes `incidents/<first day>-<title>.md` with its updates,
/// newest first, and the components it affected:
/// - a component is matched to herald.yml's by `mapping`, by id, by the id its name makes, or by
///   name; one that matches none is an error naming it, so that it is mapped or added first;
/// - the first update's `affected_components` give the front matter's statuses (else the
///   impact's), and each later update's its `Components:` line, so the status changes as it did;
///   a maintenance's components are under maintenance while it runs;
/// - times are written in UTC, with seconds when they have any; two updates of one incident in
///   the same second are an error;
/// - a maintenance (`scheduled_for` and `scheduled_until`) gets its window.
/// Nothing is written unless every incident converts and checks clean, and no file is
/// overwritten.
package struct StatuspageImport: Sendable {
    /// The site's configuration, whose components the export's are matched to.
    package var config: SiteConfig
    /// The clock, for checking the files as a build would.
    package var now: Date
    /// Statuspage component ids or names, each with the herald.yml id it becomes, for components
    /// whose names differ (`--component "Legacy FTP=ftp"`).
    package var mapping: [String: String]

    /// Creates an importer.
    package init(config: SiteConfig, now: Date, mapping: [String: String] = [:]) {
        self.config = config
        self.now = now
        self.mapping = mapping
    }

    /// One file to write.
    package struct File: Sendable, Equatable {
        /// The path relative to the site's folder.
        package var path: String
        /// The file's text.
        package var text: String
        /// Whether it is a scheduled maintenance.
        package var isMaintenance: Bool
    }

    /// The files for the export in `data`.
    ///
    /// - Parameters:
    ///   - data: The export's bytes.
    ///   - source: The export's path, for messages.
    ///   - existing: The paths already in `incidents/`, which are never reused.
    /// - Returns: The files, or every problem found.
    package func files(from data: Data, source: String, existing: Set<String>) -> Result<[File], DiagnosticsError> {
        let incidents: [Export.Incident]
        do {
            incidents = try Export.incidents(in: data)
        } catch {
            return .failure(
                DiagnosticsError([
                    Diagnostic(
                        at: SourceLocation(path: source),
                        "not a Statuspage export: \(error); expected the JSON of incidents.json or"
                            + " scheduled-maintenances.json")
                ]))
        }
        var problems: [Diagnostic] = []
        let ids = config.components.map(\.id)
        for (from, to) in mapping.sorted(by: { $0.key < $1.key }) where !ids.contains(to) {
            problems.append(
                Diagnostic(
                    at: SourceLocation(path: "--component"),
                    "'\(from)=\(to)' names no component of herald.yml", expected: ids,
                    suggestion: Suggestion.didYouMean(to, in: ids)))
        }
        guard problems.isEmpty else { return .failure(DiagnosticsError(problems)) }
        var files: [File] = []
        var taken = existing
        for incident in incidents {
            switch file(for: incident, source: source, taken: taken) {
            case .success(let file):
                taken.insert(file.path)
                files.append(file)
            case .failure(let error):
                problems += error.diagnostics
            }
        }
        // One message per unknown component, not one per incident that names it.
        var seen = Set<String>()
        problems = problems.filter { seen.insert($0.message).inserted }
        return problems.isEmpty ? .success(files) : .failure(DiagnosticsError(problems))
    }

    private func file(for incident: Export.Incident, source: String, taken: Set<String>) -> Result<
        File, DiagnosticsError
    > {
        let at = SourceLocation(path: source)
        func failure(_ message: String) -> Result<File, DiagnosticsError> {
            .failure(DiagnosticsError([Diagnostic(at: at, "incident '\(incident.id)' (\(incident.name)): \(message)")]))
        }
        var window: (start: Date, end: Date)?
        if let start = incident.scheduledFor.flatMap(Self.date), let end = incident.scheduledUntil.flatMap(Self.date) {
            window = (start, end)
        }
        let allowed = window == nil ? UpdateStatus.incidentStatuses : UpdateStatus.maintenanceStatuses
        let notice = incident.heraldNotice
        var updates: [(status: UpdateStatus, time: Date, body: String, affected: [Export.Affected])] = []
        for update in incident.incidentUpdates {
            guard let time = Self.date(update.displayAt ?? update.createdAt) ?? Self.date(update.createdAt) else {
                return failure("update time '\(update.createdAt)' is not an ISO 8601 time")
            }
            // A Herald notice's updates all read `resolved`: the first is its `Notice`, below.
            if notice != nil {
                updates.append((.update, time, update.body ?? "", []))
                continue
            }
            guard let status = UpdateStatus(word: update.status), allowed.contains(status) else {
                return failure(
                    "update status '\(update.status)' is not one of "
                        + allowed.map { $0.rawValue.lowercased().replacingOccurrences(of: " ", with: "_") }
                        .joined(separator: ", "))
            }
            updates.append((status, time, update.body ?? "", update.affectedComponents ?? []))
        }
        updates.sort { $0.time > $1.time }
        if notice != nil, !updates.isEmpty { updates[updates.count - 1].status = .notice }
        for (newer, older) in zip(updates, updates.dropFirst())
        where Int(newer.time.timeIntervalSince1970) == Int(older.time.timeIntervalSince1970) {
            return failure("two updates at \(Timestamp.iso8601(newer.time)); Herald needs a second between them")
        }
        guard !updates.isEmpty || window != nil else { return failure("it has no updates") }

        // Components: matched to herald.yml's. The first update's statuses go into the front
        // matter, each later update's into its `Components:` line.
        var unknown: [Diagnostic] = []
        var order: [String] = []
        func match(id: String, name: String) -> String? {
            if let mapped = mapping[id] ?? mapping[name] { return mapped }
            if let found = config.components.first(where: {
                $0.id == id || $0.id == Identifier.slugify(name) || $0.name.caseInsensitiveCompare(name) == .orderedSame
            }) {
                return found.id
            }
            unknown.append(
                Diagnostic(
                    at: at,
                    "component '\(name)' (Statuspage id '\(id)') is not in herald.yml; add it under components:"
                        + " (id: \(Identifier.slugify(name)), name: \(name)), or map it to one with"
                        + " --component '\(name)=ID', then import again",
                    expected: config.components.map(\.id),
                    suggestion: Suggestion.didYouMean(Identifier.slugify(name), in: config.components.map(\.id))
                ))
            return nil
        }
        for component in incident.components ?? [] {
            if let id = match(id: component.id, name: component.name), !order.contains(id) { order.append(id) }
        }
        // Each update's statuses by herald.yml id, oldest update last like `updates`.
        let stated: [[AffectedComponent]] = updates.map { update in
            var result: [AffectedComponent] = []
            for affected in update.affected {
                guard let id = match(id: affected.code, name: affected.name) else { continue }
                if !order.contains(id) { order.append(id) }
                if let word = affected.newStatus, let status = ComponentStatus(rawValue: word),
                    !result.contains(where: { $0.id == id })
                {
                    result.append(AffectedComponent(id: id, status: status))
                }
            }
            return result
        }
        guard unknown.isEmpty else { return .failure(DiagnosticsError(unknown)) }
        let initial = Dictionary((stated.last ?? []).map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        // A component first given a status by a later update joins the incident there.
        let joinsLater = Set(stated.dropLast().flatMap { $0 }.map(\.id)).subtracting(initial.keys)
        // A maintenance lists every component: they are under maintenance while it runs.
        let frontMatter = window != nil ? order : order.filter { initial[$0] != nil || !joinsLater.contains($0) }

        // The file.
        let first = window?.start ?? updates.last?.time ?? Self.date(incident.createdAt) ?? now
        let day = CivilTime(first, in: config.timeZone)
        let stem =
            "incidents/\(Timestamp.pad(day.year, 4))-\(Timestamp.pad(day.month))-\(Timestamp.pad(day.day))-"
            + Slug.fileName(forTitle: incident.name)
        var path = stem + ".md"
        var suffix = 2
        while taken.contains(path) {
            path = "\(stem)-\(suffix).md"
            suffix += 1
        }
        var text = "---\n# Imported from Statuspage incident \(incident.id)\n"
        text += "title: \(YAMLText.quoted(incident.name))\n"
        if let window {
            text +=
                "maintenance:\n  start: \(Timestamp.iso8601(window.start))\n  end: \(Timestamp.iso8601(window.end))\n"
        } else if let notice {
            text += notice.until.map { "notice:\n  until: \($0)\n" } ?? "notice: true\n"
        } else {
            let impact = Impact(rawValue: incident.impact ?? "none") ?? .none
            text += "impact: \(impact.rawValue)\n"
            if let started = incident.startedAt.flatMap(Self.date), started < (updates.last?.time ?? started) {
                text += "started: \(Timestamp.iso8601(started))\n"
            }
        }
        if !frontMatter.isEmpty {
            if initial.isEmpty || window != nil || notice != nil {
                text += "components: [\(frontMatter.joined(separator: ", "))]\n"
            } else {
                text += "components:\n"
                for id in frontMatter {
                    let status =
                        initial[id] ?? (Impact(rawValue: incident.impact ?? "") ?? .minor).defaultComponentStatus
                    text += "  \(id): \(status.rawValue)\n"
                }
            }
        }
        text += "---\n"
        for (offset, update) in updates.enumerated() {
            text += "\n## \(update.status.rawValue) \u{2014} \(Self.heading(update.time))\n"
            // A resolution returns every component to operational without saying so.
            let line = stated[offset].filter { update.status != .resolved || $0.status != .operational }
            if window == nil, offset < updates.count - 1, !line.isEmpty {
                text += IncidentEditor.componentsLine(line) + "\n"
            }
            let body = update.body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
                in: .whitespacesAndNewlines)
            if !body.isEmpty { text += body + "\n" }
        }
        let checked = IncidentParser(config: config, now: now).parse(SourceFile(path: path, text: text))
        let errors = checked.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            return .failure(
                DiagnosticsError(
                    errors.map {
                        Diagnostic(
                            at: at, "incident '\(incident.id)' (\(incident.name)) does not convert: \($0.message)")
                    }
                ))
        }
        return .success(File(path: path, text: text, isMaintenance: window != nil))
    }

    /// `2026-11-26 15:40 UTC`, or `2026-11-26 15:40:12 UTC` when the time has seconds.
    static func heading(_ date: Date) -> String {
        let iso = Timestamp.iso8601(date)
        let seconds = iso.dropFirst(17).prefix(2)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(seconds == "00" ? 5 : 8)) + " UTC"
    }

    /// An API time, to the whole second (headings have no fractions).
    static func date(_ text: String) -> Date? {
        Timestamp.apiTime(text).map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }

    /// The parts of Statuspage's JSON the import reads.
    enum Export {
        struct Incident: Decodable {
            var id: String
            var name: String
            var impact: String?
            var createdAt: String
            var startedAt: String?
            var scheduledFor: String?
            var scheduledUntil: String?
            var incidentUpdates: [Update]
            var components: [Component]?
            /// Set on the notices of Herald's own export.
            var heraldNotice: Notice?
        }
        struct Notice: Decodable {
            var until: String?
        }
        struct Update: Decodable {
            var status: String
            var body: String?
            var createdAt: String
            var displayAt: String?
            var affectedComponents: [Affected]?
        }
        struct Affected: Decodable {
            var code: String
            var name: String
            var oldStatus: String?
            var newStatus: String?
        }
        struct Component: Decodable {
            var id: String
            var name: String
        }
        struct Lists: Decodable {
            var incidents: [Incident]?
            var scheduledMaintenances: [Incident]?
        }

        /// The incidents of any of the export's forms.
        static func incidents(in data: Data) throws -> [Incident] {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            if let list = try? decoder.decode([Incident].self, from: data) { return list }
            let lists = try decoder.decode(Lists.self, from: data)
            guard lists.incidents != nil || lists.scheduledMaintenances != nil else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [], debugDescription: "it has neither incidents nor scheduled_maintenances"))
            }
            return (lists.incidents ?? []) + (lists.scheduledMaintenances ?? [])
        }
    }
}
