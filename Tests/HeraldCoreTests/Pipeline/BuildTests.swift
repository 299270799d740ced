import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Whole builds of the repository's sample site and of broken copies of it.
@Suite(.serialized)
struct BuildTests {
    static let goldenFolder = Fixture.repositoryRoot.appendingPathComponent("Tests/Golden/sample-site")

    func build(root: URL, output: URL, now: Date = Fixture.now) async throws -> Builder.Report {
        try await Builder(options: .init(root: root, output: output, now: now)).build()
    }

    /// The sample site, built with a pinned clock, must equal the recorded copy byte for byte.
    /// Re-record on purpose with `HERALD_RECORD_GOLDEN=1 swift test --filter BuildTests`; a
    /// recording run fails so that nobody records by accident.
    @Test func theSampleSiteMatchesItsGoldenCopy() async throws {
        let output = try Fixture.temporaryFolder().appendingPathComponent("site")
        _ = try await build(root: Fixture.repositoryRoot, output: output)
        var built = try Fixture.files(in: output)
        built.removeValue(forKey: SiteWriter.markerName)

        if ProcessInfo.processInfo.environment["HERALD_RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.goldenFolder)
            for (path, data) in built {
                let url = Self.goldenFolder.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try data.write(to: url)
            }
            Issue.record("Recorded \(built.count) golden files; run again without HERALD_RECORD_GOLDEN to compare.")
            return
        }

        let golden = try Fixture.files(in: Self.goldenFolder)
        #expect(!golden.isEmpty, "no golden files; record them with HERALD_RECORD_GOLDEN=1")
        #expect(
            Set(built.keys) == Set(golden.keys),
            "only built: \(Set(built.keys).subtracting(golden.keys).sorted()); only golden: \(Set(golden.keys).subtracting(built.keys).sorted())"
        )
        let differing = built.keys.sorted().filter { golden[$0] != nil && golden[$0] != built[$0] }
        // The first few differences as unified diffs, so a reviewer sees what changed before
        // deciding to re-record; the rest are counted.
        for path in differing.prefix(3) {
            let diff = try Fixture.unifiedDiff(
                golden: Self.goldenFolder.appendingPathComponent(path), built: try #require(built[path]))
            Issue.record("Tests/Golden/sample-site/\(path) differs from the build:\n\(diff)")
        }
        if differing.count > 3 {
            Issue.record("\(differing.count - 3) more files differ: \(differing.dropFirst(3).joined(separator: ", "))")
        }
    }

