import Foundation
import Yams

/// Reads YAML from one of the user's files into Yams nodes and reports problems at the file's
/// own lines and columns (front matter starts below the `---` line, so its lines are shifted).
///
/// Scalars are always read as the text the user wrote: `title: no` is the title "no" and
/// `id: on` the id "on", never a boolean. Only fields that are meant to be booleans or times are
/// interpreted, strictly.
struct YAMLReader {
    /// The file the YAML comes from.
    let file: SourceFile
    /// How many lines of the file come before the YAML's first line.
    let lineOffset: Int
    /// Problems found so far.
    var diagnostics: [Diagnostic] = []
    /// Which anchors and aliases the text may have.
    let aliases: AliasPolicy

    /// Which YAML anchors (`&name`) and aliases (`*name`) a file may have. Yams expands an alias
    /// wherever it hashes or compares a node, so nested aliases can cost billions of steps.
    enum AliasPolicy {
        /// None: incident front matter never needs them.
        case refused
        /// At most `maximumAliases` aliases, which bounds any expansion to a few copies.
        case limited
    }

    /// The most aliases a herald.yml or locale file may have. However they are nested, 8 aliases
    /// make at most 18 copies of a node (3 × 3 × 2), so hashing a key costs at most 18 times the
    /// file's size; the ten levels of ten of an alias bomb need 90.
    static let maximumAliases = 8

    init(file: SourceFile, lineOffset: Int = 0, aliases: AliasPolicy = .limited) {
        self.file = file
        self.lineOffset = lineOffset
        self.aliases = aliases
    }

    /// Composes `yaml` into a node tree, or records why it cannot be read.
    mutating func compose(_ yaml: String) -> Node? {
        if let tab = Self.firstIndentingTab(in: yaml) {
            error(line: tab, column: 1, "YAML indentation must use spaces, not tabs")
            return nil
        }
        guard checkAliases(in: yaml) else { return nil }
        do {
            // Herald reads every scalar as written and never asks Yams for its type, so the basic
            // resolver (no tag regexes) is enough, and naming the encoding saves Yams a look at the
            // environment on every file.
            return try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            record(error)
        } catch {
            self.error(line: 1, column: 1, "cannot read YAML: \(error)")
        }
        return nil
    }

