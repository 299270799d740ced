import Yams

extension ConfigParser {
    /// The keys a `notify:` target accepts.
    package static let notifyKeys = ["id", "type", "url_env", "components"]

    /// Reads the `notify:` list: each target's id, type, the environment variable with its URL,
    /// and an optional component filter checked against the site's component ids.
    func parseNotify(_ node: Node, key: Node, components: [Component], reader: inout YAMLReader) -> [NotifyTarget] {
        guard case .sequence(let sequence) = node else {
            reader.error(at: key, "'notify' must be a list of targets, each with an id, a type and a url_env")
            return []
        }
        let componentIDs = components.map(\.id)
        var targets: [NotifyTarget] = []
        var seen: [String: Int] = [:]
        for item in sequence {
            guard
                let fields = reader.fields(
                    of: item,
                    named: "a notify target",
                    allowed: Self.notifyKeys,
                    required: ["id", "type", "url_env"]
                )
            else { continue }
            var valid = true
            var id = ""
            if let idNode = fields["id"]?.value, !reader.isEmpty(idNode), let text = reader.string(idNode, field: "id")
            {
                id = text
                if !Identifier.isValid(text) {
                    reader.error(
                        at: idNode,
                        "notify target id '\(text)' must use only lowercase letters, digits, '-' and '_'",
                        suggestion: Identifier.suggestion(for: text)
                    )
                    valid = false
                } else if let first = seen[text] {
                    reader.error(
                        at: idNode, "duplicate notify target id '\(text)'; it is already used on line \(first)")
                    valid = false
                } else {
                    seen[text] = reader.line(of: idNode)
                }
            } else {
                valid = false
            }
            var kind: NotifyTarget.Kind?
            if let typeNode = fields["type"]?.value, !reader.isEmpty(typeNode) {
                kind = reader.choice(typeNode, field: "notify target type", from: NotifyTarget.Kind.allCases)
            }
            var variable: String?
            if let envNode = fields["url_env"]?.value, !reader.isEmpty(envNode),
                let name = reader.string(envNode, field: "url_env")
            {
                if Self.isEnvironmentVariableName(name) {
                    variable = name
                } else {
                    reader.error(
                        at: envNode,
                        "'url_env' must name an environment variable, such as SLACK_WEBHOOK_URL, not hold the URL;"
                            + " keep webhook URLs out of the repository"
                    )
                }
            }
            var filter: [String]?
            if let (componentsKey, componentsNode) = fields["components"] {
                filter = parseFilter(componentsNode, key: componentsKey, known: componentIDs, reader: &reader)
            }
            guard valid, let kind, let variable else { continue }
            targets.append(NotifyTarget(id: id, kind: kind, urlEnvironmentVariable: variable, components: filter))
        }
        return targets
    }

    /// A target's component filter: a list of known component ids.
    private func parseFilter(_ node: Node, key: Node, known: [String], reader: inout YAMLReader) -> [String]? {
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            reader.error(
                at: key,
                "'components' of a notify target must be a non-empty list of component ids, such as [api, payments]",
                expected: known
            )
            return nil
        }
        var ids: [String] = []
        for item in sequence {
            guard let id = reader.string(item, field: "components") else { continue }
            guard known.contains(id) else {
                reader.error(
                    at: item,
                    "unknown component '\(id)' in a notify target",
                    expected: known,
                    suggestion: Suggestion.didYouMean(id, in: known)
                )
                continue
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// Letters, digits and `_`, not starting with a digit (POSIX environment variable names).
    static func isEnvironmentVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}