    @Test func theSampleSiteHasEveryPageAndFeed() async throws {
        let output = try Fixture.temporaryFolder().appendingPathComponent("site")
        let report = try await build(root: Fixture.repositoryRoot, output: output)
        let files = try Fixture.files(in: output)
        var expected = [
            "index.html", "404.html", "sitemap.xml", "history/index.html", "history.rss", "history.atom", "feed.json",
            "assets/style.css", "badge.svg", "embed.js", "_headers", "maintenance.ics", "api/v2/summary.json",
            "api/v2/status.json",
            "api/v2/components.json", "api/v2/incidents.json", "api/v2/incidents/unresolved.json",
            "api/v2/incidents/all.json",
            "api/v2/scheduled-maintenances.json", "api/v2/scheduled-maintenances/upcoming.json",
            "api/v2/scheduled-maintenances/active.json",
        ]
        let config = try ConfigParser().parse(
            SourceFile(
                path: "herald.yml",
                text: String(contentsOf: Fixture.repositoryRoot.appendingPathComponent("herald.yml"), encoding: .utf8)
            )
        ).get()
        for component in config.components {
            for name in ["index.html", "history.rss", "history.atom", "feed.json", "badge.svg"] {
                expected.append("components/\(component.id)/\(name)")
            }
        }
        let incidents = try FileManager.default.contentsOfDirectory(
            atPath: Fixture.repositoryRoot.appendingPathComponent("incidents").path
        ).filter { $0.hasSuffix(".md") }
        for name in incidents { expected.append("incidents/\(name.dropLast(3))/index.html") }
        for path in expected { #expect(files[path] != nil, "\(path) is missing") }
        #expect(report.incidentCount + report.maintenanceCount + report.noticeCount == incidents.count)
        #expect(report.noticeCount == 1)
        #expect(report.maintenanceCount == 3)
        #expect(files.keys.contains { $0.hasPrefix("history/20") && $0.hasSuffix("/index.html") })
    }

    @Test func twoBuildsWithTheSameClockAreIdentical() async throws {
        let first = try Fixture.temporaryFolder().appendingPathComponent("site")
        let second = try Fixture.temporaryFolder().appendingPathComponent("site")
        _ = try await build(root: Fixture.repositoryRoot, output: first)
        _ = try await build(root: Fixture.repositoryRoot, output: second)
        #expect(try Fixture.files(in: first) == Fixture.files(in: second))
    }

    @Test func aFailedBuildLeavesThePreviousSiteExactlyAsItWas() async throws {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("site")
        _ = try await build(root: root, output: output)
        let before = try Fixture.files(in: output)

        let broken = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        var text = try String(contentsOf: broken, encoding: .utf8)
        text = text.replacingOccurrences(of: "impact: major", with: "impact: majr")
        try text.write(to: broken, atomically: true, encoding: .utf8)
        try "not an incident".write(
            to: root.appendingPathComponent("incidents/2026-11-28-broken.md"),
            atomically: true,
            encoding: .utf8
        )

        await #expect {
            _ = try await build(root: root, output: output, now: Fixture.now.addingTimeInterval(3600))
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            // Every problem of the run is reported together.
            return diagnostics.map(\.location.path) == [
                "incidents/2026-11-27-delayed-payments.md", "incidents/2026-11-28-broken.md",
            ]
        }
        #expect(try Fixture.files(in: output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains("herald-") }
        #expect(leftovers.isEmpty)
    }

