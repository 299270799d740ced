import Foundation
import Testing

/// The incident walkthroughs of README.md and docs/commands.md, run verbatim from the built
/// binary, and a site written in German, Japanese and Arabic.
extension HeraldCommandTests {
    /// The `herald …` commands of the first `sh` block under `heading` in a Markdown file, with
    /// continued lines joined.
    static func walkthrough(in document: String, under heading: String) throws -> [String] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(document), encoding: .utf8)
        let section = try #require(text.range(of: "\n\(heading)\n"), "\(document) has no '\(heading)'")
        let rest = text[section.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        var commands: [String] = []
        var pending = ""
        for line in rest[open.upperBound..<close.lowerBound].split(separator: "\n") {
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let command = (pending + line).trimmingCharacters(in: .whitespaces)
            pending = ""
            if command.hasPrefix("herald ") { commands.append(command) }
        }
        return commands
    }

    /// Runs `command` with `/bin/sh` in `folder`, with the built `herald` first on `PATH` and
    /// the clock at `epoch` (seconds since 1970, as `SOURCE_DATE_EPOCH`).
    func shell(_ command: String, in folder: URL, epoch: Int) throws -> Run {
        let path = try Self.executable().deletingLastPathComponent().path
        return try runProcess(
            URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: folder,
            environment: [
                "PATH": path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? ""),
                "SOURCE_DATE_EPOCH": String(epoch),
            ])
    }

    /// A site with the sample's herald.yml (Europe/Berlin) and no incidents yet.
    func emptySampleSite() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-walk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("incidents"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.repositoryRoot.appendingPathComponent("herald.yml"),
            to: folder.appendingPathComponent("herald.yml"))
        return folder
    }

    /// 2026-11-27 09:50:00 UTC (10:50 in Berlin).
    static let walkthroughMinute = 1_795_773_000

    /// README's three commands, typed within one minute: the first update has the minute, the
    /// next two, in the same minute, have seconds; the file checks clean.
    @Test func theREADMEWalkthroughWorksWithinOneMinute() throws {
        let commands = try Self.walkthrough(in: "README.md", under: "## During an incident")
        #expect(commands.count == 3)
        let root = try emptySampleSite()
        for (command, second) in zip(commands, [12, 31, 47]) {
            let result = try shell(command, in: root, epoch: Self.walkthroughMinute + second)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let path = "incidents/2026-11-27-delayed-payment-processing.md"
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        #expect(
            text == """
                ---
                title: "Delayed payment processing"
                impact: major
                components:
                  payments: partial_outage
                ---

                ## Resolved — 2026-11-27 10:50:47 +01:00

                This incident has been resolved. Thank you for your patience.

                ## Monitoring — 2026-11-27 10:50:31 +01:00
                Components: payments=degraded_performance

                A fix is deployed; payments are slow but flowing.

                ## Investigating — 2026-11-27 10:50 +01:00

                We're seeing delays in payment processing and are investigating.

                """
        )
        let check = try shell("herald check", in: root, epoch: Self.walkthroughMinute + 60)
        #expect(check.status == 0)
        #expect(check.stderr.isEmpty, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("No problems found"))

        // The page shows the updates of that minute with their seconds, each with its own anchor.
        let build = try shell("herald build", in: root, epoch: Self.walkthroughMinute + 60)
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(
            contentsOf: root.appendingPathComponent("site/incidents/2026-11-27-delayed-payment-processing/index.html"),
            encoding: .utf8)
        for anchor in ["update-20261127T095047Z", "update-20261127T095031Z", "update-20261127T095000Z"] {
            #expect(page.contains("id=\"\(anchor)\""), "\(anchor)")
        }
        #expect(page.contains("10:50:31"))
        #expect(page.contains("10:50:47"))
        // The status change shows under the Monitoring update, the return to operational under
        // the resolution.
        #expect(page.contains("Card and bank payments</a>: Partial outage <span aria-hidden=\"true\">→</span>"))
        #expect(page.contains("Card and bank payments</a>: Degraded performance <span aria-hidden=\"true\">→</span>"))
    }

    /// docs/commands.md's longer walkthrough (a template, two updates, resolve) in one minute, and
    /// the same commands again in one second, which is refused with the other update's line.
    @Test func theCommandsWalkthroughWorksWithinOneMinuteButNotOneSecond() throws {
        let commands = try Self.walkthrough(in: "docs/commands.md", under: "## During an incident")
        #expect(commands.count == 4)
        #expect(commands.contains { $0.contains("--template identified") })
        let root = try emptySampleSite()
        for (command, second) in zip(commands, [5, 20, 38, 59]) {
            let result = try shell(command, in: root, epoch: Self.walkthroughMinute + second)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let path = root.appendingPathComponent("incidents/2026-11-27-delayed-payment-processing.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(
            text.split(separator: "\n").filter { $0.hasPrefix("## ") } == [
                "## Resolved — 2026-11-27 10:50:59 +01:00",
                "## Monitoring — 2026-11-27 10:50:38 +01:00",
                "## Identified — 2026-11-27 10:50:20 +01:00",
                "## Investigating — 2026-11-27 10:50 +01:00",
            ])
        #expect(text.contains("## Identified — 2026-11-27 10:50:20 +01:00\nComponents: payments=major_outage\n\n"))
        let check = try shell("herald check", in: root, epoch: Self.walkthroughMinute + 60)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.isEmpty, "\(check.stderr)")

        // Everything in one second: the first update is written, the second is refused.
        let again = try emptySampleSite()
        #expect(try shell(commands[0], in: again, epoch: Self.walkthroughMinute).status == 0)
        let refused = try shell(commands[1], in: again, epoch: Self.walkthroughMinute)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "incidents/2026-11-27-delayed-payment-processing.md:9:1: error: the update on this line already has"
                    + " the time 2026-11-27 10:50:00 +01:00, and two updates cannot share a second"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was changed"))
    }

    /// A site in German, with incidents titled and named in German, Japanese and Arabic: it checks
    /// clean with a note of each incident's URL, and builds with ASCII paths whose links all
    /// lead somewhere in the output.
    @Test func aSiteInThreeScriptsChecksCleanAndBuildsWithURLSafeLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-i18n-\(UUID().uuidString)")
        let incidents = root.appendingPathComponent("incidents")
        try FileManager.default.createDirectory(at: incidents, withIntermediateDirectories: true)
        try Data(
            """
            title: Beispiel Status
            url: https://status.example.com/
            timezone: Europe/Berlin
            language: de
            components:
              - id: payments
                name: Zahlungen
              - id: login
                name: ログイン
              - id: billing
                name: الفواتير

            """.utf8
        ).write(to: root.appendingPathComponent("herald.yml"))
        let files = [
            (
                "2026-11-27-zahlungen-verzögert.md", "Störung: Zahlungen verzögert", "payments",
                "[Zahlungen](../../components/payments/) sind verzögert."
            ),
            ("2026-11-23-ログイン障害.md", "ログインできない障害が発生しています", "login", "調査しています。"),
            ("2026-11-22-تأخر-الفواتير.md", "تأخر الفواتير", "billing", "نحن نحقق في المشكلة."),
        ]
        for (name, title, component, body) in files {
            let day = String(name.prefix(10))
            try Data(
                """
                ---
                title: "\(title)"
                impact: minor
                components: [\(component)]
                ---

                ## Resolved — \(day) 10:20:30 +01:00
                OK.

                ## Identified — \(day) 10:20 +01:00
                \(body)

                """.utf8
            ).write(to: incidents.appendingPathComponent(name))
        }
        // `herald new` with the brief's titles keeps their script in the file name.
        let base = 1_795_780_800  // 2026-11-27 11:00:00 UTC
        let japanese = try run(
            ["new", "ログインできない障害が発生しています", "--impact", "minor", "-m", "調査中です。"], in: root,
            environment: ["SOURCE_DATE_EPOCH": String(base)])
        #expect(japanese.status == 0, "\(japanese.stderr)")
        #expect(japanese.stdout == "incidents/2026-11-27-ログインできない障害が発生しています.md\n")
        #expect(japanese.stderr.contains("note: published at incidents/2026-11-27-"))
        let german = try run(
            ["new", "Störung: Zahlungen verzögert", "--impact", "minor", "-m", "Wir prüfen das."], in: root,
            environment: ["SOURCE_DATE_EPOCH": String(base + 60)])
        #expect(german.status == 0, "\(german.stderr)")
        #expect(german.stdout == "incidents/2026-11-27-störung-zahlungen-verzögert.md\n")
        #expect(
            german.stderr
                == "incidents/2026-11-27-störung-zahlungen-verzögert.md:1:1: note: published at"
                + " incidents/2026-11-27-storung-zahlungen-verzogert/\n")
        // `herald update` finds it by its URL.
        let update = try run(
            ["update", "storung-zahlungen-verzogert", "--status", "monitoring", "-m", "Behoben."], in: root,
            environment: ["SOURCE_DATE_EPOCH": String(base + 120)])
        #expect(update.status == 0, "\(update.stderr)")

        let now = ["--now", "2026-11-27T12:00:00Z"]
        let check = try run(["check"] + now, in: root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("No problems found"))
        let notes = check.stderr.split(separator: "\n").map(String.init)
        #expect(notes.count == 5, "\(check.stderr)")
        #expect(notes.allSatisfy { $0.contains(": note: published at incidents/") }, "\(check.stderr)")
        #expect(
            notes.contains(
                "incidents/2026-11-27-zahlungen-verzögert.md:1:1: note: published at"
                    + " incidents/2026-11-27-zahlungen-verzogert/, the file name in URL-safe letters ('slug:' chooses"
                    + " another)"))
        #expect(try run(["check", "--strict"] + now, in: root).status == 0)
        let github = try run(["check", "--format", "github"] + now, in: root)
        #expect(github.status == 0)
        #expect(github.stdout.split(separator: "\n").count == 5)
        #expect(github.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::notice file=incidents/") })

        let build = try run(["build"] + now, in: root)
        #expect(build.status == 0, "\(build.stderr)")
        let site = root.appendingPathComponent("site")
        let paths = try FileManager.default.subpathsOfDirectory(atPath: site.path)
        let urlSafe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-_./")
            .union(CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        for path in paths {
            #expect(path.unicodeScalars.allSatisfy { urlSafe.contains($0) }, "not URL-safe: \(path)")
        }
        for slug in ["2026-11-27-zahlungen-verzogert", "2026-11-27-storung-zahlungen-verzogert"] {
            #expect(paths.contains("incidents/\(slug)/index.html"), "\(slug)")
        }
        #expect(paths.contains { $0.hasPrefix("incidents/2026-11-22-") && $0.hasSuffix("/index.html") })
        #expect(paths.contains { $0.hasPrefix("incidents/2026-11-23-") && $0.hasSuffix("/index.html") })

        // Every link to a page of the site leads to a file of the output.
        var checked = 0
        for path in paths where path.hasSuffix(".html") {
            let html = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            let page = URL(string: "https://status.example.com/" + path)!
            for link in Self.links(in: html) {
                guard let target = URL(string: link, relativeTo: page)?.absoluteURL,
                    target.host == "status.example.com", target.scheme == "https"
                else { continue }
                var local = target.path
                if local.hasSuffix("/") { local += "index.html" }
                #expect(
                    FileManager.default.fileExists(atPath: site.path + local),
                    "\(path) links to \(link), which is not in the output")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    /// The values of `href` and `src` attributes, with `&amp;` decoded.
    static func links(in html: String) -> [String] {
        var result: [String] = []
        for attribute in [" href=\"", " src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                guard let end = rest[start.upperBound...].firstIndex(of: "\"") else { break }
                result.append(String(rest[start.upperBound..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return result
    }
}
