import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore
@testable import HeraldNotify

/// Update ids and the previous state: a previous build's API files (on disk or downloaded), what
/// other tools' files may leave out, and git revisions.
extension NotifyTests {
    @Test func updateIdsAreTheAPIsIdsAndOldestComeFirst() async throws {
        let site = try Self.site()
        let notices = UpdateNotice.all(in: site)
        let api = StatuspageAPI(site: site, index: SiteIndex(site: site), status: SiteStatus(site: site))
        let files = try api.files()
        var apiIDs: Set<String> = []
        for file in files where file.path.hasSuffix("incidents.json") || file.path.hasSuffix("maintenances.json") {
            struct Update: Decodable { var id: String }
            struct Incident: Decodable {
                var incidentUpdates: [Update]
            }
            struct List: Decodable {
                var incidents: [Incident]?
                var scheduledMaintenances: [Incident]?
            }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let list = try decoder.decode(List.self, from: file.data)
            for incident in (list.incidents ?? []) + (list.scheduledMaintenances ?? []) {
                apiIDs.formUnion(incident.incidentUpdates.map(\.id))
            }
        }
        #expect(Set(notices.map(\.id)) == apiIDs)
        #expect(notices.map(\.time) == notices.map(\.time).sorted())
        #expect(notices.first?.id == "2026-12-06-database-update-20261126T100000Z")
        #expect(notices.first?.isMaintenance == true)
        #expect(notices.first?.impactLabel == "Maintenance")
    }

    @Test func aPreviousIncidentsJSONFileMarksItsUpdatesAsOld() async throws {
        let before = try Self.site([("2026-11-26-payments", Self.payments), ("2026-12-06-database", Self.maintenance)])
        let folder = try Fixture.temporaryFolder()
        let api = StatuspageAPI(site: before, index: SiteIndex(site: before), status: SiteStatus(site: before))
        for file in try api.files() {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
        let after = try Self.site()
        let state = PreviousState("api/v2/incidents.json", workingDirectory: folder)
        #expect(state == .file(folder.appendingPathComponent("api/v2/incidents.json").standardizedFileURL))
        let published = try await state.load(
            root: folder, config: after.config, now: Fixture.now, transport: URLSessionTransport(),
            timeout: .seconds(30)
        )
        let new = published.newUpdates(in: UpdateNotice.all(in: after))
        #expect(new.map(\.id) == ["2026-11-26-api-update-20261126T160000Z"])

        // Without the maintenances file beside it, maintenance updates up to the page's last update
        // count as published.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("api/v2/scheduled-maintenances.json"))
        let withoutMaintenances = try await state.load(
            root: folder, config: after.config, now: Fixture.now, transport: URLSessionTransport(),
            timeout: .seconds(30)
        )
        #expect(withoutMaintenances.newUpdates(in: UpdateNotice.all(in: after)).map(\.id) == new.map(\.id))

        // A folder means a built site.
        #expect(PreviousState(folder.path, workingDirectory: folder) == state)
    }

    @Test func aFileWithOnlyTheIdsStillReads() throws {
        // Another tool's incidents.json, or an older one: no page and none of the keys notify does
        // not use (a whole StatuspageAPI.Incident needs them all).
        let onlyIDs = #"{"incidents":[{"id":"2026-11-26-payments","incident_updates":[{"id":"\#(Self.monitoring)"}]}]}"#
        let published = try PublishedUpdates(incidentsJSON: Data(onlyIDs.utf8), maintenancesJSON: nil, source: "a")
        #expect(published.ids == [Self.monitoring])
        #expect(published.incidentIDs == ["2026-11-26-payments"])
        #expect(published.incidentHorizon == nil)
        // Without the page's updated_at or the maintenances file, every maintenance update counts as
        // published.
        #expect(published.maintenanceCutoff == .distantFuture)
        #expect(
            published.newUpdates(in: UpdateNotice.all(in: try Self.site())).map(\.id) == [
                "2026-11-26-payments-update-20261126T140500Z", "2026-11-26-payments-update-20261126T154000Z",
                "2026-11-26-api-update-20261126T160000Z",
            ])

        // Statuspage's nulls read as missing values.
        let nulls = #"{"page":null,"incidents":[{"id":"a","created_at":null,"incident_updates":[]}]}"#
        let maintenances = #"{"scheduled_maintenances":[{"id":"m","incident_updates":[{"id":"m-1"}]}]}"#
        let withNulls = try PublishedUpdates(
            incidentsJSON: Data(nulls.utf8), maintenancesJSON: Data(maintenances.utf8), source: "b")
        #expect(withNulls.ids == ["m-1"])
        #expect(withNulls.incidentIDs == ["a", "m"])
        #expect(withNulls.maintenanceCutoff == nil)

        // A maintenances file that is not one is left out; the page's last update is the cutoff.
        let page = #"{"page":{"updated_at":"2026-11-26T12:00:00.000Z"},"incidents":[]}"#
        let cutoff = try PublishedUpdates(
            incidentsJSON: Data(page.utf8), maintenancesJSON: Data("{}".utf8), source: "c")
        #expect(cutoff.maintenanceCutoff == ISO8601DateFormatter().date(from: "2026-11-26T12:00:00Z"))
    }

