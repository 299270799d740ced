import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

struct SourceLoaderTests {
    func diagnostics(after change: (URL) throws -> Void) async throws -> [Diagnostic] {
        let root = try Fixture.copyOfSample()
        try change(root)
        do {
            _ = try await SourceLoader(root: root).load()
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics
        }
    }

    @Test func readsTheSampleInSortedOrder() async throws {
        let sources = try await SourceLoader(root: Fixture.repositoryRoot).load()
        #expect(sources.incidents.map(\.path) == sources.incidents.map(\.path).sorted())
        #expect(sources.incidents.allSatisfy { $0.path.hasPrefix("incidents/") && $0.path.hasSuffix(".md") })
        #expect(sources.templates.map(\.name).contains("partials/update"))
        #expect(sources.assets.map(\.path).contains("style.css"))
    }

    @Test func readsCRLFAsLFAndDropsTheByteOrderMark() async throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-11-26-windows.md"
        let text =
            "---\r\ntitle: Saved on Windows\r\nimpact: minor\r\n---\r\n\r\n## Investigating — 2026-11-26 10:00 UTC\r\nA lone \r stays; é€ too.\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: root.appendingPathComponent(path))
        let file = try #require(try await SourceLoader(root: root).load().incidents.first { $0.path == path })
        #expect(file.text == text.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(file.text.contains("lone \r stays"))
        #expect(file.line(7) == "A lone \r stays; é€ too.")
        #expect(file.text.lines.count == 8)
        #expect(file.text.lines[6] == "A lone \r stays; é€ too.")
        #expect("".lines == [""])
        #expect("a\n\nb\n".lines == ["a", "", "b", ""])
    }

    @Test func refusesSymbolicLinksThatLeaveTheRepository() async throws {
        let found = try await diagnostics { root in
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent("incidents/2026-01-01-passwd.md").path,
                withDestinationPath: "/etc/passwd"
            )
        }
        #expect(found.map(\.location.path) == ["incidents/2026-01-01-passwd.md"])
        #expect(found.first?.message.contains("outside the site's folder") == true)
    }

    @Test func acceptsSymbolicLinksInsideTheRepository() async throws {
        let found = try await diagnostics { root in
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("archive"),
                withIntermediateDirectories: true
            )
            try FileManager.default.moveItem(
                at: root.appendingPathComponent("incidents/2024-12-16-webhook-delivery-delays.md"),
                to: root.appendingPathComponent("archive/old.md")
            )
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent("incidents/2024-12-16-webhook-delivery-delays.md").path,
                withDestinationPath: root.appendingPathComponent("archive/old.md").path
            )
        }
        #expect(found.isEmpty)
    }

    @Test func refusesTextThatIsNotUTF8OrIsBinaryOrTooLarge() async throws {
        let found = try await diagnostics { root in
            let incidents = root.appendingPathComponent("incidents")
            try Data("---\ntitle: caf\u{E9}\n".utf8 + [0xE9, 0x0A]).write(to: incidents.appendingPathComponent("a.md"))
            try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x00, 0x01]).write(to: incidents.appendingPathComponent("b.md"))
            try Data(repeating: 0x61, count: SourceLoader.maximumFileSize + 1)
                .write(to: incidents.appendingPathComponent("c.md"))
        }
        let byPath = Dictionary(found.map { ($0.location.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPath["incidents/a.md"]?.message.contains("not valid UTF-8") == true)
        #expect(byPath["incidents/a.md"]?.location.line == 3)
        #expect(byPath["incidents/b.md"]?.message.contains("NUL byte") == true)
        #expect(byPath["incidents/c.md"]?.message.contains("over the limit") == true)
    }

    /// A pipe would make the read wait for a writer forever; one the build reads is refused at
    /// once, and one it would not read (not an incident, template or locale) is left alone.
    @Test func refusesAPipeInsteadOfWaitingForIt() async throws {
        let found = try await diagnostics { root in
            #expect(mkfifo(root.appendingPathComponent("incidents/2026-01-01-pipe.md").path, 0o644) == 0)
            #expect(mkfifo(root.appendingPathComponent("incidents/notes.fifo").path, 0o644) == 0)
            #expect(mkfifo(root.appendingPathComponent("theme/locales/README.fifo").path, 0o644) == 0)
        }
        #expect(found.map(\.location.path) == ["incidents/2026-01-01-pipe.md"])
        #expect(found.first?.message.hasPrefix("not a regular file") == true)
    }

    /// Files larger than one read, and paths through a root written with `..`, read as they are.
    @Test func readsLargeFilesWholeAndPathsRelativeToAnUnusualRoot() async throws {
        let root = try Fixture.copyOfSample()
        let path = "incidents/2026-01-02-long.md"
        let paragraph = String(repeating: "Payments were delayed for some merchants. ", count: 20) + "\n\n"
        let text =
            "---\ntitle: Long\nimpact: minor\n---\n\n## Resolved — 2026-01-02 10:00 UTC\n"
            + String(repeating: paragraph, count: 300)
        #expect(text.utf8.count > 200_000)
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
        let unusual = URL(fileURLWithPath: root.path + "/incidents/..")
        let sources = try await SourceLoader(root: unusual).load()
        let file = try #require(sources.incidents.first { $0.path == path })
        #expect(file.text == text)
        #expect(sources.incidents.allSatisfy { $0.path.hasPrefix("incidents/") })
    }

    @Test func explainsAMissingConfig() async throws {
        let found = try await diagnostics { root in
            try FileManager.default.removeItem(at: root.appendingPathComponent("herald.yml"))
        }
        #expect(found.first?.message.hasPrefix("no herald.yml in") == true)
    }
}
