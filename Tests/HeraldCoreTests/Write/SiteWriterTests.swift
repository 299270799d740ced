import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

#if canImport(Glibc)
    import Glibc
#endif

/// The write stage's reuse of the previous build's site (`.site.herald-previous`) as the next
/// staging folder: the result must always equal a build into an empty folder, and nothing
/// outside the staging folder may change through a link left in it.
@Suite(.serialized)
struct SiteWriterTests {
    static let later = Fixture.now.addingTimeInterval(3600)

    func build(_ root: URL, into output: URL, now: Date = Fixture.now) async throws {
        _ = try await Builder(options: .init(root: root, output: output, now: now)).build()
    }

    /// The same sources built into a new, empty folder.
    func freshBuild(of root: URL, now: Date) async throws -> [String: Data] {
        let output = try Fixture.temporaryFolder().appendingPathComponent("site")
        try await build(root, into: output, now: now)
        return try Fixture.files(in: output)
    }

    /// A copy of the sample, built, with a copy of its site as the spare for the next build.
    func sampleWithSpare() async throws -> (root: URL, output: URL, spare: URL) {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("site")
        let spare = root.appendingPathComponent(".site.herald-previous")
        try await build(root, into: output)
        try FileManager.default.copyItem(at: output, to: spare)
        return (root, output, spare)
    }

    static func inode(_ url: URL) -> UInt {
        var info = stat()
        return lstat(url.path, &info) == 0 ? UInt(info.st_ino) : 0
    }

    @Test func aRebuildReusesTheReplacedSiteAndEqualsAFreshBuild() async throws {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("site")
        let spare = root.appendingPathComponent(".site.herald-previous")
        try await build(root, into: output)
        #expect(!FileManager.default.fileExists(atPath: spare.path), "the first build has nothing to keep")
        let firstInode = Self.inode(output.appendingPathComponent("index.html"))

        try await build(root, into: output, now: Self.later)
        #expect(FileManager.default.fileExists(atPath: spare.path.appending("/index.html")))

        // Change the sources: one incident gone, one new, so that pages appear and disappear.
        let incidents = root.appendingPathComponent("incidents")
        let names = try FileManager.default.contentsOfDirectory(atPath: incidents.path).sorted()
        let removed = try #require(names.first { $0.hasSuffix(".md") })
        try FileManager.default.removeItem(at: incidents.appendingPathComponent(removed))
        try """
        ---
        title: Newly added incident
        impact: minor
        components: [api]
        ---

        ## Resolved — 2026-11-20 10:30 UTC
        Fixed.

        ## Investigating — 2026-11-20 10:00 UTC
        Looking.
        """.write(to: incidents.appendingPathComponent("2026-11-20-new.md"), atomically: true, encoding: .utf8)

        try await build(root, into: output, now: Self.later)
        // The third build wrote into the first build's folder, over its files.
        #expect(Self.inode(output.appendingPathComponent("index.html")) == firstInode)
        let built = try Fixture.files(in: output)
        let fresh = try await freshBuild(of: root, now: Self.later)
        #expect(Set(built.keys) == Set(fresh.keys))
        #expect(built == fresh)
        let slug = String(removed.dropLast(3))
        #expect(built["incidents/\(slug)/index.html"] == nil)
        #expect(built["incidents/2026-11-20-new/index.html"] != nil)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("incidents/\(slug)").path))
    }

    @Test func filesTheBuildDoesNotMakeAreRemovedFromTheSpare() async throws {
        let (root, output, spare) = try await sampleWithSpare()
        for path in ["old/deep/page.html", "incidents/gone/index.html", "api/v1/old.json"] {
            let url = spare.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("stale".utf8).write(to: url)
        }
        // A file that shrinks must not keep the old file's tail.
        try Data(repeating: 0x41, count: 500_000).write(to: spare.appendingPathComponent("index.html"))

        try await build(root, into: output, now: Self.later)
        let built = try Fixture.files(in: output)
        #expect(built == (try await freshBuild(of: root, now: Self.later)))
        for folder in ["old", "incidents/gone", "api/v1"] {
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(folder).path), "\(folder)")
        }
    }

    @Test func linksInTheSpareAreNeverWrittenThrough() async throws {
        let (root, output, spare) = try await sampleWithSpare()

        let outside = try Fixture.temporaryFolder()
        let kept = outside.appendingPathComponent("kept.html")
        let keptFolder = outside.appendingPathComponent("folder")
        try Data("a backup".utf8).write(to: kept)
        try FileManager.default.createDirectory(at: keptFolder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: keptFolder.appendingPathComponent("index.html"))
        let before = try Fixture.files(in: outside)

        // A hard link (a backup made with `cp -al`), a link to a file and a link to a folder,
        // each where the build writes.
        try FileManager.default.removeItem(at: spare.appendingPathComponent("index.html"))
        #expect(link(kept.path, spare.appendingPathComponent("index.html").path) == 0)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("404.html"))
        try FileManager.default.createSymbolicLink(
            at: spare.appendingPathComponent("404.html"), withDestinationURL: kept)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("history"))
        try FileManager.default.createSymbolicLink(
            at: spare.appendingPathComponent("history"), withDestinationURL: keptFolder)

        try await build(root, into: output, now: Self.later)
        #expect(try Fixture.files(in: outside) == before)
        #expect(try Fixture.files(in: output) == (try await freshBuild(of: root, now: Self.later)))
        let history = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("history").path)
        #expect(history[.type] as? FileAttributeType == .typeDirectory)
    }

    @Test func aFileWhereAFolderGoesAndAFolderWhereAFileGoes() async throws {
        let (root, output, spare) = try await sampleWithSpare()
        try FileManager.default.removeItem(at: spare.appendingPathComponent("history"))
        try Data("a file".utf8).write(to: spare.appendingPathComponent("history"))
        try FileManager.default.removeItem(at: spare.appendingPathComponent("feed.json"))
        try FileManager.default.createDirectory(
            at: spare.appendingPathComponent("feed.json/inner"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: spare.appendingPathComponent("feed.json/inner/x.html"))

        try await build(root, into: output, now: Self.later)
        #expect(try Fixture.files(in: output) == (try await freshBuild(of: root, now: Self.later)))
    }

    @Test func aFailedBuildLeavesTheSiteAndASpareTheNextBuildCanUse() async throws {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("site")
        try await build(root, into: output)
        try await build(root, into: output, now: Self.later)
        let before = try Fixture.files(in: output)

        // An incident the parser refuses: the build stops before writing anything.
        let broken = root.appendingPathComponent("incidents/2026-11-21-broken.md")
        try "---\ntitle: Broken\nimpact: nope\n---\n".write(to: broken, atomically: true, encoding: .utf8)
        await #expect(throws: DiagnosticsError.self) { try await build(root, into: output) }
        #expect(try Fixture.files(in: output) == before)

        try FileManager.default.removeItem(at: broken)
        try await build(root, into: output)
        #expect(try Fixture.files(in: output) == (try await freshBuild(of: root, now: Fixture.now)))
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".herald-") }
        #expect(names == [".site.herald-previous"])
    }
}
