import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// End-to-end runs of the built `herald` binary.
@Suite(.serialized)
struct HeraldCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `herald` executable SwiftPM built next to this test bundle.
    static func executable() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("herald")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let fallback = repositoryRoot.appendingPathComponent(".build/debug/herald")
        guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: fallback.path])
        }
        return fallback
    }

    func run(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Run {
        try runProcess(Self.executable(), arguments, in: folder, environment: environment)
    }

    /// Runs `executable` with this process's environment plus `environment`, standard input
    /// empty, and collects what it printed.
    func runProcess(_ executable: URL, _ arguments: [String], in folder: URL?, environment: [String: String]) throws
        -> Run
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    func copyOfSample() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["herald.yml", "incidents", "theme"] {
            try FileManager.default.copyItem(
                at: Self.repositoryRoot.appendingPathComponent(name),
                to: folder.appendingPathComponent(name)
            )
        }
        return folder
    }

    @Test func printsItsVersionAndHelp() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try run(["build", "--help"])
        #expect(help.status == 0)
        for option in ["--root", "--output", "--now", "--verbose"] { #expect(help.stdout.contains(option)) }
    }

    @Test func buildsTheSiteInTheCurrentFolder() throws {
        let root = try copyOfSample()
        let result = try run(["build", "--now", "2026-11-27T09:00:00Z", "--verbose"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Built 11 incidents, 1 notice and 3 maintenance windows into"))
        #expect(result.stderr.contains("[1/5] Load"))
        #expect(result.stderr.contains("[5/5] Publish"))
        let index = try String(contentsOf: root.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("Delayed payment processing"))
        #expect(index.contains("Partial System Outage"))
    }

    @Test func countsInTheSingularForOne() throws {
        let root = try copyOfSample()
        let incidents = root.appendingPathComponent("incidents")
        for name in try FileManager.default.contentsOfDirectory(atPath: incidents.path)
        where name != "2026-11-27-delayed-payments.md" {
            try FileManager.default.removeItem(at: incidents.appendingPathComponent(name))
        }
        let result = try run(["build", "--now", "2026-11-27T09:00:00Z"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Built 1 incident and 0 maintenance windows into"), "\(result.stdout)")
    }

    @Test func usesSourceDateEpochAsTheClock() throws {
        let root = try copyOfSample()
        let result = try run(
            ["build", "--root", root.path, "--output", root.appendingPathComponent("out").path],
            environment: ["SOURCE_DATE_EPOCH": "1795770000"]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let index = try String(contentsOf: root.appendingPathComponent("out/index.html"), encoding: .utf8)
        #expect(index.contains("<time datetime=\"2026-11-27T09:00:00Z\">"))
    }

    @Test func badInputFailsWithCompilerStyleErrorsAndPublishesNothing() throws {
        let root = try copyOfSample()
        #expect(try run(["build", "--root", root.path, "--now", "2026-11-27T09:00:00Z"]).status == 0)
        let before = try Data(contentsOf: root.appendingPathComponent("site/index.html"))
        let file = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "payments: degraded_performance", with: "paymnets: degraded_performance")
        try text.write(to: file, atomically: true, encoding: .utf8)

        let result = try run(["build", "--root", root.path, "--now", "2026-11-27T10:00:00Z"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "incidents/2026-11-27-delayed-payments.md:5:3: error: unknown component 'paymnets'"
            ),
            "\(result.stderr)"
        )
        #expect(result.stderr.contains("did you mean 'payments'?"))
        #expect(result.stderr.contains("nothing was published"))
        #expect(try Data(contentsOf: root.appendingPathComponent("site/index.html")) == before)
    }

    @Test func checkReportsInTextJSONAndGitHubForms() throws {
        let root = try copyOfSample()
        let clean = try run(["check", "--root", root.path, "--now", "2026-11-27T09:00:00Z"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))

        try "---\ntitle: T\nimpact: huge\n---\n## Investigating — 2026-11-26 14:05 UTC\nx\n".write(
            to: root.appendingPathComponent("incidents/2026-11-26-bad.md"),
            atomically: true,
            encoding: .utf8
        )
        let json = try run(["check", "--root", root.path, "--format", "json", "--now", "2026-11-27T09:00:00Z"])
        #expect(json.status == 1)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let first = try #require(decoded?.first)
        #expect(first["message"] as? String == "unknown impact 'huge'")
        #expect((first["location"] as? [String: Any])?["line"] as? Int == 3)

        let github = try run(["check", "--root", root.path, "--format", "github", "--now", "2026-11-27T09:00:00Z"])
        #expect(github.status == 1)
        #expect(
            github.stdout.hasPrefix(
                "::error file=incidents/2026-11-26-bad.md,line=3,col=9::unknown impact 'huge'%0Aexpected one of: none, minor, major, critical"
            )
        )
    }

    /// A warning lets the site publish; with `--strict` it is printed, counted and annotated as an
    /// error that says why, and nothing is published.
    @Test func strictReportsWarningsAsErrorsAndPublishesNothing() throws {
        let root = try copyOfSample()
        // The sample's latest update is at 08:50 UTC: ahead of this clock, which is a warning.
        let clock = ["--root", root.path, "--now", "2026-11-27T08:20:00Z"]
        let laterClock = ["--root", root.path, "--now", "2026-11-27T08:30:00Z"]
        let location = "incidents/2026-11-27-delayed-payments.md:11:17:"
        let message = "update is in the future (the build's clock is 2026-11-27T08:20:00Z)"

        let lenient = try run(["build"] + clock)
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("\(location) warning: \(message)\n"), "\(lenient.stderr)")
        let published = try Data(contentsOf: root.appendingPathComponent("site/index.html"))

        let strict = try run(["build", "--strict"] + laterClock)
        #expect(strict.status == 1)
        let strictMessage = "update is in the future (the build's clock is 2026-11-27T08:30:00Z)"
        #expect(
            strict.stderr.contains("\(location) error: \(strictMessage); --strict makes this warning an error\n"),
            "\(strict.stderr)"
        )
        #expect(strict.stderr.contains("1 error, 0 warnings; nothing was published"))
        #expect(try Data(contentsOf: root.appendingPathComponent("site/index.html")) == published)

        let check = try run(["check", "--strict", "--format", "github"] + clock)
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("::error file=incidents/2026-11-27-delayed-payments.md,line=11,col=17::"))
        #expect(try run(["check"] + clock).status == 0)
    }

    /// An output folder that cannot be used is named where the user can find it: relative to the
    /// site's folder when inside it, else by its absolute path (not by its last component).
    @Test func outputFolderProblemsNameTheFolder() throws {
        let root = try copyOfSample()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("herald-out-\(UUID().uuidString)")
        for folder in [root.appendingPathComponent("public"), outside] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "mine".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        }
        let inside = try run(["build", "--output", "public", "--now", "2026-11-27T09:00:00Z"], in: root)
        #expect(inside.status == 1)
        #expect(inside.stderr.hasPrefix("public:1:1: error: "), "\(inside.stderr)")
        let away = try run(["build", "--root", root.path, "--output", outside.path, "--now", "2026-11-27T09:00:00Z"])
        #expect(away.status == 1)
        #expect(away.stderr.hasPrefix("\(outside.standardizedFileURL.path):1:1: error: "), "\(away.stderr)")
        #expect(try String(contentsOf: outside.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    /// Every invalid fixture (Tests/Fixtures/invalid) makes the binary exit with 1 and print its
    /// first recorded diagnostic; the theme fixtures, which change the theme, run in-process. The
    /// others have no theme folder: they build with the binary's built-in theme.
    @Test func everyInvalidFixtureExitsWithOne() throws {
        let fixtures = Self.repositoryRoot.appendingPathComponent("Tests/Fixtures/invalid")
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted()
        var checked = 0
        for name in names where !name.hasPrefix("theme-") {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "herald-fixture-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: root)
            let expected = try String(contentsOf: root.appendingPathComponent("expected.txt"), encoding: .utf8)
            let result = try run(["build", "--root", root.path, "--now", "2026-11-27T09:00:00Z"])
            #expect(result.status == 1, "\(name)")
            let firstLine = String(expected.prefix { $0 != "\n" })
            #expect(result.stderr.contains(firstLine), "\(name): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
            checked += 1
        }
        #expect(checked >= 40)
    }

    /// A build killed with SIGKILL after it wrote the whole new site into its staging folder, as
    /// it starts to publish, leaves the previous site complete, and the next build takes over the
    /// staging folder it left. The build stops itself at that moment (HERALD_TEST_STOP_BEFORE_PUBLISH),
    /// so the test does not depend on how fast the machine is.
    @Test func aKilledBuildLeavesThePreviousSiteComplete() throws {
        let root = try copyOfSample()
        let incidents = root.appendingPathComponent("incidents")
        for number in 0..<200 {
            let text = """
                ---
                title: Generated incident \(number)
                impact: minor
                components: [api]
                ---

                ## Resolved — 2025-01-01 \(String(format: "%02d", number % 24)):30 UTC
                Fixed **\(number)**.

                ## Investigating — 2025-01-01 \(String(format: "%02d", number % 24)):00 UTC
                Looking into https://example.com/\(number).
                """
            try text.write(
                to: incidents.appendingPathComponent(String(format: "2025-01-01-generated-%04d.md", number)),
                atomically: false,
                encoding: .utf8
            )
        }
        let site = root.appendingPathComponent("site")
        #expect(try run(["build", "--root", root.path, "--now", "2026-11-27T09:00:00Z"]).status == 0)
        let before = try Self.snapshot(site)
        #expect(before.count > 200)

        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["build", "--root", root.path, "--now", "2026-11-27T10:00:00Z"]
        process.environment = ProcessInfo.processInfo.environment.merging(["HERALD_TEST_STOP_BEFORE_PUBLISH": "1"]) {
            $1
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (up to five minutes, however busy the machine) until the build has stopped itself.
        var stopped = false
        for _ in 0..<3000 where process.isRunning {
            let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
            // The state is the first field after the command name in parentheses.
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "T" {
                stopped = true
                break
            }
            usleep(100_000)
        }
        #expect(stopped, "the build never reached its publish stage")
        let staging = root.appendingPathComponent(".site.herald-staging-\(process.processIdentifier)")
        let staged =
            (try? FileManager.default.contentsOfDirectory(atPath: staging.appendingPathComponent("incidents").path))
            ?? []
        #expect(staged.count > 200, "the staging folder holds the new site")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try Self.snapshot(site) == before)

        #expect(try run(["build", "--root", root.path, "--now", "2026-11-27T10:00:00Z"]).status == 0)
        // The killed build's staging folder became the spare that the next build wrote into, and
        // the site that build replaced is the spare now.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
            $0.contains(".herald-")
        }
        #expect(leftovers == [".site.herald-previous"])
    }

    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = try Data(contentsOf: url)
            }
        }
        return result
    }

    @Test func newUpdateAndResolveWriteTheTimelineFromTheCommandLine() throws {
        let root = try copyOfSample()
        let created = try run(
            [
                "new", "Webhook delays", "--impact", "minor", "--components", "webhooks", "--template", "investigating",
                "--now", "2026-11-27T10:00:00Z",
            ],
            in: root
        )
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "incidents/2026-11-27-webhook-delays.md\n")

        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["update", "webhook-delays", "--status", "identified", "--now", "2026-11-27T10:20:00Z"]
        process.currentDirectoryURL = root
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("A queue is backed up; we're draining it.\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        #expect(try run(["resolve", "webhook-delays", "--now", "2026-11-27T10:45:00Z"], in: root).status == 0)
        let again = try run(["resolve", "webhook-delays", "--now", "2026-11-27T10:50:00Z"], in: root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already resolved; add --force"))

        let text = try String(
            contentsOf: root.appendingPathComponent("incidents/2026-11-27-webhook-delays.md"),
            encoding: .utf8
        )
        #expect(text.contains("## Resolved — 2026-11-27 11:45 +01:00\n\nThis incident has been resolved."))
        #expect(text.contains("## Identified — 2026-11-27 11:20 +01:00\n\nA queue is backed up; we're draining it.\n"))
        #expect(text.contains("We're investigating reports of problems with Webhooks."))
        #expect(try run(["check", "--now", "2026-11-27T11:00:00Z"], in: root).status == 0)
    }

    /// `herald serve` on a loopback port: pages and feeds with their content types, an edit
    /// visible within 2 seconds, and a bad edit that keeps the last good site online.
    @Test func serveRebuildsOnChangesAndKeepsTheLastGoodSite() async throws {
        let root = try copyOfSample()
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["serve", "--port", "0", "--root", root.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var line = ""
        let deadline = Date().addingTimeInterval(120)
        while !line.contains("\n"), Date() < deadline {
            line += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let base = try #require(line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })

        func get(_ path: String) async throws -> (status: Int, type: String, body: String) {
            let url = try #require(URL(string: String(base) + path))
            let (data, response) = try await URLSession.shared.data(from: url)
            let http = try #require(response as? HTTPURLResponse)
            return (
                http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "",
                String(decoding: data, as: UTF8.self)
            )
        }

        for (path, type) in [
            ("", "text/html"), ("history.rss", "application/rss+xml"), ("history.atom", "application/atom+xml"),
            ("feed.json", "application/json"), ("assets/style.css", "text/css"), ("badge.svg", "image/svg+xml"),
            ("embed.js", "text/javascript"), ("incidents/2026-11-27-delayed-payments/", "text/html"),
        ] {
            let response = try await get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.type.hasPrefix(type), "\(path): \(response.type)")
        }
        #expect(try await get("").body.contains("<script src=\"/__herald/reload.js\"></script>"))
        #expect(try await get("nope/").status == 404)
        #expect(try await get("%2e%2e/%2e%2e/etc/passwd").status == 404)

        let file = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "title: Delayed payment processing", with: "title: Payments are slow")
            .write(to: file, atomically: true, encoding: .utf8)
        // The waits end as soon as the change shows; their bounds only stop a broken serve, so
        // they are generous enough for a machine busy with other builds.
        let changed = Date()
        var seen = false
        while Date().timeIntervalSince(changed) < 60, !seen {
            seen = try await get("").body.contains("Payments are slow")
            if !seen { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(seen, "the edit was not served within 60 seconds")

        try original.replacingOccurrences(of: "impact: major", with: "impact: majr")
            .write(to: file, atomically: true, encoding: .utf8)
        var errors = ""
        let broken = Date()
        while Date().timeIntervalSince(broken) < 60, !errors.contains("error:") {
            try await Task.sleep(for: .milliseconds(100))
            errors = try await get("__herald/state").body
        }
        #expect(errors.contains("unknown impact 'majr'"))
        #expect(try await get("").body.contains("Payments are slow"))
    }

    /// Started on a broken site, serve explains the errors instead of a bare 404, and serves the
    /// site once it is fixed.
    @Test func serveShowsWhyTheFirstBuildFailed() async throws {
        let root = try copyOfSample()
        let file = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let original = try String(contentsOf: file, encoding: .utf8)
        try original.replacingOccurrences(of: "impact: major", with: "impact: <majr>")
            .write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["serve", "--port", "0", "--root", root.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var line = ""
        let deadline = Date().addingTimeInterval(120)
        while !line.contains("\n"), Date() < deadline {
            line += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let base = try #require(line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })
        let url = try #require(URL(string: String(base)))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 503)
        let page = String(decoding: data, as: UTF8.self)
        #expect(page.contains("unknown impact '&lt;majr&gt;'"))
        #expect(page.contains("/__herald/reload.js"))

        try original.write(to: file, atomically: true, encoding: .utf8)
        var status = 0
        let fixed = Date()
        while Date().timeIntervalSince(fixed) < 60, status != 200 {
            try await Task.sleep(for: .milliseconds(100))
            status = (try await URLSession.shared.data(from: url).1 as? HTTPURLResponse)?.statusCode ?? 0
        }
        #expect(status == 200)
    }

    @Test func newMaintenanceNeedsItsWindow() throws {
        let root = try copyOfSample()
        let missing = try run(
            ["new", "Upgrade", "--maintenance", "--start", "2026-12-10 01:00 UTC", "-m", "x"], in: root)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--maintenance needs --start and --end"))
        let created = try run(
            [
                "new", "Upgrade", "--maintenance", "--start", "2026-12-10 01:00 UTC", "--end", "2026-12-10 02:00 UTC",
                "--components", "api", "--template", "scheduled-maintenance", "--now", "2026-11-27T10:00:00Z",
            ],
            in: root
        )
        #expect(created.status == 0, "\(created.stderr)")
        // Named by the day the window opens, not the day it was announced.
        #expect(created.stdout == "incidents/2026-12-10-upgrade.md\n")
        // The message template states the window in the site's zone (Europe/Berlin) and language;
        // ICU separates its parts with thin and narrow no-break spaces.
        let file = try String(
            contentsOf: root.appendingPathComponent("incidents/2026-12-10-upgrade.md"), encoding: .utf8
        )
        .replacingOccurrences(of: "\u{2009}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
        #expect(
            file.contains("scheduled maintenance on Public API on Thursday, December 10, 2026, 2:00 – 3:00 AM UTC+1."))
        let built = try run(["build", "--now", "2026-12-10T01:30:00Z"], in: root)
        #expect(built.status == 0, "\(built.stderr)")
        let index = try String(contentsOf: root.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("Maintenance in progress"))
        #expect(index.contains(">Upgrade</a>"))
    }

    @Test func rejectsAClockItCannotRead() throws {
        let result = try run(["build", "--now", "tomorrow"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--now 'tomorrow' is not a time"))
    }
}
