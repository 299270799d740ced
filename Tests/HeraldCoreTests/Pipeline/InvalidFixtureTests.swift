import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// One folder per invalid input under `Tests/Fixtures/invalid/`, each with the diagnostics it
/// must produce in `expected.txt`. Every case must fail the build, leave an existing site as it
/// was, and report exactly its recorded diagnostics. Re-record on purpose with
/// `HERALD_RECORD_GOLDEN=1 swift test --filter InvalidFixtureTests` (that run fails by design).
struct InvalidFixtureTests {
    static let folder = Fixture.repositoryRoot.appendingPathComponent("Tests/Fixtures/invalid")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// A runnable copy of a fixture. A fixture's `theme/` holds only the files it changes: like a
    /// status repository's, it overrides the built-in theme file by file.
    static func materialize(_ name: String) throws -> URL {
        let root = try Fixture.temporaryFolder()
        let source = folder.appendingPathComponent(name)
        for entry in try FileManager.default.contentsOfDirectory(atPath: source.path) where entry != "expected.txt" {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(entry), to: root.appendingPathComponent(entry))
        }
        return root
    }

    @Test func thereAreAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func eachInvalidInputFailsWithItsDiagnosticsAndKeepsTheSite(_ name: String) async throws {
        let root = try Self.materialize(name)
        let output = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("previous\n".utf8).write(to: output.appendingPathComponent(SiteWriter.markerName))
        try Data("<p>the previous site</p>\n".utf8).write(to: output.appendingPathComponent("index.html"))
        let before = try Fixture.files(in: output)

        var diagnostics: [Diagnostic] = []
        do {
            _ = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
            Issue.record("\(name): the build succeeded")
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(diagnostics.contains { $0.severity == .error })
        #expect(try Fixture.files(in: output) == before, "\(name): the previous site changed")

        let text = diagnostics.map(\.formatted).joined(separator: "\n") + "\n"
        let expectedURL = Self.folder.appendingPathComponent("\(name)/expected.txt")
        if ProcessInfo.processInfo.environment["HERALD_RECORD_GOLDEN"] == "1" {
            try text.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("Recorded \(name)/expected.txt")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(text == expected, "\(name): diagnostics differ from expected.txt")
    }
}
