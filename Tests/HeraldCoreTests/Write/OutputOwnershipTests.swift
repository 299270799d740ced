import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The output folder is replaced only when its `.herald` lists every file in it: a folder with
/// any other file, an empty or foreign `.herald`, or the marker of an earlier version is refused,
/// and left exactly as it was.
struct OutputOwnershipTests {
    func build(_ root: URL, into output: URL) async throws(DiagnosticsError) {
        _ = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
    }

    /// Builds into `output` and returns the one error, checking that the folder did not change.
    func refusal(_ root: URL, into output: URL) async throws -> String {
        let before = try Fixture.files(in: output)
        do {
            try await build(root, into: output)
        } catch {
            #expect(try Fixture.files(in: output) == before, "the folder changed")
            #expect(error.diagnostics.count == 1)
            return error.diagnostics.first?.message ?? ""
        }
        Issue.record("the build replaced the folder")
        return ""
    }

    @Test func theMarkerListsEveryFileTheBuildWrote() async throws {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("site")
        try await build(root, into: output)
        let files = try Fixture.files(in: output)
        let marker = try #require(files[SiteWriter.markerName])
        let lines = String(decoding: marker, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first == OutputManifest.header)
        #expect(Set(lines.dropFirst()) == Set(files.keys).subtracting([SiteWriter.markerName]))
        #expect(Array(lines.dropFirst()) == lines.dropFirst().sorted())
        // A second build takes the folder for its own.
        try await build(root, into: output)
    }

    @Test func anEmptyMarkerDoesNotMakeAFolderHeralds() async throws {
        let root = try Fixture.copyOfSample()
        let output = try Fixture.temporaryFolder()
        try Data().write(to: output.appendingPathComponent(".herald"))
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let message = try await refusal(root, into: output)
        #expect(
            message.hasSuffix(
                "/.herald is not the list of files a Herald build writes, so Herald cannot tell its files from yours; Herald replaces its output folder on every build, so move those files or choose another --output"
            ))
    }

    @Test func aFolderWithoutMarkerIsRefused() async throws {
        let root = try Fixture.copyOfSample()
        let output = try Fixture.temporaryFolder()
        try Data("mine".utf8).write(to: output.appendingPathComponent("index.html"))
        #expect(try await refusal(root, into: output).contains("(no .herald file)"))
    }

    @Test func theMarkerOfAnEarlierVersionIsRefusedWithWhatToDo() async throws {
        let root = try Fixture.copyOfSample()
        let output = try Fixture.temporaryFolder()
        try Data(OutputManifest.legacyMarker.utf8).write(to: output.appendingPathComponent(".herald"))
        try Data("old".utf8).write(to: output.appendingPathComponent("index.html"))
        let message = try await refusal(root, into: output)
        #expect(message.contains("built by an earlier version of Herald"))
        #expect(message.contains("rm -r \(output.path)"))
    }

    @Test func filesHeraldDidNotWriteAreNamedAndKept() async throws {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("site")
        try await build(root, into: output)
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(
            at: output.appendingPathComponent("drafts/empty"), withIntermediateDirectories: true)
        // A link where the build wrote a file is not the file it wrote.
        try FileManager.default.removeItem(at: output.appendingPathComponent("feed.json"))
        try FileManager.default.createSymbolicLink(
            atPath: output.appendingPathComponent("feed.json").path, withDestinationPath: "index.html")
        for number in 1...4 {
            try Data("x".utf8).write(to: output.appendingPathComponent("incidents/extra-\(number).html"))
        }
        let message = try await refusal(root, into: output)
        #expect(
            message
                == "\(output.path) holds 7 files that Herald did not write (drafts/empty/, feed.json,"
                + " incidents/extra-1.html, incidents/extra-2.html, incidents/extra-3.html and 2 more); it never"
                + " deletes them, and nothing was changed. Herald replaces its output folder on every build, so move"
                + " those files or choose another --output")
    }

    @Test func anEmptyFolderIsTakenAndTheManifestRoundTrips() throws {
        let manifest = OutputManifest(files: ["index.html", "incidents/a/index.html"])
        #expect(OutputManifest.read(Array(try manifest.text().utf8)) == .manifest(manifest))
        #expect(OutputManifest.read([]) == .unknown)
        #expect(OutputManifest.read(Array(OutputManifest.legacyMarker.utf8)) == .legacy)
        #expect(throws: SiteWriter.Failure.self) { try OutputManifest(files: ["a\nb"]).text() }
        let empty = try Fixture.temporaryFolder()
        #expect(manifest.unlisted(in: empty.path).isEmpty)
    }
}
