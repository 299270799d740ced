/// An update's `Components:` line: the statuses it gives components from the update's time on.
///
/// ```markdown
/// ## Identified — 2026-11-26 14:40 UTC
/// Components: payments=major_outage, billing-emails=degraded_performance
///
/// The update's text.
/// ```
///
/// It is the first line of the update's text (blank lines may come before it), indented by at
/// most three spaces. A first line that starts with a near miss of the word (`Component:`,
/// `components:`, `Compnents:`) is an error, so that a typo never turns into text customers read.
struct ComponentsLine {
    /// The word that starts the line.
    static let keyword = "Components"

    /// The components and statuses the line names, in its order.
    var components: [AffectedComponent] = []
    /// Its errors.
    var diagnostics: [Diagnostic] = []

    /// Whether `line` is meant as a `Components:` line: it starts with the keyword or a near miss
    /// of it, followed by a colon.
    static func isCandidate(_ line: Substring) -> Bool {
        guard let word = leadingWord(of: line) else { return false }
        return word.word == keyword || Suggestion.editDistance(word.word.lowercased(), keyword.lowercased()) <= 2
    }

    /// Reads `line`, line `number` of `file`.
    ///
    /// - Parameters:
    ///   - known: The component ids of herald.yml, or nil when they are not checked.
    ///   - kind: What the file is: a maintenance's and a notice's updates cannot set statuses.
    init(_ line: Substring, number: Int, file: SourceFile, known: [String]?, kind: IncidentParser.FileKind) {
        guard let leading = Self.leadingWord(of: line) else { return }
        func column(_ index: Substring.Index) -> Int { line.unicodeScalars[..<index].count + 1 }
        func error(at index: Substring.Index, _ message: String, expected: [String] = [], suggestion: String? = nil) {
            diagnostics.append(
                file.diagnostic(
                    line: number, column: column(index), message, expected: expected, suggestion: suggestion
                )
            )
        }
        guard leading.word == Self.keyword else {
            error(
                at: leading.range.lowerBound,
                "'\(leading.word):' is not the components line; write 'Components:'",
                suggestion: "did you mean 'Components: \(line[leading.range.upperBound...].dropFirst().trimmed)'?"
            )
            return
        }
        switch kind {
        case .incident:
            break
        case .maintenance:
            error(
                at: leading.range.lowerBound,
                "a maintenance's updates cannot change component statuses: its components are under maintenance"
                    + " while it runs; post an incident for an outage during the work"
            )
            return
        case .notice:
            error(at: leading.range.lowerBound, "a notice changes no component's status; post an incident for that")
            return
        }
        let rest = line[line.index(after: leading.range.upperBound)...]
        let statuses = ComponentStatus.allCases.map(\.rawValue)
        var seen = Set<String>()
        for item in rest.split(separator: ",", omittingEmptySubsequences: false) {
            let text = item.trimmed
            guard !text.isEmpty else { continue }
            let start = item.firstIndex { !$0.isWhitespace } ?? item.startIndex
            guard let equals = item.firstIndex(of: "=") else {
                error(
                    at: start,
                    "'\(text)' gives no status; write '<component>=<status>', such as '\(text)=major_outage'",
                    expected: statuses
                )
                continue
            }
            let id = item[..<equals].trimmed
            let statusText = item[item.index(after: equals)...]
            let status = statusText.trimmed
            // Both halves are checked, so a line with two mistakes reports both at once.
            let knownID = known.map { $0.contains(id) } ?? true
            if !knownID {
                error(
                    at: start,
                    "unknown component '\(id)'",
                    expected: known ?? [],
                    suggestion: Suggestion.didYouMean(id, in: known ?? [])
                )
            }
            let value = ComponentStatus(rawValue: status)
            if value == nil {
                error(
                    at: statusText.firstIndex { !$0.isWhitespace } ?? statusText.startIndex,
                    "unknown component status '\(status)'",
                    expected: statuses,
                    suggestion: Self.statusSuggestion(status)
                )
            }
            guard knownID, let value else { continue }
            guard seen.insert(id).inserted else {
                error(at: start, "component '\(id)' is named twice on this line")
                continue
            }
            components.append(AffectedComponent(id: id, status: value))
        }
        if components.isEmpty, diagnostics.isEmpty {
            error(
                at: leading.range.lowerBound,
                "the components line names no component; write 'Components: payments=major_outage'",
                expected: statuses
            )
        }
    }

    /// "did you mean" for a mistyped status word: a near spelling, or the one status that starts
    /// with it (`major` → `major_outage`).
    static func statusSuggestion(_ word: String) -> String? {
        let statuses = ComponentStatus.allCases.map(\.rawValue)
        if let near = Suggestion.didYouMean(word, in: statuses) { return near }
        let key = word.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        let starting = statuses.filter { !key.isEmpty && $0.hasPrefix(key) }
        return starting.count == 1 ? "did you mean '\(starting[0])'?" : nil
    }

    /// The word before the line's first colon, when the line starts with one (after at most three
    /// spaces), and its range.
    private static func leadingWord(of line: Substring) -> (word: Substring, range: Range<Substring.Index>)? {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let start = indent.endIndex
        let word = line[start...].prefix { $0.isLetter }
        guard !word.isEmpty, word.endIndex < line.endIndex, line[word.endIndex] == ":" else { return nil }
        return (word, start..<word.endIndex)
    }
}

extension Substring {
    /// The text without whitespace at either end.
    fileprivate var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
