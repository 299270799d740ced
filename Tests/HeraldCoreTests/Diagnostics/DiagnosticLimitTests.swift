import Testing

@testable import HeraldCore

struct DiagnosticLimitTests {
    static func diagnostics(errors: Int, warnings: Int) -> [Diagnostic] {
        (0..<(errors + warnings)).map { index in
            Diagnostic(
                index < errors ? .error : .warning, at: SourceLocation(path: "a.md", line: index + 1),
                "problem \(index)")
        }
    }

    @Test func aShortListIsKeptWhole() {
        let list = Self.diagnostics(errors: 150, warnings: 50)
        #expect(DiagnosticLimit.apply(list) == list)
    }

    @Test func aLongListEndsWithOneDiagnosticCountingTheRest() throws {
        let list = Self.diagnostics(errors: 20_000, warnings: 300)
        let cut = DiagnosticLimit.apply(list)
        #expect(cut.count == DiagnosticLimit.maximum + 1)
        #expect(Array(cut.prefix(DiagnosticLimit.maximum)) == Array(list.prefix(DiagnosticLimit.maximum)))
        let last = try #require(cut.last)
        #expect(
            last.headline == "a.md:201:1: error: 20100 more problems not shown (19800 errors, 300 warnings);"
                + " Herald reports the first 200")
        #expect(DiagnosticLimit.totals(cut) == (20_000, 300))
        // Cutting again keeps the counts.
        #expect(DiagnosticLimit.totals(DiagnosticLimit.apply(cut)) == (20_000, 300))
    }

    @Test func notesAreNeitherErrorsNorWarnings() throws {
        let notes = (0..<300).map { Diagnostic(.note, at: SourceLocation(path: "n\($0).md"), "published at x") }
        #expect(DiagnosticLimit.totals(notes) == (0, 0))
        let cut = DiagnosticLimit.apply(notes)
        let last = try #require(cut.last)
        #expect(last.severity == .note)
        #expect(last.message == "100 more notes not shown; Herald reports the first 200")
        #expect(DiagnosticLimit.totals(cut) == (0, 0))
        // --strict leaves notes alone.
        #expect(notes[0].treatedAsError == notes[0])
        let mixed = Self.diagnostics(errors: 1, warnings: 1) + notes
        #expect(DiagnosticLimit.totals(DiagnosticLimit.apply(mixed)) == (1, 1))
    }

    @Test func showingTheLineOfEachOfManyDiagnosticsIsLinear() {
        let text = (0..<50_000).map { "key\($0): value" }.joined(separator: "\n")
        let file = SourceFile(path: "a.md", text: text)
        #expect(file.line(1) == "key0: value")
        #expect(file.line(50_000) == "key49999: value")
        #expect(file.line(50_001) == nil)
        #expect(file.line(0) == nil)
        let lines = (1...50_000).map { file.diagnostic(line: $0, "x").sourceLine }
        #expect(lines.last == "key49999: value")
    }
}
