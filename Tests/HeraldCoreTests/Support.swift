import Foundation
import Testing

@testable import HeraldCore

/// Helpers shared by the core tests.
enum Fixture {
    /// The repository's root folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let now = Date(timeIntervalSince1970: 1_795_770_000)  // 2026-11-27T09:00:00Z

    static let config = SiteConfig(
        title: "Example Status",
        url: URL(string: "https://status.example.com/")!,
        timeZone: TimeZone(identifier: "Europe/Berlin")!,
        components: [
            Component(id: "api", name: "API", group: "Core", position: 0),
            Component(id: "payments", name: "Payments", group: "Money", position: 1),
            Component(id: "billing-emails", name: "Billing emails", group: "Money", position: 2),
        ]
    )

    /// Parses an incident file's text as `incidents/<name>.md`.
    static func parse(_ text: String, name: String = "2026-11-26-example", config: SiteConfig = config)
        -> IncidentParser.Output
    {
        IncidentParser(config: config, now: now).parse(SourceFile(path: "incidents/\(name).md", text: text))
    }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the repository's sample site (herald.yml, incidents/, theme/) in a temporary
    /// folder, so tests can change it freely.
    static func copyOfSample() throws -> URL {
        let folder = try temporaryFolder()
        for name in ["herald.yml", "incidents", "theme"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(name),
                to: folder.appendingPathComponent(name)
            )
        }
        return folder
    }

    /// A copy of the XSS corpus (`Tests/Fixtures/xss`: herald.yml and incidents/) with the default
    /// theme, in a temporary folder.
    static func copyOfXSSCorpus() throws -> URL {
        let folder = try temporaryFolder()
        let corpus = repositoryRoot.appendingPathComponent("Tests/Fixtures/xss")
        for name in ["herald.yml", "incidents"] {
            try FileManager.default.copyItem(
                at: corpus.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("theme"), to: folder.appendingPathComponent("theme"))
        return folder
    }

    /// A renderer for the site at `root`, checked with the fixed clock, with the shared values
    /// printed into the templates or not and the views converting themselves or not.
    static func renderer(root: URL, inlining: Bool = true, directValues: Bool = true) async throws -> SiteRenderer {
        let checked = await Builder(options: .init(root: root, now: now)).check()
        let site = try #require(checked.site)
        return SiteRenderer(
            site: site, index: SiteIndex(site: site), status: SiteStatus(site: site),
            theme: try #require(checked.theme), localization: try #require(checked.localization),
            inliningSharedValues: inlining, directTemplateValues: directValues)
    }

    /// Every file below `folder`, by relative path.
    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
        for case let relative as String in enumerator {
            let url = URL(fileURLWithPath: base + relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = try Data(contentsOf: url)
            }
        }
        return result
    }

    /// `diff -u` of a golden file against what the build made, at most 60 lines.
    static func unifiedDiff(golden: URL, built: Data) throws -> String {
        let copy = try temporaryFolder().appendingPathComponent("built-" + golden.lastPathComponent)
        try built.write(to: copy)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", "--label", "golden", "--label", "built", golden.path, copy.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.prefix(60).joined(separator: "\n") + (lines.count > 60 ? "\n... (\(lines.count - 60) more lines)" : "")
    }
}
