import Foundation
import Yams

/// Reading an incident's YAML front matter: its keys, the maintenance window and the components.
extension IncidentParser {

    struct Header {
        var title: String?
        var impact: Impact?
        var components: [AffectedComponent] = []
        var slug: String?
        var started: Date?
        var draft = false
        var maintenance: MaintenanceWindow?
        /// Whether the file has a `maintenance:` key, even one with errors.
        var isMaintenance = false
        var notice: Notice?
        /// Whether the file is a notice (`notice:` other than `false`), even one with errors.
        var isNotice = false
        /// Whether the slug was made from a file name that is not one itself, such as
        /// `2026-11-27-zahlungen-verzögert`: then `herald check` notes the URL.
        var slugDiffersFromFileName = false
    }

    func readFrontMatter(_ split: FrontMatter, file: SourceFile, reader: inout YAMLReader) -> Header {
        var header = Header()
        guard let root = reader.compose(split.yaml) else {
            if reader.diagnostics.isEmpty {
                reader.error(line: 1, column: 1, "front matter is empty; it needs at least title and impact")
            }
            return header
        }
        guard
            let fields = reader.fields(
                of: root,
                named: "the front matter",
                allowed: Self.keys,
                required: ["title"]
            )
        else { return header }
        let timeParser = TimeParser(timeZone: config.timeZone)
        if let (key, node) = fields["maintenance"] {
            header.isMaintenance = true
            header.maintenance = readWindow(node, key: key, parser: timeParser, reader: &reader)
        }
        if let (_, node) = fields["notice"] {
            header.notice = readNotice(node, parser: timeParser, reader: &reader)
            header.isNotice = header.notice != nil || !(reader.isFalse(node))
            if header.isNotice {
                for other in ["maintenance", "impact", "started"] {
                    guard let (otherKey, _) = fields[other] else { continue }
                    reader.error(
                        at: otherKey,
                        "a notice has no '\(other)': it announces something and changes no status"
                            + (other == "maintenance" ? "; a file is a notice or a maintenance" : ""))
                }
            }
        }
        if fields["impact"] == nil, fields["maintenance"] == nil, !header.isNotice {
            reader.error(at: root, "the front matter has no 'impact'; it is required")
        }

        header.title = fields["title"].flatMap { reader.string($0.value, field: "title") }
        if let title = header.title, title.allSatisfy(\.isWhitespace), let node = fields["title"] {
            reader.error(at: node.value, "'title' must not be blank")
            header.title = nil
        }
        header.impact = fields["impact"].flatMap { reader.choice($0.value, field: "impact", from: Impact.allCases) }
        if let draft = fields["draft"] { header.draft = reader.bool(draft.value, field: "draft") ?? false }
        header.started = fields["started"].flatMap { reader.time($0.value, field: "started", parser: timeParser) }

        if let (_, node) = fields["slug"] {
            if let slug = reader.string(node, field: "slug") {
                if let problem = Identifier.lengthProblem(slug, what: "slug") {
                    reader.error(at: node, problem)
                } else if Identifier.isValid(slug) {
                    header.slug = slug
                } else {
                    reader.error(
                        at: node,
                        "slug '\(slug)' is not URL-safe; use lowercase letters, digits, '-' and '_'",
                        suggestion: Identifier.suggestion(for: slug)
                    )
                }
            }
        } else {
            // A file name in any script gives an ASCII slug (`Slug`).
            let name = String((file.path.split(separator: "/").last ?? "").dropLast(3))
            let slug = Slug.derived(fromFileName: name)
            header.slug = slug
            header.slugDiffersFromFileName = slug != name
        }

        if let (key, node) = fields["components"] {
            if header.isNotice, case .mapping = node {
                reader.error(
                    at: key,
                    "a notice changes no component's status; list the components it concerns, such as"
                        + " 'components: [webhooks]'")
            } else {
                let status =
                    header.isNotice
                    ? ComponentStatus.operational
                    : fields["maintenance"] != nil
                        ? ComponentStatus.underMaintenance : (header.impact ?? .none).defaultComponentStatus
                header.components = readComponents(node, key: key, defaultStatus: status, reader: &reader)
            }
        }
        return header
    }

    /// `notice: true`, or `notice: {until: TIME, embed: true}`; nil for `notice: false` or errors.
    func readNotice(_ node: Node, parser: TimeParser, reader: inout YAMLReader) -> Notice? {
        if case .mapping = node {
            guard let fields = reader.fields(of: node, named: "'notice'", allowed: ["until", "embed"], required: [])
            else { return nil }
            var notice = Notice()
            if let (_, value) = fields["until"] {
                guard let until = reader.time(value, field: "until", parser: parser) else { return nil }
                notice.until = until
            }
            if let (_, value) = fields["embed"] {
                guard let embed = reader.bool(value, field: "embed") else { return nil }
                notice.showsInEmbed = embed
            }
            return notice
        }
        guard let isNotice = reader.bool(node, field: "notice") else { return nil }
        return isNotice ? Notice() : nil
    }

    /// `maintenance: {start: TIME, end: TIME}`, with the end after the start.
    func readWindow(_ node: Node, key: Node, parser: TimeParser, reader: inout YAMLReader)
        -> MaintenanceWindow?
    {
        guard
            let fields = reader.fields(
                of: node,
                named: "'maintenance'",
                allowed: ["start", "end"],
                required: ["start", "end"]
            ),
            let startNode = fields["start"]?.value, let endNode = fields["end"]?.value,
            let start = reader.time(startNode, field: "start", parser: parser),
            let end = reader.time(endNode, field: "end", parser: parser)
        else { return nil }
        guard end > start else {
            reader.error(at: endNode, "the maintenance ends before it starts; 'end' must be after 'start'")
            return nil
        }
        return MaintenanceWindow(start: start, end: end)
    }

    func readComponents(_ node: Node, key: Node, defaultStatus: ComponentStatus, reader: inout YAMLReader)
        -> [AffectedComponent]
    {
        let known = config.components.map(\.id)
        var result: [AffectedComponent] = []
        var seen = Set<String>()

        func add(_ idNode: Node, status: ComponentStatus) {
            guard let id = reader.string(idNode, field: "component id") else { return }
            guard known.contains(id) || !checksComponents else {
                reader.error(
                    at: idNode,
                    "unknown component '\(id)'",
                    expected: known,
                    suggestion: Suggestion.didYouMean(id, in: known)
                )
                return
            }
            guard seen.insert(id).inserted else {
                reader.error(at: idNode, "component '\(id)' is listed twice")
                return
            }
            result.append(AffectedComponent(id: id, status: status))
        }

        switch node {
        case .sequence(let sequence):
            for item in sequence { add(item, status: defaultStatus) }
        case .mapping(let mapping):
            for (idNode, statusNode) in mapping {
                guard let status = reader.choice(statusNode, field: "component status", from: ComponentStatus.allCases)
                else { continue }
                add(idNode, status: status)
            }
        case .scalar where reader.isNull(node):
            break
        default:
            reader.error(
                at: key,
                "'components' must be a list of component ids, or a mapping of component ids to statuses"
            )
        }
        return result
    }
}
