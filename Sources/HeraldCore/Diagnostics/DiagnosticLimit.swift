/// The most diagnostics one run reports.
///
/// A file with tens of thousands of mistakes (or a generated one) would otherwise print them
/// all, in every format: a CI log or a GitHub Actions run with 100,000 annotations helps nobody.
/// The first `maximum` are kept in order, and one more diagnostic at the next one's place says
/// how many errors and warnings were left out.
package enum DiagnosticLimit {
    /// How many diagnostics are kept.
    package static let maximum = 200

    /// `diagnostics` (sorted) cut at `maximum`, ending with a diagnostic that counts the rest.
    package static func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard diagnostics.count > maximum else { return diagnostics }
        let rest = diagnostics[maximum...]
        let errors =
            rest.count { $0.severity == .error && $0.omitted == nil }
            + rest.reduce(0) { $0 + ($1.omitted?.errors ?? 0) }
        let warnings =
            rest.count { $0.severity == .warning && $0.omitted == nil }
            + rest.reduce(0) { $0 + ($1.omitted?.warnings ?? 0) }
        let problems = errors + warnings
        var summary = Diagnostic(
            errors > 0 ? .error : (warnings > 0 ? .warning : .note),
            at: rest[rest.startIndex].location,
            problems > 0
                ? "\(problems) more problems not shown (\(errors) errors, \(warnings) warnings); Herald reports"
                    + " the first \(maximum)"
                : "\(rest.count) more notes not shown; Herald reports the first \(maximum)"
        )
        summary.omitted = Diagnostic.Omitted(errors: errors, warnings: warnings)
        return Array(diagnostics.prefix(maximum)) + [summary]
    }

    /// The errors and warnings of `diagnostics`, counting those a cut left out (notes are
    /// neither).
    package static func totals(_ diagnostics: [Diagnostic]) -> (errors: Int, warnings: Int) {
        var errors = 0
        var warnings = 0
        for diagnostic in diagnostics {
            if let omitted = diagnostic.omitted {
                errors += omitted.errors
                warnings += omitted.warnings
            } else if diagnostic.severity == .error {
                errors += 1
            } else if diagnostic.severity == .warning {
                warnings += 1
            }
        }
        return (errors, warnings)
    }
}