    /// A broken herald.yml does not hide the incidents' own problems, nor bury them under
    /// "unknown component" errors that only follow from the config.
    @Test func aBrokenConfigStillReportsTheIncidentsOwnProblems() async throws {
        let root = try Fixture.copyOfSample()
        let config = root.appendingPathComponent("herald.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try text.replacingOccurrences(of: "timezone: Europe/Berlin", with: "timezone: Europe/Berlim")
            .write(to: config, atomically: true, encoding: .utf8)
        let incident = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        try String(contentsOf: incident, encoding: .utf8).replacingOccurrences(
            of: "impact: major", with: "impact: majr"
        )
        .write(to: incident, atomically: true, encoding: .utf8)
        let result = await Builder(options: .init(root: root, now: Fixture.now)).check()
        let messages = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("unknown time zone 'Europe/Berlim'") })
        #expect(messages.contains("unknown impact 'majr'"))
    }

    @Test func unreadableFilesAreReportedWithTheProblemsOfTheOthers() async throws {
        let root = try Fixture.copyOfSample()
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(
            to: root.appendingPathComponent("incidents/2026-11-28-latin1.md"))
        let incident = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        try String(contentsOf: incident, encoding: .utf8).replacingOccurrences(
            of: "impact: major", with: "impact: majr"
        )
        .write(to: incident, atomically: true, encoding: .utf8)
        try Data([0xFF]).write(to: root.appendingPathComponent("theme/templates/partials/update.mustache"))
        let result = await Builder(options: .init(root: root, now: Fixture.now)).check()
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(
            errors.map(\.location.path).sorted() == [
                "incidents/2026-11-27-delayed-payments.md", "incidents/2026-11-28-latin1.md",
                "theme/templates/partials/update.mustache",
            ], "\(errors.map(\.headline))")
    }

    /// Foundation on Linux names the UTC zone "GMT"; readers and the API see the name herald.yml
    /// gives, and "UTC" when it gives none.
    @Test(arguments: [("timezone: UTC", "UTC"), ("timezone: GMT", "GMT"), ("", "UTC")])
    func namesTheZoneAsHeraldYmlDoes(line: String, name: String) async throws {
        let root = try Fixture.copyOfSample()
        let config = root.appendingPathComponent("herald.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try text.replacingOccurrences(of: "timezone: Europe/Berlin", with: line)
            .write(to: config, atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("site")
        _ = try await build(root: root, output: output)
        let index = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains(">Times are shown in \(name).</span>"))
        let status = try JSONSerialization.jsonObject(
            with: Data(contentsOf: output.appendingPathComponent("api/v2/status.json")))
        #expect(((status as? [String: Any])?["page"] as? [String: Any])?["time_zone"] as? String == name)
    }

    @Test func refusesToReplaceAFolderHeraldDidNotWrite() async throws {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("important")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "keep me".write(to: output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        await #expect(throws: DiagnosticsError.self) {
            _ = try await build(root: root, output: output)
        }
        #expect(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        await #expect(throws: DiagnosticsError.self) {
            _ = try await build(root: root, output: root)
        }
        // Never into the sources, not even into a new folder inside them.
        for inside in ["incidents/site", "theme/site", "incidents"] {
            await #expect(throws: DiagnosticsError.self, "\(inside)") {
                _ = try await build(root: root, output: root.appendingPathComponent(inside))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("incidents/site").path))
    }

    @Test func removesStagingFoldersOfKilledBuilds() async throws {
        let root = try Fixture.copyOfSample()
        let stale = root.appendingPathComponent(".site.herald-staging-999999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        _ = try await build(root: root, output: root.appendingPathComponent("site"))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/index.html").path))
    }

    @Test func buildingNeverChangesTheSources() async throws {
        let root = try Fixture.copyOfSample()
        let before = try Fixture.files(in: root)
        _ = try await build(root: root, output: root.appendingPathComponent("site"))
        var after = try Fixture.files(in: root)
        after = after.filter { !$0.key.hasPrefix("site/") }
        #expect(after == before)
    }

    @Test(arguments: [
        "../x", "/etc/passwd", "a/../../b", "a//b", "", "./a", "a\\..\\b", "a/", "a/.", "a/..", "..", "a\0b",
    ])
    func outputPathsCannotLeaveTheOutputFolder(path: String) {
        #expect(!SiteWriter.isSafe(path))
    }

    /// The byte-by-byte check agrees with splitting the path into its components.
    @Test func outputPathsAreCheckedComponentByComponent() {
        func reference(_ path: String) -> Bool {
            !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\0")
                && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                    !$0.isEmpty && $0 != "." && $0 != ".."
                }
        }
        #expect(SiteWriter.isSafe("incidents/2026-11-26-api/index.html"))
        #expect(SiteWriter.isSafe(".well-known/.../a..b/.x"))
        let pieces = ["a", ".", "..", "...", "/", "\\", "\0", ".a", "a.", "é"]
        var generator = SplitMix(seed: 5)
        for _ in 0..<3000 {
            let path = (0..<Int(generator.next() % 7)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined()
            #expect(SiteWriter.isSafe(path) == reference(path), "\(path.debugDescription)")
        }
    }

    @Test func reportsTemplateErrorsAtTheirPosition() async throws {
        let root = try Fixture.copyOfSample()
        let template = root.appendingPathComponent("theme/templates/history.mustache")
        try "{{<base}}\n{{$main}}\n{{#content}}\n{{>partials/nope}}\n{{/main}}\n{{/base}}\n".write(
            to: template,
            atomically: true,
            encoding: .utf8
        )
        let result = await Builder(options: .init(root: root, now: Fixture.now)).check()
        let messages = result.diagnostics.map { "\($0.location): \($0.message)" }
        #expect(
            messages.contains {
                $0.hasPrefix("theme/templates/history.mustache:4:4: unknown partial or layout 'partials/nope'")
            })
        #expect(
            messages.contains {
                $0.hasPrefix("theme/templates/history.mustache:") && $0.contains("template syntax error")
            })
    }
}
