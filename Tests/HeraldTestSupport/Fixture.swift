import Foundation
import HeraldCore

/// Helpers shared by the test targets: the repository's folders, the pinned clock, a small site
/// configuration, temporary copies of the sample site, and file comparisons.
package enum Fixture {
    /// The repository's root folder.
    package static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The clock the golden files are built with: 2026-11-27T09:00:00Z.
    package static let now = Date(timeIntervalSince1970: 1_795_770_000)

    /// Three components in two groups, in Berlin.
    package static let config = SiteConfig(
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
    package static func parse(_ text: String, name: String = "2026-11-26-example", config: SiteConfig = config)
        -> IncidentParser.Output
    {
        IncidentParser(config: config, now: now).parse(SourceFile(path: "incidents/\(name).md", text: text))
    }

    /// A new empty temporary folder.
    package static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the repository's sample site (herald.yml, incidents/, theme/) in a temporary
    /// folder, so tests can change it freely.
    package static func copyOfSample() throws -> URL {
        let folder = try temporaryFolder()
        for name in ["herald.yml", "incidents", "theme"] {
            try FileManager.default.copyItem(
                at: repositoryRoot.appendingPathComponent(name),
                to: folder.appendingPathComponent(name)
            )
        }
        return folder
    }

    /// Every file below `folder`, by relative path.
    package static func files(in folder: URL) throws -> [String: Data] {
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
    package static func unifiedDiff(golden: URL, built: Data) throws -> String {
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
        return lines.prefix(60).joined(separator: "\n")
            + (lines.count > 60 ? "\n... (\(lines.count - 60) more lines)" : "")
    }
}
