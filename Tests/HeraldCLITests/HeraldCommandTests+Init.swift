import Foundation
import Testing

/// `herald init`, `herald theme export` and `herald next-change`, run from the built binary in
/// folders that hold no theme: the binary's own is the only one.
extension HeraldCommandTests {
    static func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func initStartsAStatusRepositoryThatChecksAndBuildsWithTheBinaryAlone() throws {
        let parent = try Self.emptyFolder()
        let created = try run(
            ["init", "status", "--timezone", "America/New_York", "--title", "Ünïcode \"Status\""], in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        let folder = parent.appendingPathComponent("status")
        let listing = try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
        let incident = try #require(
            listing.first { $0.hasPrefix("incidents/") && $0.hasSuffix("-example-incident.md") })
        #expect(
            listing == [
                ".github", ".github/workflows", ".github/workflows/status.yml", ".gitignore", "herald.yml", "incidents",
                incident,
            ])
        for path in ["herald.yml", incident, ".gitignore", ".github/workflows/status.yml"] {
            #expect(created.stdout.contains("wrote \(folder.appendingPathComponent(path).path)\n"), "\(path)")
        }
        #expect(created.stdout.contains("herald serve"))
        let config = try String(contentsOf: folder.appendingPathComponent("herald.yml"), encoding: .utf8)
        #expect(config.contains("timezone: America/New_York"))
        #expect(config.contains(#"title: "Ünïcode \"Status\"""#))
        let workflow = try String(
            contentsOf: folder.appendingPathComponent(".github/workflows/status.yml"), encoding: .utf8)
        #expect(workflow.contains("herald next-change"))
        #expect(!workflow.contains("swift "), "the workflow never compiles Herald")
        // docs/hosting.md shows exactly this workflow.
        let hosting = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("docs/hosting.md"), encoding: .utf8)
        #expect(
            hosting.contains("```yaml\n" + workflow + "```\n"), "docs/hosting.md shows another workflow than init's")

        let check = try run(["check", "--strict"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        let build = try run(["build"], in: folder)
        #expect(build.status == 0, "\(build.stderr)")
        // The example is a draft: nothing is published, but the page is.
        #expect(build.stdout.contains("Built 0 incidents"))
        let index = try String(contentsOf: folder.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("Ünïcode &quot;Status&quot;"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/assets").path))
        // An incident written with the binary alone builds too.
        let new = try run(
            ["new", "API errors", "--impact", "major", "--components", "api", "-m", "Requests fail."], in: folder)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(try run(["build"], in: folder).stdout.contains("Built 1 incident "))
    }

    @Test func initNeverOverwritesAFileAndWritesNothingThen() throws {
        let folder = try Self.emptyFolder()
        try "title: Mine\n".write(to: folder.appendingPathComponent("herald.yml"), atomically: true, encoding: .utf8)
        let refused = try run(["init"], in: folder)
        #expect(refused.status == 1)
        // One compiler-form error at the file that exists; none for the files that do not.
        let location = folder.standardizedFileURL.appendingPathComponent("herald.yml").path
        #expect(
            refused.stderr.hasPrefix(
                "\(location):1:1: error: already exists; herald init never overwrites a file, so nothing was written"),
            "\(refused.stderr)")
        #expect(!refused.stderr.contains(".gitignore"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["herald.yml"])
        #expect(try String(contentsOf: folder.appendingPathComponent("herald.yml"), encoding: .utf8) == "title: Mine\n")
        #expect(try run(["init", "--timezone", "Mars/Olympus"], in: folder).status != 0)
    }

    @Test func themeExportWritesTheBuiltInThemeAndRefusesToOverwrite() throws {
        let folder = try Self.emptyFolder().appendingPathComponent("my-theme")
        let exported = try run(["theme", "export", folder.path])
        #expect(exported.status == 0, "\(exported.stderr)")
        let theme = Self.repositoryRoot.appendingPathComponent("theme")
        let expected = try FileManager.default.subpathsOfDirectory(atPath: theme.path).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: theme.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        #expect(expected.count > 20)
        for path in expected {
            #expect(
                FileManager.default.contentsEqual(
                    atPath: theme.appendingPathComponent(path).path, andPath: folder.appendingPathComponent(path).path),
                "\(path)")
        }
        let again = try run(["theme", "export", folder.path])
        #expect(again.status == 1)
        #expect(
            again.stderr.contains(
                "\(folder.standardizedFileURL.path)/templates/base.mustache:1:1: error: already exists; herald theme"
                    + " export never overwrites a file"), "\(again.stderr)")
    }

    @Test func nextChangePrintsWhenTheSampleNextChangesByTheClock() throws {
        let root = try copyOfSample()
        // Before the network maintenance of 2026-11-14 22:00 Berlin (21:00Z): its start.
        let quiet = try run(["next-change", "--root", root.path, "--now", "2026-11-14T20:30:00Z"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout == "2026-11-14T21:00:00Z\n")
        // While the payments incident is open, the page changes all the time: now itself.
        let open = try run(["next-change", "--root", root.path, "--now", "2026-11-27T09:00:00Z"])
        #expect(open.stdout == "2026-11-27T09:00:00Z\n")
    }
}