    @Test func aFullIncidentsJSONSetsTheHorizonFromItsOldestIncident() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let oldest = Fixture.now.addingTimeInterval(-86_400 * Double(StatuspageAPI.incidentLimit))
        let incidents = (0..<StatuspageAPI.incidentLimit).map { day in
            let created = formatter.string(from: oldest.addingTimeInterval(86_400 * Double(day)))
            return #"{"id":"i\#(day)","created_at":"\#(created)","incident_updates":[{"id":"u\#(day)"}]}"#
        }
        let json = #"{"incidents":["# + incidents.joined(separator: ",") + "]}"
        let published = try PublishedUpdates(incidentsJSON: Data(json.utf8), maintenancesJSON: nil, source: "full")
        #expect(published.incidentHorizon == oldest)
        #expect(published.ids.count == StatuspageAPI.incidentLimit)
    }

    @Test func aFileWithoutTheListsIsRefused() {
        for text in [
            "{}", "[]", #"{"incidents":[{"id":"a"}]}"#, #"{"incidents":[{"id":"a","incident_updates":[{}]}]}"#,
            #"{"scheduled_maintenances":[]}"#,
        ] {
            #expect(throws: NotifyError.self, "\(text)") {
                try PublishedUpdates(incidentsJSON: Data(text.utf8), maintenancesJSON: nil, source: "x")
            }
        }
    }

    @Test func sinceTellsURLsFilesAndRevisionsApart() throws {
        let folder = try Fixture.temporaryFolder()
        try Data("{}".utf8).write(to: folder.appendingPathComponent("HEAD"))
        let base = folder.standardizedFileURL
        #expect(
            PreviousState("https://status.example.com", workingDirectory: folder)
                == .url(URL(string: "https://status.example.com/api/v2/incidents.json")!))
        #expect(
            PreviousState("https://status.example.com/v2.json", workingDirectory: folder)
                == .url(URL(string: "https://status.example.com/v2.json")!))
        #expect(PreviousState("HEAD", workingDirectory: folder) == .file(base.appendingPathComponent("HEAD")))
        #expect(PreviousState("git:HEAD", workingDirectory: folder) == .gitRevision("HEAD"))
        #expect(PreviousState("HEAD~1", workingDirectory: folder) == .gitRevision("HEAD~1"))
        #expect(
            PreviousState("file:gone.json", workingDirectory: folder) == .file(base.appendingPathComponent("gone.json"))
        )
        #expect(PreviousState("/abs/incidents.json", workingDirectory: folder) == .gitRevision("/abs/incidents.json"))
    }

    @Test func aPreviousStateCanBeDownloaded() async throws {
        let before = try Self.site([("2026-11-26-payments", Self.payments)])
        let api = StatuspageAPI(site: before, index: SiteIndex(site: before), status: SiteStatus(site: before))
        let server = try LoopbackServer()
        let base = try await server.start()
        defer { Task { await server.stop() } }
        for file in try api.files() { await server.serve("/status/" + file.path, file.data) }
        let state = PreviousState(base.absoluteString + "/status/", workingDirectory: Fixture.repositoryRoot)
        #expect(state == .url(URL(string: base.absoluteString + "/status/api/v2/incidents.json")!))
        let after = try Self.site()
        let published = try await state.load(
            root: Fixture.repositoryRoot, config: after.config, now: Fixture.now, transport: URLSessionTransport(),
            timeout: .seconds(30))
        let new = published.newUpdates(in: UpdateNotice.all(in: after))
        #expect(
            new.map(\.id) == [
                "2026-12-06-database-update-20261126T100000Z", "2026-11-26-api-update-20261126T160000Z",
            ])
        let paths = await server.requests.map(\.path)
        #expect(paths.contains("/status/api/v2/scheduled-maintenances.json"))

        let missing = PreviousState(
            base.absoluteString + "/nothing/incidents.json", workingDirectory: Fixture.repositoryRoot)
        await #expect(throws: NotifyError.self) {
            try await missing.load(
                root: Fixture.repositoryRoot, config: after.config, now: Fixture.now,
                transport: URLSessionTransport(), timeout: .seconds(30))
        }
    }

    @Test func aGitRevisionIsReadWithGit() async throws {
        let repository = try Fixture.temporaryFolder()
        let root = repository.appendingPathComponent("status")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("incidents"), withIntermediateDirectories: true)
        let config = """
            title: Example Status
            url: https://status.example.com/
            timezone: Europe/Berlin
            components:
              - id: api
                name: API
              - id: payments
                name: Payments
              - id: billing-emails
                name: Billing emails
            """
        try config.write(to: root.appendingPathComponent("herald.yml"), atomically: true, encoding: .utf8)
        try Self.payments.write(
            to: root.appendingPathComponent("incidents/2026-11-26-payments.md"), atomically: true, encoding: .utf8)
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["git", "-C", repository.path, "-c", "user.name=Test", "-c", "user.email=t@example.com"]
                + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        try git("init", "-q")
        try git("add", "-A")
        try git("commit", "-q", "-m", "first")
        try Self.api.write(
            to: root.appendingPathComponent("incidents/2026-11-26-api.md"), atomically: true, encoding: .utf8)
        let edited = Self.payments.replacingOccurrences(
            of: "## Resolved", with: "## Update — 2026-11-26 15:50 UTC\nStill fine.\n\n## Resolved")
        try edited.write(
            to: root.appendingPathComponent("incidents/2026-11-26-payments.md"), atomically: true, encoding: .utf8)
        try git("add", "-A")
        try git("commit", "-q", "-m", "second")

        let current = try Self.site([("2026-11-26-payments", edited), ("2026-11-26-api", Self.api)])
        for argument in ["HEAD~1", "git:HEAD~1"] {
            let state = PreviousState(argument, workingDirectory: root)
            #expect(state == .gitRevision("HEAD~1"))
            let published = try await state.load(
                root: root, config: current.config, now: Fixture.now, transport: URLSessionTransport(),
                timeout: .seconds(30))
            #expect(
                published.newUpdates(in: UpdateNotice.all(in: current)).map(\.id) == [
                    "2026-11-26-payments-update-20261126T155000Z", "2026-11-26-api-update-20261126T160000Z",
                ])
        }
        let unknown = PreviousState("no-such-revision", workingDirectory: root)
        await #expect(throws: NotifyError.self) {
            try await unknown.load(
                root: root, config: current.config, now: Fixture.now, transport: URLSessionTransport(),
                timeout: .seconds(30))
        }
    }
}
