import Foundation

/// The whole site as values: its configuration, its published incidents, and the build's clock.
package struct Site: Sendable {
    /// The configuration from `herald.yml`.
    package var config: SiteConfig
    /// Published incidents (drafts left out), newest first by start time, then by slug.
    package var incidents: [Incident]
    /// The instant the site is built for.
    package var now: Date
    /// The instant its content is shown as of: `now` while an incident is open or a maintenance
    /// runs, else its last change by the clock (`SiteClock.asOf`). Uptime is measured up to it,
    /// and pages say they were last updated then, so that rebuilding an unchanged site changes
    /// nothing.
    package var asOf: Date

    /// Creates a site; drafts are dropped, the updates the clock has posted for maintenances by
    /// `now` are added (`MaintenanceEvents`), and incidents sorted.
    package init(config: SiteConfig, incidents: [Incident], now: Date, events: MaintenanceEvents = .english) {
        self.config = config
        self.incidents = incidents.filter { !$0.draft }.map { events.adding(to: $0, now: now) }.sorted {
            ($0.started, $1.slug) > ($1.started, $0.slug)
        }
        self.now = now
        self.asOf = SiteClock.asOf(config: config, incidents: self.incidents, now: now)
    }

    /// Checks that hold across files: every slug is unique.
    ///
    /// - Returns: One error per file that repeats a slug.
    package static func crossFileDiagnostics(_ incidents: [Incident], files: [SourceFile]) -> [Diagnostic] {
        var bySlug: [String: [Incident]] = [:]
        for incident in incidents { bySlug[incident.slug, default: []].append(incident) }
        let fileByPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for (slug, group) in bySlug where group.count > 1 {
            let paths = group.map(\.sourcePath).sorted()
            for incident in group {
                let others = paths.filter { $0 != incident.sourcePath }.joined(separator: ", ")
                var message = "duplicate slug '\(slug)', also used by \(others); give each incident its own 'slug:'"
                if let file = fileByPath[incident.sourcePath] {
                    let line = Self.slugLine(in: file)
                    let name = String((file.path.split(separator: "/").last ?? "").dropLast(3))
                    if line == nil, name != slug {
                        message =
                            "duplicate slug '\(slug)', made from this file's name, also used by \(others); rename"
                            + " one of the files or give each incident its own 'slug:'"
                    }
                    diagnostics.append(file.diagnostic(line: line ?? 1, message))
                } else {
                    diagnostics.append(Diagnostic(at: SourceLocation(path: incident.sourcePath), message))
                }
            }
        }
        return diagnostics.sorted { $0.location < $1.location }
    }

    /// The line of the `slug:` key, or nil when the slug comes from the file name.
    private static func slugLine(in file: SourceFile) -> Int? {
        var number = 0
        for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.hasPrefix("slug:") { return number }
            if number > 1, line.hasPrefix("---") { break }
        }
        return nil
    }
}
