import Foundation

extension IncidentEditor {
    /// What the editor shows below the text of an update to `incident` (see `EditorMessage`):
    /// the incident, its status now, its components, the status being posted and the message
    /// templates that could be used instead.
    ///
    /// - Parameters:
    ///   - incident: The incident as parsed, or nil when its file has errors.
    ///   - path: Its file, relative to the site's folder.
    ///   - status: The status being posted, as the operator wrote it.
    ///   - templates: The names of the message templates.
    package func editorContext(updating incident: Incident?, path: String, posting status: String, templates: [String])
        -> [String]
    {
        var lines = ["Update to: \(incident?.title ?? path) (\(path))"]
        if let incident {
            let now = incident.maintenanceStatus(at: self.now) ?? incident.status
            lines.append("Status now: \(now.rawValue); this update: \(UpdateStatus(word: status)?.rawValue ?? status)")
            lines.append("Components: " + componentsText(incident.components))
        } else {
            lines.append("This update: \(UpdateStatus(word: status)?.rawValue ?? status)")
        }
        return lines + templateLines(templates)
    }

    /// What the editor shows below the first update of a new incident or maintenance.
    ///
    /// - Parameters:
    ///   - title: The title.
    ///   - components: The component ids.
    ///   - impact: The impact, for an incident.
    ///   - window: The window's start and end as written, for a maintenance.
    ///   - isNotice: Whether it is an informational notice.
    ///   - status: The first update's status.
    ///   - templates: The names of the message templates.
    package func editorContext(
        new title: String,
        components: [String],
        impact: String?,
        window: (start: String, end: String)?,
        isNotice: Bool = false,
        posting status: String,
        templates: [String]
    ) -> [String] {
        var lines: [String]
        if isNotice {
            lines = ["New notice: \(title)"]
        } else if let window {
            lines = ["New maintenance: \(title)"]
            lines.append(
                "Window: " + (windowText(start: window.start, end: window.end) ?? "\(window.start) to \(window.end)"))
        } else {
            lines = ["New incident: \(title)", "Impact: \(impact ?? "none")"]
        }
        let names = components.map { id in config.components.first { $0.id == id }?.name ?? id }
        lines.append("Components: " + (names.isEmpty ? "none" : names.joined(separator: ", ")))
        lines.append("First update: \(UpdateStatus(word: status)?.rawValue ?? status)")
        return lines + templateLines(templates)
    }

    private func componentsText(_ components: [AffectedComponent]) -> String {
        guard !components.isEmpty else { return "none" }
        return components.map { affected in
            let name = config.components.first { $0.id == affected.id }?.name ?? affected.id
            return "\(name) (\(affected.status.label.lowercased()))"
        }
        .joined(separator: ", ")
    }

    private func templateLines(_ templates: [String]) -> [String] {
        guard !templates.isEmpty else { return [] }
        return [
            "", "Instead of writing, --template NAME uses a ready-made message:", templates.joined(separator: ", "),
        ]
    }
}
