import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Random and mutated incident files must never crash or hang the parser: every input ends in an
/// incident or in diagnostics that point inside the file.
struct ParserFuzzTests {
    static let seeds: [String] = {
        let folder = Fixture.repositoryRoot.appendingPathComponent("incidents")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }()

    static let fragments = [
        "---", "\n", ": ", "## ", " — ", "\t", "\"", "'", "[", "]", "{", "}", "- ", "2026-02-30 25:61 UTC", "Resolved",
        "impact: ", "components:", "  payments: ", "\u{0}", "\u{FEFF}", "é", "😀", "<script>", "~~", "|---|", "```",
        "#", "&", "*", "!", "%2e%2e/", "../", "9999-99-99T99:99Z", "+99:99",
    ]

    @Test func survivesMutatedIncidentFiles() throws {
        #expect(!Self.seeds.isEmpty)
        var random = SplitMix(seed: 2026)
        let config = try ConfigParser().parse(
            SourceFile(
                path: "herald.yml",
                text: String(contentsOf: Fixture.repositoryRoot.appendingPathComponent("herald.yml"), encoding: .utf8)
            )
        ).get()
        let parser = IncidentParser(config: config, now: Fixture.now)
        var parsed = 0
        var rejected = 0
        for round in 0..<3000 {
            var scalars = Array(Self.seeds[round % Self.seeds.count].unicodeScalars)
            for _ in 0..<(1 + Int(random.next() % 6)) {
                let position = scalars.isEmpty ? 0 : Int(random.next() % UInt64(scalars.count))
                switch random.next() % 4 {
                case 0:
                    let fragment = Self.fragments[Int(random.next() % UInt64(Self.fragments.count))]
                    scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
                case 1:
                    let end = min(scalars.count, position + Int(random.next() % 40))
                    scalars.removeSubrange(position..<end)
                case 2:
                    if position < scalars.count {
                        scalars[position] = Unicode.Scalar(UInt8(32 + random.next() % 95))
                    }
                default:
                    let length = min(scalars.count - position, Int(random.next() % 80))
                    scalars.insert(contentsOf: scalars[position..<position + length], at: position)
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            let output = parser.parse(SourceFile(path: "incidents/fuzz.md", text: text))
            if output.incident != nil { parsed += 1 } else { rejected += 1 }
            if output.incident == nil {
                #expect(output.diagnostics.contains { $0.severity == .error }, "rejected without an error:\n\(text)")
            }
            for diagnostic in output.diagnostics {
                #expect((1...max(1, lineCount)).contains(diagnostic.location.line), "\(diagnostic.formatted)")
            }
        }
        // Both outcomes occur, so the mutations exercise the error paths and the happy path.
        #expect(parsed > 0)
        #expect(rejected > 0)
    }
}
