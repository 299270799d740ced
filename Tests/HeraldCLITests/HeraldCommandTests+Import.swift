import Foundation
import Testing

/// `herald import statuspage` from the built binary.
extension HeraldCommandTests {
    /// An empty site with the sample's herald.yml.
    func emptyCopyOfSample() throws -> URL {
        let root = try copyOfSample()
        try FileManager.default.removeItem(at: root.appendingPathComponent("incidents"))
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("incidents"), withIntermediateDirectories: true)
        return root
    }

    /// Incidents in Statuspage's shape, as its API returns them.
    static func statuspageExport(withUnknownComponent: Bool) -> String {
        let unknown = """
            ,{"id": "p31zjtct2jer", "name": "FTP uploads failing", "status": "resolved", "impact": "minor",
              "created_at": "2026-09-02T10:00:00.000-04:00", "started_at": "2026-09-02T10:00:00.000-04:00",
              "incident_updates": [{"status": "resolved", "body": "Fixed.", "created_at": "2026-09-02T11:00:00.000-04:00",
                "display_at": "2026-09-02T11:00:00.000-04:00", "affected_components": null}],
              "components": [{"id": "b13yz5g2cw10", "name": "Legacy FTP", "status": "operational"}]}
            """
        return """
            {"page": {"id": "y2j98763l56x", "name": "Acme"}, "incidents": [
              {"id": "cp306tmzcl0y", "name": "Elevated API errors", "status": "resolved", "impact": "major",
               "created_at": "2026-09-01T14:02:10.123Z", "started_at": "2026-09-01T13:55:00.000Z",
               "scheduled_for": null, "scheduled_until": null,
               "incident_updates": [
                 {"status": "resolved", "body": "Error rates are normal again.", "created_at": "2026-09-01T15:32:00.000Z",
                  "display_at": "2026-09-01T15:32:00.000Z",
                  "affected_components": [{"code": "jjb7r9vpq7kt", "name": "Public API", "old_status": "degraded_performance", "new_status": "operational"}]},
                 {"status": "identified", "body": "A bad deploy; rolling back.\\r\\n\\r\\n- EU first", "created_at": "2026-09-01T14:30:45.500Z",
                  "display_at": "2026-09-01T14:30:45.500Z",
                  "affected_components": [{"code": "jjb7r9vpq7kt", "name": "Public API", "old_status": "partial_outage", "new_status": "major_outage"}]},
                 {"status": "investigating", "body": "We are seeing errors.", "created_at": "2026-09-01T14:02:10.123Z",
                  "display_at": "2026-09-01T14:02:10.123Z",
                  "affected_components": [{"code": "jjb7r9vpq7kt", "name": "Public API", "old_status": "operational", "new_status": "partial_outage"}]}
               ],
               "components": [{"id": "jjb7r9vpq7kt", "name": "Public API", "status": "operational"}]}
              \(withUnknownComponent ? unknown : "")
            ]}
            """
    }

    @Test func aStatuspageExportBecomesIncidentFilesThatCheckClean() throws {
        let root = try emptyCopyOfSample()
        let export = root.appendingPathComponent("export.json")
        // A component herald.yml lacks: an error naming it, and nothing written.
        try Self.statuspageExport(withUnknownComponent: true).write(to: export, atomically: true, encoding: .utf8)
        let refused = try run(["import", "statuspage", "export.json", "--now", "2026-11-27T09:00:00Z"], in: root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("component 'Legacy FTP' (Statuspage id 'b13yz5g2cw10') is not in herald.yml"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("incidents").path).isEmpty)
        // Mapped to a component of herald.yml, by name; a mapping to an unknown id is refused.
        let misnamed = try run(
            [
                "import", "statuspage", "export.json", "--component", "Legacy FTP=data-export", "--now",
                "2026-11-27T09:00:00Z",
            ],
            in: root)
        #expect(misnamed.status == 1)
        #expect(misnamed.stderr.contains("'Legacy FTP=data-export' names no component of herald.yml"))
        #expect(misnamed.stderr.contains("did you mean 'data-exports'?"))
        let mapped = try run(
            [
                "import", "statuspage", "export.json", "--component", "Legacy FTP=data-exports", "--now",
                "2026-11-27T09:00:00Z",
            ],
            in: root)
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout.contains("incidents/2026-09-02-ftp-uploads-failing.md\n"))
        let ftp = try String(
            contentsOf: root.appendingPathComponent("incidents/2026-09-02-ftp-uploads-failing.md"), encoding: .utf8)
        #expect(ftp.contains("components: [data-exports]\n"))
        for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("incidents").path) {
            try FileManager.default.removeItem(at: root.appendingPathComponent("incidents/\(name)"))
        }

        try Self.statuspageExport(withUnknownComponent: false).write(to: export, atomically: true, encoding: .utf8)
        let imported = try run(["import", "statuspage", "export.json", "--now", "2026-11-27T09:00:00Z"], in: root)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "incidents/2026-09-01-elevated-api-errors.md\n")
        #expect(imported.stderr.contains("imported 1 incident and 0 maintenances"))
        let text = try String(
            contentsOf: root.appendingPathComponent("incidents/2026-09-01-elevated-api-errors.md"), encoding: .utf8)
        #expect(
            text == """
                ---
                # Imported from Statuspage incident cp306tmzcl0y
                title: "Elevated API errors"
                impact: major
                started: 2026-09-01T13:55:00Z
                components:
                  api: partial_outage
                ---

                ## Resolved — 2026-09-01 15:32 UTC
                Error rates are normal again.

                ## Identified — 2026-09-01 14:30:45 UTC
                Components: api=major_outage
                A bad deploy; rolling back.

                - EU first

                ## Investigating — 2026-09-01 14:02:10 UTC
                We are seeing errors.

                """)
        #expect(try run(["check", "--strict", "--now", "2026-11-27T09:00:00Z"], in: root).status == 0)
        // Importing again never overwrites: the same title gets the next free name.
        let again = try run(["import", "statuspage", "export.json", "--now", "2026-11-27T09:00:00Z"], in: root)
        #expect(again.stdout == "incidents/2026-09-01-elevated-api-errors-2.md\n")
    }

    @Test func heraldsOwnExportImportsBackToTheSameHistory() throws {
        let root = try emptyCopyOfSample()
        let golden = Self.repositoryRoot.appendingPathComponent("Tests/Golden/sample-site/api/v2")
        for file in ["incidents/all.json", "scheduled-maintenances.json"] {
            let result = try run(
                ["import", "statuspage", golden.appendingPathComponent(file).path, "--now", "2026-11-27T09:00:00Z"],
                in: root)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let built = try run(["build", "--now", "2026-11-27T09:00:00Z"], in: root)
        #expect(built.status == 0, "\(built.stderr)")
        // Every incident, notice and maintenance, with the same updates: statuses, times, texts
        // and the component statuses each changed.
        struct File: Decodable {
            struct Incident: Decodable {
                struct Update: Decodable {
                    struct Affected: Decodable {
                        var code: String
                        var oldStatus: String
                        var newStatus: String
                    }
                    var status: String
                    var createdAt: String
                    var body: String
                    var affectedComponents: [Affected]?
                }
                struct Notice: Decodable {
                    var until: String?
                }
                var name: String
                var impact: String
                var incidentUpdates: [Update]
                var heraldNotice: Notice?
            }
            var incidents: [Incident]?
            var scheduledMaintenances: [Incident]?
        }
        func history(_ folder: URL) throws -> [String] {
            try ["incidents/all.json", "scheduled-maintenances.json"].flatMap { path in
                let decoder = JSONDecoder()
                decoder.keyDecodingStrategy = .convertFromSnakeCase
                let file = try decoder.decode(File.self, from: Data(contentsOf: folder.appendingPathComponent(path)))
                return (file.incidents ?? []) + (file.scheduledMaintenances ?? [])
            }
            .map { incident in
                ([
                    incident.name, incident.impact,
                    incident.heraldNotice.map { "notice until \($0.until ?? "-")" } ?? "",
                ]
                    + incident.incidentUpdates.map { update in
                        let changes = (update.affectedComponents ?? []).map {
                            "\($0.code): \($0.oldStatus) → \($0.newStatus)"
                        }
                        return
                            "\(update.status) \(update.createdAt) \(update.body) [\(changes.joined(separator: ", "))]"
                    })
                    .joined(separator: "\n")
            }
            .sorted()
        }
        let original = try history(golden)
        #expect(original.count == 15)
        // The sample's notice and its per-update component change are part of what is compared.
        #expect(original.contains { $0.contains("notice until 2026-12-10T00:00:00.000Z") })
        #expect(original.contains { $0.contains("[payments: degraded_performance → partial_outage]") })
        #expect(try history(root.appendingPathComponent("site/api/v2")) == original)
    }
}
