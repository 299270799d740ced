import Foundation
import Testing

/// The hostile corpus: inputs that once made `herald check` or `herald build` run for minutes,
/// exhaust memory or crash. Each runs through the built binary, check and build, and must end
/// with the expected exit status and located diagnostic, without a signal, within a CPU budget
/// (the child's own rusage, so a busy machine does not fail it) and under 1 GB of memory. Small
/// cases are site folders in `Tests/Fixtures/hostile/` with the diagnostic in `expected.txt`;
/// large ones are generated here, so nothing megabyte-sized is committed.
@Suite(.serialized)
struct HostileInputTests {
    static let folder = HeraldCommandTests.repositoryRoot.appendingPathComponent("Tests/Fixtures/hostile")
    static let cpuBudgetSeconds = 30.0
    static let memoryBudgetBytes = 1 << 30

    static let fixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    static let config =
        "title: Hostile\nurl: https://status.example.com/\ntimezone: UTC\ncomponents:\n  - id: api\n    name: API\n"

    static func incident(frontMatter: String = "components: [api]\n", body: String) -> String {
        "---\ntitle: Hostile input\nimpact: minor\n\(frontMatter)---\n\n## Investigating — 2026-11-26 14:05 UTC\n\(body)\n"
    }

    /// A generated case: the files to write and what the run must print.
    struct Generated: Sendable, CustomTestStringConvertible {
        var name: String
        var incident: String?
        var templates: [String: String] = [:]
        var status: Int32 = 1
        var expected: String
        var testDescription: String { name }
    }

    static let generated: [Generated] = {
        func table(columns: Int, rows: Int) -> String {
            "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
                + String(repeating: "x\n", count: rows)
        }
        let chain = (0..<300).map { index in
            ("partials/c\(index)", index < 299 ? "{{> partials/c\(index + 1)}}\n" : "end\n")
        }
        let atTheLimit = (0..<97).map { index in
            ("partials/c\(index)", index < 96 ? "{{> partials/c\(index + 1)}}\n" : "end\n")
        }
        return [
            Generated(
                name: "CVE-2023-22486's image brackets",
                incident: incident(body: String(repeating: "![[]()", count: 174_000)),
                expected: ":8:6002: error: too many links or images"),
            Generated(
                name: "unclosed processing instructions",
                incident: incident(body: String(repeating: "x <?", count: 260_000)),
                expected: ":8:4003: error: too much raw HTML"),
            Generated(
                name: "unclosed CDATA sections",
                incident: incident(body: String(repeating: "x <![CDATA[", count: 80_000)),
                expected: ":8:11003: error: too much raw HTML"),
            Generated(
                name: "a table of 100,000 columns",
                incident: incident(body: table(columns: 100_000, rows: 0)),
                expected: ":9:1: error: table has 100000 columns; a table may have at most 100"),
            Generated(
                name: "a 2,000-column header over 200,000 lines",
                incident: incident(body: table(columns: 2_000, rows: 200_000)),
                expected: ":9:1: error: table has 2000 columns"),
            Generated(
                name: "a 100-column table of 2,000 rows",
                incident: incident(body: table(columns: 100, rows: 2_000)),
                expected: ":9:1: error: table has 200200 cells (100 columns × 2002 rows"),
            Generated(
                name: "520,000 nested block quotes",
                incident: incident(body: String(repeating: "> ", count: 520_000) + "x"),
                expected: ":8:1: error: more than 100 block quotes and list items nested in one line"),
            Generated(
                name: "Markdown at every limit",
                incident: incident(
                    body: String(repeating: "![[]()", count: 1_000) + String(repeating: "x <?", count: 1_000)
                        + "\n\n" + table(columns: 100, rows: 198)),
                status: 0,
                expected: ""),
            Generated(
                name: "60,000 unknown front-matter keys",
                incident: incident(
                    frontMatter: (0..<60_000).map { "k\($0): v\n" }.joined(), body: "x"),
                expected: "... and 59950 more problems not shown\n60000 errors, 0 warnings"),
            Generated(
                name: "60,000 unknown component ids",
                incident: incident(
                    frontMatter: "components:\n" + (0..<60_000).map { "  - c\($0)\n" }.joined(), body: "x"),
                expected: ":5:5: error: unknown component 'c0'"),
            Generated(
                name: "20,000 bad update headings",
                incident: incident(body: (0..<20_000).map { "## bad heading \($0)\n" }.joined()),
                expected: "... and 19950 more problems not shown\n20000 errors, 0 warnings"),
            Generated(
                name: "3,000 nested sections",
                templates: [
                    "index": String(repeating: "{{#site}}", count: 3_000) + String(repeating: "{{/site}}", count: 3_000)
                ],
                expected: "theme/templates/index.mustache:1:901: error: sections are nested more than 100 deep"),
            Generated(
                name: "3,000 nested sections behind changed delimiters",
                templates: [
                    "index": "{{=<% %>=}}" + String(repeating: "<%#site%>", count: 3_000)
                        + String(repeating: "<%/site%>", count: 3_000)
                ],
                expected: "theme/templates/index.mustache:1:912: error: sections are nested more than 100 deep"),
            Generated(
                name: "a chain of 300 partials",
                templates: Dictionary(uniqueKeysWithValues: chain + [("index", "{{> partials/c0}}\n")]),
                expected: "theme/templates/index.mustache:1:5: error: 'index' renders more than 100"),
            Generated(
                name: "templates at the depth limit",
                templates: Dictionary(
                    uniqueKeysWithValues: atTheLimit + [
                        (
                            "index",
                            String(repeating: "{{#site}}", count: 3) + "{{> partials/c0}}"
                                + String(repeating: "{{/site}}", count: 3)
                        )
                    ]),
                status: 0,
                expected: ""),
        ]
    }()

