import Foundation

/// Writes incident files for operators: a new incident with its first update, and new updates at
/// the top of an existing timeline. Every other byte of an existing file is left as it was, and
/// nothing is written unless the result passes the same checks as `herald check`.
///
/// Files are read and written under the build's rule for symbolic links (`SiteRoot`): nothing
/// outside the site's folder is read or written, and an incident that is a link inside it is
/// written through to its target, so the link stays a link.
package struct IncidentEditor: Sendable {
    /// Why an edit was refused.
    package struct Failure: Error, Sendable {
        /// What went wrong, as diagnostics (or one message without a location).
        package var diagnostics: [Diagnostic]

        /// Creates a failure.
        package init(diagnostics: [Diagnostic]) {
            self.diagnostics = diagnostics
        }
    }

    package let root: URL
    package let config: SiteConfig
    package let now: Date
    /// Whether an edit that leaves a warning in the file is refused, as `--strict` asks.
    package let strict: Bool

    /// Creates an editor for the site at `root`.
    package init(root: URL, config: SiteConfig, now: Date, strict: Bool = false) {
        self.root = root
        self.config = config
        self.now = now
        self.strict = strict
    }

    /// Reads `herald.yml` and creates an editor.
    package static func load(root: URL, now: Date, strict: Bool = false) throws(Failure) -> IncidentEditor {
        let file: SourceFile
        do {
            file = try SourceLoader(root: root).loadConfig()
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        switch ConfigParser().parse(file) {
        case .success(let config): return IncidentEditor(root: root, config: config, now: now, strict: strict)
        case .failure(let error): throw Failure(diagnostics: error.diagnostics)
        }
    }

    /// `2026-11-27 10:14 +01:00`: the clock in the site's zone, with its offset so it can never be
    /// ambiguous.
    package var headingTime: String { headingTime(withSeconds: false) }

    /// `2026-11-27 10:14 +01:00`, or `2026-11-27 10:14:37 +01:00` with seconds.
    package func headingTime(withSeconds: Bool) -> String {
        let t = CivilTime(now, in: config.timeZone)
        let date = "\(Timestamp.pad(t.year, 4))-\(Timestamp.pad(t.month))-\(Timestamp.pad(t.day))"
        let time =
            "\(Timestamp.pad(t.hour)):\(Timestamp.pad(t.minute))" + (withSeconds ? ":\(Timestamp.pad(t.second))" : "")
        return t.offsetSeconds == 0 ? "\(date) \(time) UTC" : "\(date) \(time) \(OffsetFormat.iso(t.offsetSeconds))"
    }

    // MARK: New incidents

    /// Writes `incidents/<yyyy-mm-dd>-<title>.md` with front matter and a first update: the date
    /// is today's, or a maintenance's first day (in the site's zone). The title is written into
    /// the name in its own script (`Slug.fileName(forTitle:)`); the
    /// build makes the URL's ASCII slug from it.
    ///
    /// - Parameters:
    ///   - components: Component ids, each with the impact's status, or `id=status`.
    ///   - window: For a scheduled maintenance, its start and end as written (any time form).
    ///   - notice: For an informational notice, its `until` as written (any time form) and whether
    ///     `embed.js` shows it.
    /// - Returns: The new file's path relative to the root.
    package func create(
        title: String,
        impact: String?,
        components: [String],
        status: String,
        message: String,
        window: (start: String, end: String)? = nil,
        notice: (until: String?, embed: Bool)? = nil
    ) throws(Failure) -> String {
        let slugBase = Slug.fileName(forTitle: title)
        // A maintenance is named by the day its window opens, as the history lists it; an
        // incident by today. A start that does not parse is reported by the check below.
        var dayStart = now
        if let window, case .success(let start) = TimeParser(timeZone: config.timeZone).parse(window.start) {
            dayStart = start
        }
        let day = CivilTime(dayStart, in: config.timeZone)
        let name = "\(Timestamp.pad(day.year, 4))-\(Timestamp.pad(day.month))-\(Timestamp.pad(day.day))-\(slugBase)"
        let path = "incidents/\(name).md"
        let site = SiteRoot(root)
        if let refusal = site.refusal(site.resolve(relative: "incidents"), at: "incidents") {
            throw Failure(diagnostics: [refusal])
        }
        let url = root.appendingPathComponent(path)
        // A link counts as existing even when it leads nowhere: it is never written through.
        guard POSIX.kind(of: url.path) == nil else {
            throw Failure(diagnostics: [
                Diagnostic(
                    at: SourceLocation(path: path),
                    "\(path) already exists; Herald never overwrites an incident (use herald update)")
            ])
        }
        let statusWord = try Self.updateStatus(status, path: path)
        var front = "---\ntitle: \(YAMLText.quoted(title))\n"
        if let impact { front += "impact: \(impact)\n" }
        if let window {
            front += "maintenance:\n  start: \(YAMLText.quoted(window.start))\n  end: \(YAMLText.quoted(window.end))\n"
        }
        if let notice {
            if notice.until == nil, !notice.embed {
                front += "notice: true\n"
            } else {
                front += "notice:\n"
                if let until = notice.until { front += "  until: \(YAMLText.quoted(until))\n" }
                if notice.embed { front += "  embed: true\n" }
            }
            // A notice changes no status: its components are a list.
            if !components.isEmpty { front += "components: [\(components.joined(separator: ", "))]\n" }
        } else if !components.isEmpty {
            front += "components:\n"
            let defaultStatus =
                window != nil
                ? ComponentStatus.underMaintenance : (impact.flatMap(Impact.init) ?? .minor).defaultComponentStatus
            // `id` takes the impact's status; `id=status` gives its own.
            let given = try componentStatuses(components.filter { $0.contains("=") }, option: "--components")
            for entry in components {
                let id = entry.split(separator: "=", maxSplits: 1).first.map(String.init) ?? entry
                let status = given.first { $0.id == id.trimmingCharacters(in: .whitespaces) }?.status ?? defaultStatus
                front += "  \(id.trimmingCharacters(in: .whitespaces)): \(status.rawValue)\n"
            }
        }
        front += "---\n\n"
        let text = front + "## \(statusWord.rawValue) \u{2014} \(headingTime)\n\n" + Self.normalized(message)
        try validate(text, path: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw Failure(diagnostics: [
                Diagnostic(at: SourceLocation(path: path), "cannot write: \(error.localizedDescription)")
            ])
        }
        return path
    }

    // MARK: Updates

    /// Finds an incident by slug, file name or path.
    package func locate(_ reference: String) throws(Failure) -> String {
        var candidates = [reference]
        if !reference.hasSuffix(".md") { candidates.append("incidents/\(reference).md") }
        candidates.append("incidents/\(reference)")
        for candidate in candidates {
            let url =
                candidate.hasPrefix("/") ? URL(fileURLWithPath: candidate) : root.appendingPathComponent(candidate)
            if FileManager.default.fileExists(atPath: url.path), url.pathExtension == "md" {
                let rootPath = root.standardizedFileURL.path + "/"
                let full = url.standardizedFileURL.path
                return full.hasPrefix(rootPath) ? String(full.dropFirst(rootPath.count)) : full
            }
        }
        // The slug without its date (`delayed-payments` for `2026-11-26-delayed-payments.md`), if
        // exactly one file matches.
        let folder = root.appendingPathComponent("incidents")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let suffixed = names.filter { $0.hasSuffix("-\(reference).md") }
        if suffixed.count == 1 { return "incidents/\(suffixed[0])" }
        // The slug made from a file name in another script (`2026-11-27-zahlungen-verzogert` for
        // `2026-11-27-zahlungen-verzögert.md`), with or without its date.
        let derived = names.filter { $0.hasSuffix(".md") }.sorted().map {
            (name: $0, slug: Slug.derived(fromFileName: String($0.dropLast(3))))
        }
        for matches in [derived.filter { $0.slug == reference }, derived.filter { $0.slug.hasSuffix("-\(reference)") }]
        where matches.count == 1 {
            return "incidents/\(matches[0].name)"
        }
        // A custom `slug:` differs from the file name: search the front matter.
        let loader = SourceLoader(root: root)
        for name in names.sorted() where name.hasSuffix(".md") {
            let text = (try? loader.loadText("incidents/\(name)"))?.text ?? ""
            if text.split(separator: "\n").prefix(20).contains(where: { $0 == "slug: \(reference)" }) {
                return "incidents/\(name)"
            }
        }
        // Suggest the nearest slug, with or without its date.
        let slugs = derived.map(\.slug)
        let undated = slugs.map {
            $0.count > 11 && $0.prefix(11).allSatisfy { $0.isNumber || $0 == "-" } ? String($0.dropFirst(11)) : $0
        }
        throw Failure(diagnostics: [
            Diagnostic(
                at: SourceLocation(path: "incidents"), "no incident '\(reference)'; give its slug, file name or path",
                suggestion: Suggestion.didYouMean(reference, in: reference.first?.isNumber == true ? slugs : undated))
        ])
    }

    /// Adds an update above the newest one and returns the file's path.
    ///
    /// - Parameters:
    ///   - components: `id=status` values for the update's `Components:` line (`--component`).
    ///   - force: Add it even though the incident is resolved.
    package func addUpdate(
        to reference: String, status: String, message: String, components: [String] = [], force: Bool
    ) throws(Failure) -> String {
        let path = try locate(reference)
        let (file, target) = try read(path)
        let original = file.text
        let statusWord = try Self.updateStatus(status, path: path)
        let stated = try componentStatuses(components)
        let parsed = IncidentParser(config: config, now: now).parse(SourceFile(path: path, text: original))
        guard let incident = parsed.incident else {
            throw Failure(diagnostics: parsed.diagnostics.filter { $0.severity == .error })
        }
        // A maintenance is never "open": it is finished once completed or cancelled.
        let finished: String?
        if incident.notice != nil {
            finished = nil
        } else if incident.maintenance != nil {
            let stage = incident.maintenanceStatus(at: now)
            finished =
                stage == .completed || stage == .cancelled
                ? "the maintenance is already \(stage?.rawValue.lowercased() ?? "over")" : nil
        } else {
            finished = incident.isOpen ? nil : "the incident is already resolved"
        }
        if let finished, !force, statusWord != .postmortem {
            throw Failure(diagnostics: [
                Diagnostic(at: SourceLocation(path: path), "\(finished); add --force to update it anyway")
            ])
        }
        // Headings have minutes; when another update has this minute, this one gets seconds. Two
        // updates may not share a second: say so plainly rather than through the parser's message
        // about the edited file, whose lines are not on disk yet.
        let second = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        if let same = incident.updates.first(where: { $0.time == second }) {
            throw Failure(diagnostics: [
                Diagnostic(
                    at: SourceLocation(path: path, line: same.line),
                    "the update on this line already has the time \(headingTime(withSeconds: true)), and two updates"
                        + " cannot share a second; post this one a moment later, or give a later time with --now"
                )
            ])
        }
        let minute = (now.timeIntervalSince1970 / 60).rounded(.down)
        let minuteTaken = incident.updates.contains { ($0.time.timeIntervalSince1970 / 60).rounded(.down) == minute }
        let time = headingTime(withSeconds: minuteTaken)
        if !stated.isEmpty, incident.maintenance != nil || incident.notice != nil {
            throw Failure(diagnostics: [
                Diagnostic(
                    at: SourceLocation(path: "--component"),
                    "--component is for incidents: a maintenance's components are under maintenance while it runs, and a notice changes no status"
                )
            ])
        }
        let line = stated.isEmpty ? "" : Self.componentsLine(stated) + "\n"
        let section = "## \(statusWord.rawValue) \u{2014} \(time)\n" + line + "\n" + Self.normalized(message) + "\n"
        let updated = Self.inserting(section, before: incident.updates.map(\.line).min(), in: original)
        try validate(updated, path: path)
        do {
            // Written to the link's target, never over the link (an atomic write replaces the
            // path it is given).
            try Data(updated.utf8).write(to: target, options: .atomic)
        } catch {
            throw Failure(diagnostics: [
                Diagnostic(at: SourceLocation(path: path), "cannot write: \(error.localizedDescription)")
            ])
        }
        return path
    }

    /// Reads an incident under the rule for symbolic links.
    ///
    /// - Parameter path: The path `locate(_:)` found.
    /// - Returns: The file, and the file it is with every link resolved (inside the site's folder).
    /// - Throws: `Failure` when it cannot be read or leads outside the site's folder.
    package func read(_ path: String) throws(Failure) -> (file: SourceFile, target: URL) {
        let loader = SourceLoader(root: root)
        let file: SourceFile
        do {
            file = try loader.loadText(path)
        } catch {
            throw Failure(diagnostics: error.diagnostics)
        }
        guard case .inside(let target) = loader.site.resolve(relative: path) else {
            throw Failure(diagnostics: [Diagnostic(at: SourceLocation(path: path), "the file changed while read")])
        }
        return (file, URL(fileURLWithPath: target))
    }

    /// The text with `section` inserted at the start of line `line` (or appended), leaving every
    /// other byte unchanged.
    static func inserting(_ section: String, before line: Int?, in text: String) -> String {
        guard let line else {
            let separator = text.hasSuffix("\n\n") ? "" : (text.hasSuffix("\n") ? "\n" : "\n\n")
            return text + separator + section
        }
        var index = text.startIndex
        var current = 1
        while current < line, let newline = text[index...].firstIndex(of: "\n") {
            index = text.index(after: newline)
            current += 1
        }
        return String(text[..<index]) + section + String(text[index...])
    }

    /// The update status for a word typed on the command line, in any letter case.
    static func updateStatus(_ word: String, path: String) throws(Failure) -> UpdateStatus {
        let names = UpdateStatus.allCases.map(\.rawValue)
        if let status = UpdateStatus(word: word) { return status }
        throw Failure(diagnostics: [
            Diagnostic(
                at: SourceLocation(path: path),
                "unknown update status '\(word)'",
                expected: names.map { $0.lowercased() },
                suggestion: Suggestion.didYouMean(word, in: names)
            )
        ])
    }

    /// The message with one trailing newline and Windows line endings made Unix ones.
    static func normalized(_ message: String) -> String {
        var text = message.replacingOccurrences(of: "\r\n", with: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        return text + "\n"
    }

    /// Refuses text that `herald check` would reject (with `strict`, `herald check --strict`).
    private func validate(_ text: String, path: String) throws(Failure) {
        let output = IncidentParser(config: config, now: now).parse(SourceFile(path: path, text: text))
        let problems = strict ? output.diagnostics.map(\.treatedAsError) : output.diagnostics
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw Failure(diagnostics: errors) }
    }
}

/// Writes YAML scalars that read back as exactly the same text.
enum YAMLText {
    /// A double-quoted YAML string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\x%02X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