    /// Records anchors and aliases the policy forbids, before Yams composes (and hashes) the
    /// nodes; returns whether the text may be composed.
    private mutating func checkAliases(in yaml: String) -> Bool {
        // Only a text with an `&` or `*` can have them; most files have neither.
        guard yaml.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return true }
        let tokens = YAMLAliasScan.tokens(in: yaml)
        switch aliases {
        case .refused:
            guard let token = tokens.first else { return true }
            let more = tokens.count > 1 ? " (this file has \(tokens.count) anchors and aliases)" : ""
            error(
                line: token.line,
                column: token.column,
                (token.isAlias
                    ? "YAML aliases ('*\(token.name)') are not allowed in front matter; write the value out"
                    : "YAML anchors ('&\(token.name)') are not allowed in front matter; remove it") + more
            )
            return false
        case .limited:
            let aliases = tokens.filter(\.isAlias)
            guard aliases.count > Self.maximumAliases else { return true }
            let first = aliases[Self.maximumAliases]
            error(
                line: first.line,
                column: first.column,
                "too many YAML aliases: \(aliases.count); a file may have at most \(Self.maximumAliases)"
            )
            return false
        }
    }

    private mutating func record(_ yamlError: YamlError) {
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            // An unclosed quote or bracket is only noticed at the end; point at where it opened.
            if let context, problem.contains("end of stream") {
                message += " \(context.text); is a quote or bracket not closed?"
                error(line: context.mark.line, column: context.mark.column, message)
            } else {
                if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
                error(line: mark.line, column: mark.column, message)
            }
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            error(
                line: context.mark.line, column: context.mark.column, "duplicate key \(keys); each key may appear once")
        case .reader(let problem, _, _, _):
            error(line: 1, column: 1, "cannot read YAML: \(problem)")
        default:
            error(line: 1, column: 1, "cannot read YAML: \(yamlError)")
        }
    }

    /// The 1-based line of the first line indented with a tab, which YAML forbids.
    private static func firstIndentingTab(in yaml: String) -> Int? {
        var lineNumber = 0
        for line in yaml.lines {
            lineNumber += 1
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            if indentation.contains(where: { $0 == "\t" }), indentation.count < line.count { return lineNumber }
        }
        return nil
    }

    // MARK: Reporting

    /// Records a problem at a YAML line and column.
    mutating func error(
        _ severity: Diagnostic.Severity = .error,
        line: Int,
        column: Int,
        _ message: String,
        expected: [String] = [],
        suggestion: String? = nil
    ) {
        diagnostics.append(
            file.diagnostic(
                severity,
                line: line + lineOffset,
                column: column,
                message,
                expected: expected,
                suggestion: suggestion
            )
        )
    }

    /// Records a problem at a node.
    mutating func error(
        _ severity: Diagnostic.Severity = .error,
        at node: Node,
        _ message: String,
        expected: [String] = [],
        suggestion: String? = nil
    ) {
        error(
            severity,
            line: node.mark?.line ?? 1,
            column: node.mark?.column ?? 1,
            message,
            expected: expected,
            suggestion: suggestion
        )
    }

    /// The file line of a node.
    func line(of node: Node) -> Int {
        (node.mark?.line ?? 1) + lineOffset
    }

    // MARK: Reading values

    /// The key-value pairs of a mapping, with keys checked against `allowed`.
    ///
    /// Unknown keys are reported with the nearest allowed key; required keys that are missing are
    /// reported at `node`.
    mutating func fields(
        of node: Node,
        named what: String,
        allowed: [String],
        required: [String] = []
    ) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error(at: node, "\(what) must be a mapping of keys to values")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error(at: key, "keys of \(what) must be plain words")
                continue
            }
            guard allowed.contains(scalar.string) else {
                error(
                    at: key,
                    "unknown key '\(scalar.string)' in \(what)",
                    expected: allowed,
                    suggestion: Suggestion.didYouMean(scalar.string, in: allowed)
                )
                continue
            }
            result[scalar.string] = (key, value)
        }
        for name in required where result[name] == nil || isEmpty(result[name]!.value) {
            if let present = result[name] {
                error(at: present.key, "'\(name)' of \(what) must not be empty")
            } else {
                error(at: node, "\(what) has no '\(name)'; it is required")
            }
        }
        return result
    }

    /// Whether a node is YAML's null (an empty value or `~`/`null`).
    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// Whether a node is null or an empty string, however it is quoted.
    func isEmpty(_ node: Node) -> Bool {
        if isNull(node) { return true }
        if case .scalar(let scalar) = node { return scalar.string.isEmpty }
        return false
    }

    /// A text value exactly as written, or nil (with a diagnostic) when the node is not a scalar.
    mutating func string(_ node: Node, field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(at: node, "'\(field)' must be text, not a list or mapping")
            return nil
        }
        if isNull(node) { return nil }
        return scalar.string
    }

    /// A boolean, accepting only `true` or `false`, so that `yes`, `on` or `1` never flip a switch
    /// by accident.
    mutating func bool(_ node: Node, field: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain,
            ["true", "false"].contains(scalar.string)
        else {
            error(at: node, "'\(field)' must be true or false", expected: ["true", "false"])
            return nil
        }
        return scalar.string == "true"
    }

    /// Whether `node` is the plain scalar `false`.
    func isFalse(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, scalar.string == "false" { return true }
        return false
    }

    /// One value of a fixed set, matched exactly (letter case included).
    mutating func choice<T: RawRepresentable>(
        _ node: Node,
        field: String,
        from values: [T]
    ) -> T? where T.RawValue == String {
        guard let text = string(node, field: field) else {
            if isNull(node) { error(at: node, "'\(field)' must not be empty", expected: values.map(\.rawValue)) }
            return nil
        }
        if let value = values.first(where: { $0.rawValue == text }) { return value }
        let names = values.map(\.rawValue)
        error(
            at: node,
            "unknown \(field) '\(text)'",
            expected: names,
            suggestion: Suggestion.didYouMean(text, in: names)
        )
        return nil
    }

    /// A time, in any of `TimeParser`'s forms.
    mutating func time(_ node: Node, field: String, parser: TimeParser, allowDateOnly: Bool = false) -> Date? {
        guard let text = string(node, field: field) else { return nil }
        switch parser.parse(text, allowDateOnly: allowDateOnly) {
        case .success(let date):
            return date
        case .failure(let failure):
            let quoted = if case .scalar(let s) = node, s.style != .plain { 1 } else { 0 }
            error(
                line: node.mark?.line ?? 1,
                column: (node.mark?.column ?? 1) + quoted + failure.offset,
                failure.message,
                expected: allowDateOnly ? ["2026-11-26"] + TimeParser.acceptedForms : TimeParser.acceptedForms
            )
            return nil
        }
    }
}
