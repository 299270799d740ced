import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// One rule for every path Herald reads or writes (`SiteRoot`): links that stay inside the site's
/// folder are followed, links that leave it are errors at the path naming where they lead, and an
/// edit writes through a link instead of replacing it. Each case puts a link in a copy of the
/// sample pointing at a file or folder in another temporary folder.
@Suite(.serialized)
struct SymbolicLinkTests {
    /// A file and a folder outside the site, with contents that must never be read or changed.
    static func outside() throws -> (file: URL, folder: URL) {
        let folder = try Fixture.temporaryFolder()
        let file = folder.appendingPathComponent("secret.md")
        try Data("---\ntitle: Secret\nimpact: minor\n---\n\n## Resolved — 2026-01-01 10:00 UTC\nsecret\n".utf8)
            .write(to: file)
        return (file, folder)
    }

    static func link(_ path: String, in root: URL, to target: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if POSIX.kind(of: url.path) != nil { try FileManager.default.removeItem(at: url) }
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target.path)
    }

    static func check(_ root: URL) async -> [Diagnostic] {
        await Builder(options: .init(root: root, now: Fixture.now)).check().diagnostics
    }

    static func real(_ url: URL) -> String {
        POSIX.resolvedPath(url.path) ?? url.path
    }

    /// A link in place of each file or folder the build reads, leading outside: one error each,
    /// at the link, saying where it leads.
    @Test(arguments: [
        "herald.yml", "incidents", "theme", "theme/messages/investigating.md", "theme/templates/index.mustache",
        "theme/assets/style.css", "theme/locales/en.yml", "incidents/2026-01-01-secret.md",
    ])
    func aLinkLeadingOutsideIsAnErrorAtTheLink(_ path: String) async throws {
        let root = try Fixture.copyOfSample()
        let (file, folder) = try Self.outside()
        let isFolder = path == "incidents" || path == "theme"
        try Self.link(path, in: root, to: isFolder ? folder : file)
        let found = await Self.check(root).filter { $0.severity == .error }
        let target = Self.real(isFolder ? folder : file)
        #expect(
            found.map(\.formatted) == [
                "\(path):1:1: error: symbolic link leads outside the site's folder (to \(target)) and is refused"
            ])
    }

    @Test func herald_ymlsThemeAndLogoLeadingOutsideAreErrorsInHerald_yml() async throws {
        let root = try Fixture.copyOfSample()
        let (_, folder) = try Self.outside()
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(to: folder.appendingPathComponent("l.svg"))
        try Self.link("my-theme", in: root, to: folder)
        try Self.link("branding/logo.svg", in: root, to: folder.appendingPathComponent("l.svg"))
        let config = root.appendingPathComponent("herald.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try Data((text + "theme: my-theme\nbrand:\n  logo: branding/logo.svg\n").utf8).write(to: config)
        let found = await Self.check(root).filter { $0.severity == .error }
        #expect(found.count == 2)
        #expect(
            found.allSatisfy { $0.location.path == "herald.yml" && $0.message.contains("outside the site's folder") })
        #expect(found.contains { $0.message.contains("(to \(Self.real(folder)))") })
    }

    /// The brief's case: `herald new --template investigating` must not copy what the link leads to.
    @Test func aMessageTemplateLeadingOutsideIsNeverRead() throws {
        let root = try Fixture.copyOfSample()
        let (file, _) = try Self.outside()
        try Self.link("theme/messages/investigating.md", in: root, to: file)
        #expect {
            _ = try MessageTemplates.forSite(at: root)
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.first?.location.path == "theme/messages/investigating.md"
        }
    }

    @Test func linksInsideTheSiteAreFollowed() async throws {
        let root = try Fixture.copyOfSample()
        let manager = FileManager.default
        try manager.moveItem(at: root.appendingPathComponent("incidents"), to: root.appendingPathComponent("data"))
        try manager.createSymbolicLink(
            atPath: root.appendingPathComponent("incidents").path, withDestinationPath: "data")
        try manager.moveItem(at: root.appendingPathComponent("theme"), to: root.appendingPathComponent("look"))
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("theme").path, withDestinationPath: "look")
        let result = await Builder(options: .init(root: root, now: Fixture.now)).check()
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(result.site?.incidents.count == 15)
    }

    /// A link back to a folder being read would read it forever.
    @Test func aLinkLoopIsRefusedOnce() async throws {
        let root = try Fixture.copyOfSample()
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("incidents/again").path, withDestinationPath: ".")
        let found = await Self.check(root).filter { $0.severity == .error }
        #expect(found.map(\.location.path) == ["incidents/again"])
        #expect(found.first?.message.contains("read already") == true)
    }

    @Test func anUpperCaseExtensionIsAnErrorNotSkipped() async throws {
        let root = try Fixture.copyOfSample()
        try Data("x".utf8).write(to: root.appendingPathComponent("incidents/2026-01-01-shout.MD"))
        let found = await Self.check(root).filter { $0.severity == .error }
        #expect(
            found.map(\.headline) == [
                "incidents/2026-01-01-shout.MD:1:1: error: incident files end in lowercase .md, so this one is not"
                    + " read; rename it to incidents/2026-01-01-shout.md"
            ])
    }

    // MARK: Authoring

    static func editor(_ root: URL) throws -> IncidentEditor {
        try IncidentEditor.load(root: root, now: Fixture.now.addingTimeInterval(86_400 * 10))
    }

    @Test func anUpdateWritesThroughALinkInsideAndKeepsIt() throws {
        let root = try Fixture.copyOfSample()
        let name = "incidents/2024-12-16-webhook-delivery-delays.md"
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("archive"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: root.appendingPathComponent(name), to: root.appendingPathComponent("archive/webhooks.md"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(name).path, withDestinationPath: "../archive/webhooks.md")
        _ = try Self.editor(root).addUpdate(
            to: "webhook-delivery-delays", status: "update", message: "More.", force: true)
        #expect(POSIX.kind(of: root.appendingPathComponent(name).path) == .symbolicLink)
        let text = try String(contentsOf: root.appendingPathComponent("archive/webhooks.md"), encoding: .utf8)
        #expect(text.contains("More."))
    }

    @Test func anUpdateOfAPathOutsideTheSiteIsRefusedAndChangesNothing() throws {
        let root = try Fixture.copyOfSample()
        let (file, _) = try Self.outside()
        let before = try Data(contentsOf: file)
        #expect {
            _ = try Self.editor(root).addUpdate(to: file.path, status: "update", message: "x", force: true)
        } throws: { error in
            (error as? IncidentEditor.Failure)?.diagnostics.first?.message.hasPrefix(
                "the path is outside the site's folder") == true
        }
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func anUpdateOfALinkLeadingOutsideIsRefusedAndChangesNothing() throws {
        let root = try Fixture.copyOfSample()
        let (file, _) = try Self.outside()
        let before = try Data(contentsOf: file)
        try Self.link("incidents/2026-01-01-secret.md", in: root, to: file)
        #expect {
            _ = try Self.editor(root).addUpdate(to: "secret", status: "update", message: "x", force: true)
        } throws: { error in
            (error as? IncidentEditor.Failure)?.diagnostics.first?.message.contains("outside the site's folder")
                == true
        }
        #expect(try Data(contentsOf: file) == before)
        #expect(POSIX.kind(of: root.appendingPathComponent("incidents/2026-01-01-secret.md").path) == .symbolicLink)
    }

    @Test func aNewIncidentIsNotWrittenThroughAnIncidentsFolderLeadingOutside() throws {
        let root = try Fixture.copyOfSample()
        let (_, folder) = try Self.outside()
        try FileManager.default.removeItem(at: root.appendingPathComponent("incidents"))
        try Self.link("incidents", in: root, to: folder)
        #expect(throws: IncidentEditor.Failure.self) {
            _ = try Self.editor(root).create(
                title: "New", impact: "minor", components: [], status: "investigating", message: "x")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["secret.md"])
    }

    @Test func herald_ymlLeadingOutsideIsNotReadByTheEditor() throws {
        let root = try Fixture.copyOfSample()
        let outside = try Fixture.temporaryFolder().appendingPathComponent("herald.yml")
        try FileManager.default.moveItem(at: root.appendingPathComponent("herald.yml"), to: outside)
        try Self.link("herald.yml", in: root, to: outside)
        #expect(throws: IncidentEditor.Failure.self) { _ = try Self.editor(root) }
    }

    @Test func resolvedPathsFollowLinksLikeTheKernel() throws {
        let folder = URL(fileURLWithPath: Self.real(try Fixture.temporaryFolder()))
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("up").path, withDestinationPath: "a/b/..")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: "loop")
        #expect(POSIX.resolvedPath(folder.path + "/up/b/../missing/x") == folder.path + "/a/missing/x")
        #expect(POSIX.resolvedPath(folder.path + "/loop") == nil)
        #expect(POSIX.resolvedPath("/") == "/")
    }
}