    func runBoth(in root: URL, status: Int32, expected: [String], label: String) throws {
        for command in ["check", "build"] {
            let result = try ChildProcess.run(
                try HeraldCommandTests.executable(),
                [command, "--root", root.path, "--now", "2026-11-27T09:00:00Z"],
                cpuLimitSeconds: Int(Self.cpuBudgetSeconds) + 30
            )
            #expect(result.signal == nil, "\(label) \(command): ended by signal \(result.signal ?? 0)")
            #expect(result.status == status, "\(label) \(command): exit \(result.status ?? -1)\n\(result.stderr)")
            for line in expected {
                #expect(
                    result.stderr.contains(line), "\(label) \(command): no '\(line)' in\n\(result.stderr.prefix(2000))")
            }
            #expect(result.cpuSeconds < Self.cpuBudgetSeconds, "\(label) \(command): \(result.cpuSeconds) CPU seconds")
            #expect(
                result.maxResidentBytes < Self.memoryBudgetBytes,
                "\(label) \(command): \(result.maxResidentBytes) bytes")
        }
    }

    @Test(arguments: fixtures)
    func eachFixtureIsRefusedQuicklyWithItsLocatedDiagnostic(_ name: String) throws {
        let source = Self.folder.appendingPathComponent(name)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-hostile-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let expected = try String(contentsOf: source.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(!expected.isEmpty)
        try runBoth(in: root, status: 1, expected: expected, label: name)
    }

    @Test(arguments: generated)
    func eachGeneratedInputEndsWithinItsBudget(_ hostile: Generated) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("incidents"), withIntermediateDirectories: true)
        try Self.config.write(to: root.appendingPathComponent("herald.yml"), atomically: true, encoding: .utf8)
        try (hostile.incident ?? Self.incident(body: "We are looking into it.")).write(
            to: root.appendingPathComponent("incidents/2026-11-26-hostile.md"), atomically: true, encoding: .utf8)
        for (name, text) in hostile.templates {
            let url = root.appendingPathComponent("theme/templates/\(name).mustache")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try runBoth(
            in: root, status: hostile.status, expected: hostile.expected.isEmpty ? [] : [hostile.expected],
            label: hostile.name)
    }
}
