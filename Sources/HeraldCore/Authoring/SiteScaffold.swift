import Foundation

/// The files `herald init` writes to start a status repository: a commented `herald.yml`, an
/// example incident marked as a draft, a `.gitignore` for Herald's own files, and the GitHub
/// Actions workflow that checks, builds, deploys and notifies.
///
/// The site uses the binary's built-in theme, so no theme folder is written.
package struct SiteScaffold: Sendable {
    /// The page's title.
    package var title: String
    /// The address the site will be published at.
    package var url: String
    /// The site's IANA time zone.
    package var timeZone: TimeZone
    /// The clock: the example incident's date and the components' `since`.
    package var now: Date
    /// Herald's GitHub repository, `owner/name`, for the workflow's `uses:`.
    package var repository: String
    /// The Herald version the workflow installs.
    package var version: String

    /// Creates a scaffold.
    package init(title: String, url: String, timeZone: TimeZone, now: Date, repository: String, version: String) {
        self.title = title
        self.url = url
        self.timeZone = timeZone
        self.now = now
        self.repository = repository
        self.version = version
    }

    /// The files, by path relative to the folder, in the order they are written.
    package var files: [(path: String, text: String)] {
        let day = CivilTime(now, in: timeZone)
        let date = "\(Timestamp.pad(day.year, 4))-\(Timestamp.pad(day.month))-\(Timestamp.pad(day.day))"
        let time = "\(Timestamp.pad(day.hour)):\(Timestamp.pad(day.minute))"
        return [
            ("herald.yml", config(date: date)),
            ("incidents/\(date)-example-incident.md", exampleIncident(date: date, time: time)),
            (".gitignore", Self.gitignore),
            (".github/workflows/status.yml", StatusWorkflow.text(repository: repository, version: version)),
        ]
    }

    /// Writes the files into `folder` (created if missing), all or none (see `NewFiles`).
    ///
    /// - Returns: The paths written, relative to the folder.
    /// - Throws: `DiagnosticsError` with an error at every file that exists already.
    package func write(into folder: URL) throws(DiagnosticsError) -> [String] {
        try NewFiles.write(files.map { ($0.path, Array($0.text.utf8)) }, into: folder, command: "herald init")
    }

    private func config(date: String) -> String {
        """
        # herald.yml: your status page's settings. Every key is explained in Herald's docs/herald-yml.md.

        # The page's title, and a sentence for search results and link previews.
        title: \(YAMLText.quoted(title))
        description: \(YAMLText.quoted("Live and historical status of our services."))
        # Where the site is published (a path such as https://example.com/status/ works too).
        url: \(YAMLText.quoted(url))
        # Pages show times in this IANA zone, and times written without a zone are read in it.
        timezone: \(timeZone.identifier)
        # The pages' language: ar, de, en, es, fr or ja (or a locales/<tag>.yml of your own theme).
        language: en

        # What your customers use, in the order the page lists them. Incidents name components by
        # their id; a group makes one level of grouping; since starts the 90-day uptime history.
        components:
          - id: website
            name: Website
            description: Our website and dashboard
            group: Core services
            since: \(date)
          - id: api
            name: API
            description: The package REST API
            group: Core services
            since: \(date)

        # Where herald notify posts new updates (Slack, Microsoft Teams, Discord or a webhook); each
        # URL comes from the environment variable that url_env names (docs/notify.md).
        # notify:
        #   - id: support
        #     type: slack
        #     url_env: SLACK_SUPPORT_WEBHOOK_URL

        """
    }

    private func exampleIncident(date: String, time: String) -> String {
        let t = CivilTime(now, in: timeZone)
        let offset = t.offsetSeconds == 0 ? "UTC" : OffsetFormat.iso(t.offsetSeconds)
        return """
            ---
            title: Example incident
            impact: minor
            components:
              api: degraded_performance
            # A draft is checked but never published. Delete this file once you have read it.
            draft: true
            ---

            Start a real incident with `herald new "Title" --impact minor --components api`, add
            updates with `herald update`, and finish with `herald resolve`.

            ## Investigating — \(date) \(time) \(offset)
            Some API requests are slower than usual. We're looking into it and will post an update
            within 30 minutes.

            """
    }

    private static let gitignore = """
        # Herald's output and bookkeeping: the built site, its staging and previous copies, the
        # notify delivery ledger and what the workflow remembers between runs.
        site/
        .site.herald-*/
        .herald-notify-ledger.json
        .herald-notify-since
        .herald-deployed

        """
}
