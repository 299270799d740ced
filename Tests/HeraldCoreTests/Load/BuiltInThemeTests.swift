import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// The theme built into the binary, and the site's own theme/ folder over it.
struct BuiltInThemeTests {
    /// The regular files below `folder` (hidden ones left out, as the loader does), by path.
    static func themeFolderFiles(_ folder: URL) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let enumerator = try #require(
            FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]))
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in enumerator
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            result[String(url.standardizedFileURL.path.dropFirst(base.count))] = Array(try Data(contentsOf: url))
        }
        return result
    }

    @Test func theBuiltInThemeIsTheRepositorysThemeFolderByteForByte() throws {
        let onDisk = try Self.themeFolderFiles(Fixture.repositoryRoot.appendingPathComponent("theme"))
        let builtIn = Dictionary(ThemeFiles.builtInFiles.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        #expect(onDisk.count > 20)
        #expect(Set(builtIn.keys) == Set(onDisk.keys))
        for (path, bytes) in onDisk.sorted(by: { $0.key < $1.key }) {
            #expect(builtIn[path] == bytes, "\(path) differs between theme/ and the built-in theme")
        }
        #expect(ThemeFiles.builtIn.templates.contains { $0.name == "partials/update" || $0.name == "base" })
        #expect(ThemeFiles.builtInLanguages.sorted() == ["ar", "de", "en", "es", "fr", "ja"])
        #expect(ThemeFiles.builtInMessages["investigating"] != nil)
    }

    @Test func aSiteWithoutAThemeFolderBuildsExactlyLikeOneWithTheDefaultTheme() async throws {
        let withTheme = try Fixture.copyOfSample()
        let without = try Fixture.copyOfSample()
        try FileManager.default.removeItem(at: without.appendingPathComponent("theme"))
        var outputs: [[String: Data]] = []
        for root in [withTheme, without] {
            let output = root.appendingPathComponent("site")
            let report = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
            #expect(report.warnings.isEmpty)
            outputs.append(try Fixture.files(in: output))
        }
        #expect(outputs[0].count > 90)
        #expect(outputs[0] == outputs[1])
    }

    /// A status repository's theme/ holds only the files it changes; the rest are built in.
    @Test func aSitesThemeFolderOverridesTheBuiltInThemeFileByFile() async throws {
        let root = try Fixture.copyOfSample()
        let theme = root.appendingPathComponent("theme")
        try FileManager.default.removeItem(at: theme)
        for folder in ["locales", "assets"] {
            try FileManager.default.createDirectory(
                at: theme.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "nav_history: Archive\n".write(
            to: theme.appendingPathComponent("locales/en.yml"), atomically: true, encoding: .utf8)
        try "body { color: #123456; }\n".write(
            to: theme.appendingPathComponent("assets/style.css"), atomically: true, encoding: .utf8)
        let output = root.appendingPathComponent("site")
        _ = try await Builder(options: .init(root: root, output: output, now: Fixture.now)).build()
        let index = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        // The one key changed; every other string and template is the built-in one.
        #expect(index.contains(">Archive<"))
        #expect(index.contains("Last updated:"))
        #expect(!index.contains(">History<"))
        // The stylesheet is the site's; the other assets are the built-in ones.
        let style = try String(contentsOf: output.appendingPathComponent("assets/style.css"), encoding: .utf8)
        #expect(style == "body { color: #123456; }\n")
        let builtInTime = try #require(ThemeFiles.builtIn.assets.first { $0.path == "time.js" })
        #expect(Array(try Data(contentsOf: output.appendingPathComponent("assets/time.js"))) == builtInTime.data)
    }
}
