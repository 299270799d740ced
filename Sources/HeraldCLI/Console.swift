import Foundation
import HeraldCore

/// Printing for the commands: diagnostics on standard error, results on standard output.
enum Console {
    /// The most diagnostics printed in text form; the rest are counted.
    static let diagnosticLimit = 50

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.prefix(diagnosticLimit) { error(diagnostic.formatted) }
        if diagnostics.count > diagnosticLimit {
            let rest = DiagnosticLimit.totals(Array(diagnostics[diagnosticLimit...]))
            let problems = rest.errors + rest.warnings
            error(
                problems > 0
                    ? "... and \(problems) more problems not shown"
                    : "... and \(diagnostics.count - diagnosticLimit) more notes not shown")
        }
    }

    /// `3 errors, 1 warning`, counting the problems a long list left out.
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let (errors, warnings) = DiagnosticLimit.totals(diagnostics)
        return "\(plural(errors, "error")), \(plural(warnings, "warning"))"
    }

    /// `1 incident`, `2 incidents`: English words that take an `s`.
    static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let millis = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return millis < 10 ? String(format: "%.1f ms", millis) : String(format: "%.0f ms", millis)
    }

    static func json(_ diagnostics: [Diagnostic]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(diagnostics), as: UTF8.self)
    }

    /// `::error file=...,line=...,col=...::message` (`::notice` for a note), with GitHub's escaping of properties and data.
    static func githubAnnotation(_ diagnostic: Diagnostic) -> String {
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var message = diagnostic.message
        if !diagnostic.expected.isEmpty {
            message += "\nexpected one of: " + diagnostic.expected.joined(separator: ", ")
        }
        if let suggestion = diagnostic.suggestion { message += "\n" + suggestion }
        let location = diagnostic.location
        // GitHub's word for a note is `notice`.
        let command = diagnostic.severity == .note ? "notice" : diagnostic.severity.rawValue
        return "::\(command) file=\(escapeProperty(location.path)),line=\(location.line),"
            + "col=\(location.column)::\(escapeData(message))"
    }
}
