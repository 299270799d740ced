/// One problem found in the user's input, reported in compiler form.
///
/// ```
/// incidents/2026-11-26-payments.md:4:9: error: unknown impact 'majr'
///     impact: majr
///             ^
///   expected one of: none, minor, major, critical
///   did you mean 'major'?
/// ```
package struct Diagnostic: Error, Sendable, Hashable, Codable {
    /// How serious a diagnostic is.
    package enum Severity: String, Sendable, Hashable, Codable {
        /// The site cannot be published.
        case error
        /// The site publishes, but something looks wrong.
        case warning
        /// Not a problem: something worth knowing, such as the URL Herald made from a file name.
        /// `--strict` leaves notes alone, and `herald check` with only notes is clean.
        case note
    }

    /// How serious the problem is.
    package var severity: Severity
    /// Where the problem is.
    package var location: SourceLocation
    /// What is wrong, in one sentence without a trailing period.
    package var message: String
    /// The values that would have been accepted, if there is a fixed set.
    package var expected: [String]
    /// A likely fix, such as the nearest valid spelling.
    package var suggestion: String?
    /// The text of the offending line, shown with a caret under the column.
    package var sourceLine: String?
    /// On the diagnostic that ends a list cut at `DiagnosticLimit.maximum`: what was left out.
    package var omitted: Omitted?

    /// How many errors and warnings a cut list left out.
    package struct Omitted: Sendable, Hashable, Codable {
        package var errors: Int
        package var warnings: Int
    }

    /// Creates a diagnostic.
    package init(
        _ severity: Severity = .error,
        at location: SourceLocation,
        _ message: String,
        expected: [String] = [],
        suggestion: String? = nil,
        sourceLine: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.expected = expected
        self.suggestion = suggestion
        self.sourceLine = sourceLine
    }

    /// The diagnostic as `--strict` reports it: a warning becomes an error that says why, as
    /// compilers do for warnings made errors.
    package var treatedAsError: Diagnostic {
        guard severity == .warning else { return self }
        var error = self
        error.severity = .error
        error.message += "; --strict makes this warning an error"
        return error
    }

    /// The first line: `path:line:column: error: message`.
    package var headline: String {
        "\(location): \(severity.rawValue): \(message)"
    }

    /// The full text: the headline, the offending line with a caret, what was expected, and a
    /// suggestion.
    package var formatted: String {
        var lines = [headline]
        if let sourceLine {
            let line = sourceLine.replacingTabs()
            lines.append("    " + line)
            let prefix = sourceLine.unicodeScalars.prefix(location.column - 1)
            let indent = prefix.map { $0 == "\t" ? "    " : " " }.joined()
            lines.append("    " + indent + "^")
        }
        if !expected.isEmpty {
            lines.append("  expected one of: " + expected.joined(separator: ", "))
        }
        if let suggestion {
            lines.append("  " + suggestion)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        unicodeScalars.map { $0 == "\t" ? "    " : String($0) }.joined()
    }
}

/// The error a stage throws when the input has problems: every diagnostic of the run.
package struct DiagnosticsError: Error, Sendable {
    /// All diagnostics, sorted by location.
    package var diagnostics: [Diagnostic]

    /// Creates the error.
    package init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
    }
}
