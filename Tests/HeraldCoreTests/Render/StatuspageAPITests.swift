import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The API files decode into Statuspage's documented v2 shapes (strictly: every field present, of
/// the right type, enums within Statuspage's values) and say what the page says.
@Suite(.serialized)
struct StatuspageAPITests {
    // Statuspage's documented shapes, written from its API reference independently of Herald's
    // encoder, with its enums.
    enum ComponentStatus: String, Decodable {
        case operational
        case degradedPerformance = "degraded_performance"
        case partialOutage = "partial_outage"
        case majorOutage = "major_outage"
        case underMaintenance = "under_maintenance"
    }
    enum IncidentStatus: String, Decodable { case investigating, identified, monitoring, resolved, postmortem }
    enum MaintenanceStatus: String, Decodable {
        case scheduled
        case inProgress = "in_progress"
        case verifying, completed
    }
    enum Impact: String, Decodable { case none, minor, major, critical, maintenance }
    enum Indicator: String, Decodable { case none, minor, major, critical, maintenance }

    struct Page: Decodable {
        let id: String
        let name: String
        let url: String
        let timeZone: String
        let updatedAt: String
    }
    struct Status: Decodable {
        let indicator: Indicator
        let description: String
    }
    struct Component: Decodable {
        let id: String
        let name: String
        let status: ComponentStatus
        let createdAt: String
        let updatedAt: String
        let position: Int
        let description: String?
        let showcase: Bool
        let startDate: String?
        let groupId: String?
        let pageId: String
        let group: Bool
        let onlyShowIfDegraded: Bool
        let components: [String]?
    }
    struct AffectedComponent: Decodable {
        let code: String
        let name: String
        let oldStatus: ComponentStatus
        let newStatus: ComponentStatus
    }
    struct IncidentUpdate: Decodable {
        let id: String
        let status: IncidentStatus
        let body: String
        let incidentId: String
        let createdAt: String
        let updatedAt: String
        let displayAt: String
        let affectedComponents: [AffectedComponent]?
    }
    struct Incident: Decodable {
        let id: String
        let name: String
        let status: IncidentStatus
        let createdAt: String
        let updatedAt: String
        let monitoringAt: String?
        let resolvedAt: String?
        let impact: Impact
        let shortlink: String
        let startedAt: String
        let pageId: String
        let incidentUpdates: [IncidentUpdate]
        let components: [Component]
    }
    struct Summary: Decodable {
        let page: Page
        let components: [Component]
        let incidents: [Incident]
        let scheduledMaintenances: [Maintenance]
        let status: Status
    }
    struct StatusFile: Decodable {
        let page: Page
        let status: Status
    }
    struct ComponentsFile: Decodable {
        let page: Page
        let components: [Component]
    }
    struct IncidentsFile: Decodable {
        let page: Page
        let incidents: [Incident]
    }
    struct Maintenance: Decodable {
        let id: String
        let name: String
        let status: MaintenanceStatus
        let createdAt: String
        let updatedAt: String
        let resolvedAt: String?
        let impact: Impact
        let shortlink: String
        let scheduledFor: String
        let scheduledUntil: String
        let pageId: String
        let components: [Component]
    }
    struct MaintenancesFile: Decodable {
        let page: Page
        let scheduledMaintenances: [Maintenance]
    }

    static func buildSample(root: URL = Fixture.repositoryRoot) async throws -> URL {
        let output = try Fixture.temporaryFolder().appendingPathComponent("site")
        _ = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
        return output
    }

