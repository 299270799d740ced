extension IncidentEditor {
    /// Reads `--component` values, `id=status` each (`payments=major_outage`), checked against
    /// herald.yml's components and Statuspage's status words.
    ///
    /// - Parameter option: The option's name, for the messages.
    /// - Throws: `Failure` with one error per bad value, and the values expected.
    package func componentStatuses(_ values: [String], option: String = "--component") throws(Failure)
        -> [AffectedComponent]
    {
        let known = config.components.map(\.id)
        let statuses = ComponentStatus.allCases.map(\.rawValue)
        var result: [AffectedComponent] = []
        var diagnostics: [Diagnostic] = []
        let location = SourceLocation(path: option)
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                diagnostics.append(
                    Diagnostic(
                        at: location,
                        "'\(value)' gives no status; write <component>=<status>, such as payments=major_outage",
                        expected: statuses))
                continue
            }
            let (id, word) = (parts[0], parts[1])
            let status = ComponentStatus(rawValue: word.lowercased().replacingOccurrences(of: "-", with: "_"))
            if !known.contains(id) {
                diagnostics.append(
                    Diagnostic(
                        at: location, "unknown component '\(id)'", expected: known,
                        suggestion: Suggestion.didYouMean(id, in: known)))
            }
            if status == nil {
                diagnostics.append(
                    Diagnostic(
                        at: location, "unknown component status '\(word)'", expected: statuses,
                        suggestion: ComponentsLine.statusSuggestion(word)))
            }
            guard let status, known.contains(id) else { continue }
            guard !result.contains(where: { $0.id == id }) else {
                diagnostics.append(Diagnostic(at: location, "component '\(id)' is given twice"))
                continue
            }
            result.append(AffectedComponent(id: id, status: status))
        }
        guard diagnostics.isEmpty else { throw Failure(diagnostics: diagnostics) }
        return result
    }

    /// The `Components:` line that gives `components` their statuses.
    static func componentsLine(_ components: [AffectedComponent]) -> String {
        "\(ComponentsLine.keyword): " + components.map { "\($0.id)=\($0.status.rawValue)" }.joined(separator: ", ")
    }
}
