import Foundation
import HeraldCore

/// Where `herald notify --since` reads the previously published state from.
///
/// The argument is read in this order:
/// 1. `http://…` or `https://…`: the live site's `api/v2/incidents.json` (a URL ending in `/`
///    is taken as the site's root, and `api/v2/incidents.json` is added);
/// 2. `file:PATH`, or a path to an existing file or folder: a previous build's
///    `api/v2/incidents.json` (a folder is taken as a built site, and `api/v2/incidents.json` is
///    added);
/// 3. `git:REV`, or anything else: a git revision of the site's content (`HEAD~1`, a commit id,
///    a branch), read with `git` in the site's folder.
///
/// Beside `incidents.json`, its sibling `scheduled-maintenances.json` is read too when it exists,
/// so that maintenance updates are compared by id as well.
package enum PreviousState: Sendable, Equatable, CustomStringConvertible {
    /// A previous `incidents.json` on disk.
    case file(URL)
    /// The live `incidents.json`.
    case url(URL)
    /// A git revision of the content.
    case gitRevision(String)

    /// Reads the `--since` argument.
    ///
    /// - Parameters:
    ///   - argument: What the user wrote.
    ///   - workingDirectory: The folder relative paths start from.
    package init(_ argument: String, workingDirectory: URL) {
        let lowered = argument.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://"), var url = URL(string: argument) {
            if url.path.isEmpty || url.absoluteString.hasSuffix("/") {
                url = url.appendingPathComponent("api/v2/incidents.json")
            }
            self = .url(url)
            return
        }
        if argument.hasPrefix("git:") {
            self = .gitRevision(String(argument.dropFirst(4)))
            return
        }
        let path = argument.hasPrefix("file:") ? String(argument.dropFirst(5)) : argument
        var url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : workingDirectory.appendingPathComponent(path))
            .standardizedFileURL
        var isDirectory: ObjCBool = false
        if argument.hasPrefix("file:") || FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { url = url.appendingPathComponent("api/v2/incidents.json") }
            self = .file(url)
            return
        }
        self = .gitRevision(argument)
    }

    package var description: String {
        switch self {
        case .file(let url): url.path
        case .url(let url): url.absoluteString
        case .gitRevision(let revision): "git revision \(revision)"
        }
    }

    /// Reads the updates the previous state published.
    ///
    /// - Parameters:
    ///   - root: The site's folder (for git revisions).
    ///   - config: The current configuration, used to read old incidents when the old
    ///     `herald.yml` cannot be read.
    ///   - now: The run's clock.
    ///   - transport: HTTP for URLs.
    ///   - timeout: How long one download may take.
    /// - Returns: The published updates.
    /// - Throws: `NotifyError` when the state cannot be read.
    package func load(
        root: URL,
        config: SiteConfig,
        now: Date,
        transport: any HTTPTransport,
        timeout: Duration
    ) async throws(NotifyError) -> PublishedUpdates {
        switch self {
        case .file(let url):
            guard let incidents = FileManager.default.contents(atPath: url.path) else {
                throw .unreadablePrevious(url.path, "no such file")
            }
            let sibling = url.deletingLastPathComponent().appendingPathComponent("scheduled-maintenances.json")
            let maintenances = FileManager.default.contents(atPath: sibling.path)
            return try PublishedUpdates(incidentsJSON: incidents, maintenancesJSON: maintenances, source: url.path)
        case .url(let url):
            let incidents = try await Self.download(url, transport: transport, timeout: timeout)
            let sibling = url.deletingLastPathComponent().appendingPathComponent("scheduled-maintenances.json")
            let maintenances = try? await Self.download(sibling, transport: transport, timeout: timeout)
            return try PublishedUpdates(
                incidentsJSON: incidents, maintenancesJSON: maintenances, source: url.absoluteString)
        case .gitRevision(let revision):
            let site = try GitContent(root: root, revision: revision).site(currentConfig: config, now: now)
            return PublishedUpdates(site: site)
        }
    }

    private static func download(_ url: URL, transport: any HTTPTransport, timeout: Duration) async throws(NotifyError)
        -> Data
    {
        let response: TransportResponse
        do {
            response = try await transport.send(
                TransportRequest(
                    method: "GET",
                    url: url,
                    headers: ["Accept": "application/json", "Cache-Control": "no-cache"],
                    timeout: timeout
                )
            )
        } catch {
            throw .unreadablePrevious(url.absoluteString, "\(error.localizedDescription)")
        }
        if (300..<400).contains(response.status) {
            let location = response.headers["location"].map { " to \($0)" } ?? ""
            throw .unreadablePrevious(
                url.absoluteString,
                "the server answered HTTP \(response.status), a redirect\(location); notify follows no redirects: pass the final URL"
            )
        }
        guard response.status == 200 else {
            throw .unreadablePrevious(url.absoluteString, "the server answered HTTP \(response.status)")
        }
        return response.body
    }
}