    func decode<T: Decodable>(_ type: T.Type, _ site: URL, _ path: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(contentsOf: site.appendingPathComponent(path)))
    }

    static var timestamp: Regex<Substring> { #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/# }

    @Test func everyFileHasStatuspagesShapeAndSaysWhatThePageSays() async throws {
        let site = try await Self.buildSample()
        let summary = try decode(Summary.self, site, "api/v2/summary.json")
        let status = try decode(StatusFile.self, site, "api/v2/status.json")
        let components = try decode(ComponentsFile.self, site, "api/v2/components.json")
        let incidents = try decode(IncidentsFile.self, site, "api/v2/incidents.json")
        let unresolved = try decode(IncidentsFile.self, site, "api/v2/incidents/unresolved.json")
        // The sample has an upcoming, a cancelled and a completed maintenance at the pinned clock;
        // Statuspage has no cancelled status, so the cancelled one reads as completed.
        let maintenances = try decode(MaintenancesFile.self, site, "api/v2/scheduled-maintenances.json")
        #expect(maintenances.scheduledMaintenances.map(\.status) == [.scheduled, .completed, .completed])
        #expect(maintenances.scheduledMaintenances.allSatisfy { $0.impact == .maintenance })
        let upcoming = try decode(MaintenancesFile.self, site, "api/v2/scheduled-maintenances/upcoming.json")
        #expect(upcoming.scheduledMaintenances.map(\.id) == ["2026-12-06-payment-provider-migration"])
        #expect(upcoming.scheduledMaintenances.first?.scheduledFor == "2026-12-06T02:00:00.000Z")
        #expect(upcoming.scheduledMaintenances.first?.components.map(\.id) == ["payments", "payouts"])
        #expect(
            try decode(MaintenancesFile.self, site, "api/v2/scheduled-maintenances/active.json").scheduledMaintenances
                .isEmpty)
        #expect(maintenances.scheduledMaintenances.last?.resolvedAt == "2026-10-18T02:40:00.000Z")

        // The page: the sample has one open major incident on payments and billing emails.
        #expect(summary.page.url == "https://status.acme-cloud.example")
        #expect(summary.page.timeZone == "Europe/Berlin")
        #expect(status.status.indicator == .major)
        #expect(status.status.description == "Partial System Outage")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains(status.status.description))

        let byID = Dictionary(uniqueKeysWithValues: components.components.map { ($0.id, $0) })
        #expect(byID["payments"]?.status == .partialOutage)
        #expect(byID["billing-emails"]?.status == .degradedPerformance)
        #expect(byID["api"]?.status == .operational)
        #expect(byID["group-payments"]?.group == true)
        #expect(byID["group-payments"]?.components == ["payments", "payouts", "billing-emails"])
        #expect(byID["payments"]?.groupId == "group-payments")
        #expect(components.components.map(\.position) == Array(1...components.components.count))
        #expect(summary.components.map(\.id) == components.components.map(\.id))

        // Herald's uptime figures ride along in components.json under a prefixed key only. The
        // sample's single-sign-on outage held login down (major) for 52 minutes and the web app
        // partly (30 %): 3 120 s and 936 s of 89 days and 10 hours (the clock is 10:00 in Berlin).
        let raw = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("api/v2/components.json")))
                as? [String: Any])
        let rawComponents = try #require(raw["components"] as? [[String: Any]])
        let uptime = Dictionary(
            uniqueKeysWithValues: rawComponents.compactMap { component in
                (component["herald_uptime"] as? [String: [String: Any]]).map { (component["id"] as? String ?? "", $0) }
            })
        #expect(uptime["group-payments"] == nil)
        #expect(uptime["login"]?["last_90_days"]?["downtime_seconds"] as? Int == 3_120)
        #expect(uptime["login"]?["last_90_days"]?["measured_seconds"] as? Int == 89 * 86_400 + 36_000 + 3_600)
        #expect(uptime["login"]?["last_90_days"]?["uptime_percent"] as? Double == 99.95)
        #expect(uptime["dashboard"]?["last_90_days"]?["downtime_seconds"] as? Int == 936)
        #expect(uptime["login"]?["last_30_days"]?["downtime_seconds"] as? Int == 0)
        let summaryText = try String(contentsOf: site.appendingPathComponent("api/v2/summary.json"), encoding: .utf8)
        #expect(!summaryText.contains("herald_"))

        #expect(unresolved.incidents.map(\.id) == ["2026-11-27-delayed-payments"])
        #expect(summary.incidents.map(\.id) == unresolved.incidents.map(\.id))
        #expect(summary.scheduledMaintenances.map(\.id) == ["2026-12-06-payment-provider-migration"])
        let open = try #require(unresolved.incidents.first)
        #expect(open.status == .monitoring)
        #expect(open.impact == .major)
        #expect(open.resolvedAt == nil)
        #expect(open.shortlink == "https://status.acme-cloud.example/incidents/2026-11-27-delayed-payments/")
        #expect(open.components.map(\.id) == ["payments", "billing-emails"])
        #expect(open.incidentUpdates.map(\.status) == [.monitoring, .identified, .investigating])
        #expect(
            open.incidentUpdates.last?.affectedComponents?.map(\.newStatus) == [
                .degradedPerformance, .degradedPerformance,
            ])
        // The Identified update's `Components:` line, and nothing at Monitoring.
        #expect(open.incidentUpdates[1].affectedComponents?.map(\.code) == ["payments"])
        #expect(open.incidentUpdates[1].affectedComponents?.map(\.oldStatus) == [.degradedPerformance])
        #expect(open.incidentUpdates[1].affectedComponents?.map(\.newStatus) == [.partialOutage])
        #expect(open.incidentUpdates[0].affectedComponents == nil)

        // Ordering and formats.
        #expect(incidents.incidents.count == 12)
        let created = incidents.incidents.map(\.createdAt)
        #expect(created == created.sorted(by: >))
        for incident in incidents.incidents {
            let times = incident.incidentUpdates.map(\.createdAt)
            #expect(times == times.sorted(by: >), "\(incident.id)")
            for time in [incident.createdAt, incident.updatedAt, incident.startedAt] + times {
                #expect(time.wholeMatch(of: Self.timestamp) != nil, "\(time)")
            }
            #expect(incident.incidentUpdates.allSatisfy { $0.incidentId == incident.id })
            #expect((incident.resolvedAt == nil) == (incident.status != .resolved && incident.status != .postmortem))
        }
        let postmortem = try #require(incidents.incidents.first { $0.id == "2025-04-08-sign-in-outage" })
        #expect(postmortem.status == .postmortem)
        #expect(postmortem.resolvedAt != nil)
    }

    @Test func allJSONHoldsEveryIncidentAndIncidentsJSONTheNewestFifty() async throws {
        let root = try Fixture.copyOfSample()
        // 60 more incidents, one a day in 2024.
        for index in 0..<60 {
            let date = Date(timeIntervalSince1970: 1_704_067_200 + Double(index) * 86_400)
            let day = String(Timestamp.iso8601(date).prefix(10))
            let text = """
                ---
                title: Slow sign-in \(index)
                impact: minor
                components: [login]
                ---

                ## Resolved — \(day) 11:00 UTC
                Fixed.

                ## Investigating — \(day) 10:00 UTC
                Looking.
                """
            try text.write(
                to: root.appendingPathComponent("incidents/\(day)-slow-sign-in-\(index).md"), atomically: true,
                encoding: .utf8)
        }
        let output = try Fixture.temporaryFolder().appendingPathComponent("site")
        _ = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
        let all = try decode(IncidentsFile.self, output, "api/v2/incidents/all.json").incidents
        let newest = try decode(IncidentsFile.self, output, "api/v2/incidents.json").incidents
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("incidents").path)
        let maintenances = try decode(MaintenancesFile.self, output, "api/v2/scheduled-maintenances.json")
        #expect(all.count == files.count - maintenances.scheduledMaintenances.count)
        #expect(all.count > 60)
        #expect(newest.count == 50)
        #expect(newest.map(\.id) == all.prefix(50).map(\.id))
        #expect(all.allSatisfy { !$0.incidentUpdates.isEmpty })
        #expect(Set(all.map(\.id)).count == all.count)
    }

    @Test func idsSurviveTitleEdits() async throws {
        let root = try Fixture.copyOfSample()
        let before = try decode(IncidentsFile.self, try await Self.buildSample(root: root), "api/v2/incidents.json")
        let file = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "title: Delayed payment processing", with: "title: Payments are delayed")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let after = try decode(IncidentsFile.self, try await Self.buildSample(root: root), "api/v2/incidents.json")
        #expect(after.incidents.map(\.id) == before.incidents.map(\.id))
        #expect(
            after.incidents.flatMap { $0.incidentUpdates.map(\.id) }
                == before.incidents.flatMap { $0.incidentUpdates.map(\.id) }
        )
        #expect(after.incidents.contains { $0.name == "Payments are delayed" })
    }

    @Test func badgesNameTheStatusInText() async throws {
        let site = try await Self.buildSample()
        for (path, text) in [
            ("badge.svg", "status: Partial System Outage"),
            ("components/payments/badge.svg", "Card and bank payments: Partial outage"),
            ("components/api/badge.svg", "Public API: Operational"),
        ] {
            let data = try Data(contentsOf: site.appendingPathComponent(path))
            let collector = TextCollector()
            let parser = XMLParser(data: data)
            parser.delegate = collector
            #expect(parser.parse(), "\(path)")
            #expect(collector.texts["title"] == [text])
        }
    }

    @Test func theEmbedScriptCarriesOnlyOpenIncidentsAndStaysSmall() async throws {
        let site = try await Self.buildSample()
        let script = try String(contentsOf: site.appendingPathComponent("embed.js"), encoding: .utf8)
        #expect(script.utf8.count < 4096)
        #expect(script.contains("\"title\":\"Delayed payment processing\""))
        #expect(script.contains("\"components\":[\"payments\",\"billing-emails\"]"))
        #expect(!script.contains("Sign-in"))
        #expect(!script.contains("fetch(") && !script.contains("XMLHttpRequest") && !script.contains("document.cookie"))
    }

    @Test func theEmbeddedStateCannotEndTheScript() throws {
        let incident = HeraldCore.Incident(
            slug: "x",
            title: "</script><script>alert(1)</script> & \u{2028}",
            impact: .major,
            components: [],
            updates: [HeraldCore.IncidentUpdate(status: .investigating, time: Fixture.now, html: "", markdown: "")],
            sourcePath: "incidents/x.md"
        )
        let site = Site(config: Fixture.config, incidents: [incident], now: Fixture.now)
        let literal = try EmbedScript(site: site, status: SiteStatus(site: site)).stateLiteral()
        #expect(!literal.contains("<") && !literal.contains(">") && !literal.contains("&"))
        #expect(!literal.unicodeScalars.contains("\u{2028}"))
        #expect(literal.contains("\\u003c/script\\u003e"))
    }

    @Test func hostHeadersGiveShortCachesImmutableAssetsAndCORS() {
        let headers = HostHeaders.netlify()
        let rules = headers.components(separatedBy: "\n\n")
        func rule(_ path: String) -> String? { rules.first { $0.hasPrefix(path + "\n") } }
        #expect(rule("/assets/*")?.contains("immutable") == true)
        #expect(rule("/assets/*")?.contains("Access-Control") == false)
        for path in [
            "/api/*", "/history.rss", "/history.atom", "/feed.json", "/badge.svg", "/embed.js", "/components/*",
        ] {
            #expect(rule(path)?.contains("Access-Control-Allow-Origin: *") == true, "\(path)")
            #expect(rule(path)?.contains("max-age=60") == true, "\(path)")
        }
        // No path gets two Cache-Control rules (hosts would merge them into one broken header).
        let cached = rules.filter { $0.contains("Cache-Control") }.map { $0.prefix { $0 != "\n" } }
        #expect(Set(cached).count == cached.count)
        #expect(!cached.contains("/*"))
        // One Content-Security-Policy for every file, sent once: scripts only from the site itself.
        #expect(rule("/*")?.contains("Content-Security-Policy: default-src 'self'; img-src 'self' data:;") == true)
        #expect(rules.filter { $0.contains("Content-Security-Policy") }.count == 1)
        #expect(!HostHeaders.contentSecurityPolicy.contains("script-src"))
    }

    /// Keys Statuspage always sends are written as null when empty, and read back as nil whether
    /// they are null or missing (an older or another tool's file).
    @Test func nullableKeysAreWrittenAsNullAndReadWhenMissing() throws {
        let period = StatuspageAPI.HeraldUptime.Period(uptimePercent: nil, downtimeSeconds: 0, measuredSeconds: 0)
        let json = String(decoding: try JSONOutput.encode(period), as: UTF8.self)
        #expect(json.contains(#""uptime_percent" : null"#))
        let missing = try JSONDecoder().decode(
            StatuspageAPI.HeraldUptime.Period.self, from: Data(#"{"downtime_seconds": 5, "measured_seconds": 9}"#.utf8))
        #expect(
            missing == StatuspageAPI.HeraldUptime.Period(uptimePercent: nil, downtimeSeconds: 5, measuredSeconds: 9))
        let present = try JSONDecoder().decode(
            StatuspageAPI.HeraldUptime.Period.self,
            from: Data(#"{"uptime_percent": 99.5, "downtime_seconds": 5, "measured_seconds": 9}"#.utf8))
        #expect(present.uptimePercent == 99.5)
    }
}
