import Foundation
import HeraldMarkdown
import Yams

/// Reads one incident file: YAML front matter, an optional summary, and update sections.
///
/// ```markdown
/// ---
/// title: Delayed payment processing
/// impact: major
/// components:
///   payments: partial_outage
/// ---
///
/// Optional summary.
///
/// ## Monitoring — 2026-11-26 15:10 UTC
/// A fix is deployed and payments are flowing again.
/// ```
///
/// Every level-2 heading of the body is an update heading; use `###` for sub-headings inside an
/// update.
package struct IncidentParser: Sendable {
    /// The keys an incident's front matter accepts.
    package static let keys = ["title", "impact", "components", "slug", "started", "draft", "maintenance", "notice"]

    /// How far in the future an update may be (clock skew between laptops and CI) before it is
    /// flagged.
    package static let futureTolerance: TimeInterval = 5 * 60

    /// The site's configuration, for component ids and the time zone.
    package var config: SiteConfig
    /// The build's clock, for warnings about updates in the future.
    package var now: Date
    /// Whether component ids are checked against `config`; off when `herald.yml` itself has
    /// errors, so that one run still reports every incident's other problems without a flood of
    /// "unknown component" errors.
    package var checksComponents: Bool
    /// Update headings are `<h3>` on the pages, so headings inside updates render one level lower.
    private let markdown = MarkdownParser(demotingHeadingsFromLevel3By: 1)

    /// Creates a parser for a site.
    package init(config: SiteConfig, now: Date, checksComponents: Bool = true) {
        self.config = config
        self.now = now
        self.checksComponents = checksComponents
    }

    /// The outcome of parsing one file: the incident if it has no errors, and every diagnostic.
    package struct Output: Sendable {
        /// The incident, or nil when the file has errors.
        package var incident: Incident?
        /// Errors and warnings, in file order.
        package var diagnostics: [Diagnostic]
    }

    /// Parses one incident file.
    package func parse(_ file: SourceFile) -> Output {
        let split: FrontMatter
        switch FrontMatter.split(file) {
        case .success(let value): split = value
        case .failure(let diagnostic): return Output(incident: nil, diagnostics: [diagnostic])
        }

        // Front matter never needs anchors or aliases, and an alias bomb used as a key would take
        // Yams minutes to hash: they are refused before Yams reads the text.
        var reader = YAMLReader(file: file, lineOffset: 1, aliases: .refused)
        let header = readFrontMatter(split, file: file, reader: &reader)
        var diagnostics = reader.diagnostics
        if header.slugDiffersFromFileName, !header.draft, let slug = header.slug {
            diagnostics.append(
                Diagnostic(
                    .note,
                    at: SourceLocation(path: file.path),
                    "published at incidents/\(slug)/, the file name in URL-safe letters ('slug:' chooses another)"
                )
            )
        }

        // cmark-gfm never sees Markdown over the limits: some such inputs take it minutes or abort.
        let overLimits = MarkdownLimits(file: file, lineOffset: split.bodyLineOffset).check(split.body)
        guard overLimits.isEmpty else { return Output(incident: nil, diagnostics: diagnostics + overLimits) }
        // Relative links in updates are resolved against the incident's page, so that they lead to
        // the same place from the index, other pages, feeds and the API.
        let page = header.slug.flatMap { URL(string: config.absoluteURL("incidents/\($0)/")) }
        var document = markdown.parse(split.body, base: page)
        var bodyLines = split.body.lines
        // An update's `Components:` line is not part of its text: it is read, then blanked (keeping
        // every line number) and the body parsed again. Files without one are parsed once.
        let componentLines = Self.componentLines(in: document, lines: bodyLines)
        if !componentLines.isEmpty {
            var blanked = bodyLines
            for line in componentLines.values { blanked[line.number - 1] = "" }
            let text = blanked.joined(separator: "\n")
            document = markdown.parse(text, base: page)
            bodyLines = text.lines
        }
        let body = readBody(
            document,
            lines: bodyLines,
            componentLines: componentLines,
            split: split,
            file: file,
            started: header.started,
            kind: header.isNotice ? .notice : header.isMaintenance ? .maintenance : .incident,
            diagnostics: &diagnostics
        )

        guard diagnostics.allSatisfy({ $0.severity != .error }), let title = header.title,
            let impact = header.impact ?? (header.maintenance != nil || header.isNotice ? Impact.none : nil),
            let slug = header.slug
        else { return Output(incident: nil, diagnostics: diagnostics) }

        let incident = Incident(
            slug: slug,
            title: title,
            impact: impact,
            components: header.components,
            summaryHTML: body.summaryHTML,
            updates: body.updates,
            started: header.started,
            draft: header.draft,
            maintenance: header.maintenance,
            notice: header.notice,
            sourcePath: file.path
        )
        diagnostics += Self.clockWarnings(for: incident, file: file)
        return Output(incident: incident, diagnostics: diagnostics)
    }

    /// What a file announces, which decides the words its update headings may use.
    enum FileKind {
        case incident
        case maintenance
        case notice
    }

    // MARK: Body

    private struct Body {
        var summaryHTML = ""
        var updates: [IncidentUpdate] = []
    }

    private func readBody(
        _ document: MarkdownDocument,
        lines bodyLines: [Substring],
        componentLines: [Int: (number: Int, text: Substring)],
        split: FrontMatter,
        file: SourceFile,
        started: Date?,
        kind: FileKind,
        diagnostics: inout [Diagnostic]
    ) -> Body {
        let allowedStatuses: [UpdateStatus] =
            switch kind {
            case .incident: UpdateStatus.incidentStatuses
            case .maintenance: UpdateStatus.maintenanceStatuses
            case .notice: UpdateStatus.noticeStatuses
            }
        var body = Body()
        let known = checksComponents ? config.components.map(\.id) : nil
        var componentLineByTime: [Date: Int] = [:]
        let headingIndices = document.blocks.indices.filter { document.blocks[$0].kind == .heading(level: 2) }
        let summaryEnd = headingIndices.first ?? document.blocks.endIndex
        body.summaryHTML = document.blocks[..<summaryEnd].map(\.html).joined()

        let timeParser = TimeParser(timeZone: config.timeZone)
        var seenTimes: [Date: Int] = [:]
        for (position, index) in headingIndices.enumerated() {
            let heading = document.blocks[index]
            let line = heading.startLine + split.bodyLineOffset
            let lineText =
                bodyLines.indices.contains(heading.startLine - 1) ? bodyLines[heading.startLine - 1] : ""
            guard let parts = UpdateHeading.split(heading.plainText) else {
                diagnostics.append(
                    file.diagnostic(
                        line: line,
                        column: heading.startColumn,
                        "'\(heading.plainText)' is not an update heading; write '## <Status> — <time>'"
                            + " (use '###' for other headings)",
                        suggestion: Self.headingSuggestion(heading.plainText)
                    )
                )
                continue
            }
            // Columns are looked up only for a message: most headings have none.
            let statusColumn = { column(of: parts.status, in: lineText, fallback: heading.startColumn) }
            let status = UpdateStatus(rawValue: parts.status).flatMap { allowedStatuses.contains($0) ? $0 : nil }
            if status == nil {
                let names = allowedStatuses.map(\.rawValue)
                diagnostics.append(
                    file.diagnostic(
                        line: line,
                        column: statusColumn(),
                        "unknown update status '\(parts.status)'",
                        expected: names,
                        suggestion: Suggestion.didYouMean(parts.status, in: names)
                    )
                )
            }
            let timeColumn = { column(of: parts.time, in: lineText, fallback: heading.startColumn) }
            var time: Date?
            switch timeParser.parse(parts.time) {
            case .success(let date): time = date
            case .failure(let failure):
                diagnostics.append(
                    file.diagnostic(
                        line: line,
                        column: timeColumn() + failure.offset,
                        failure.message,
                        expected: TimeParser.acceptedForms
                    )
                )
            }
            var components: [AffectedComponent] = []
            if let componentLine = componentLines[heading.startLine] {
                let parsed = ComponentsLine(
                    componentLine.text,
                    number: componentLine.number + split.bodyLineOffset,
                    file: file,
                    known: known,
                    kind: kind
                )
                diagnostics += parsed.diagnostics
                components = parsed.components
            }
            guard let status, let time else { continue }

            if let other = seenTimes[time] {
                diagnostics.append(
                    file.diagnostic(
                        line: line,
                        column: timeColumn(),
                        "two updates have the same time (the other is on line \(other)); give each update its own"
                            + " time, with seconds when two share a minute (such as '2026-11-26 14:05:30 UTC')"
                    )
                )
                continue
            }
            seenTimes[time] = line
            if time > now.addingTimeInterval(Self.futureTolerance) {
                diagnostics.append(
                    file.diagnostic(
                        .warning,
                        line: line,
                        column: timeColumn(),
                        "update is in the future (the build's clock is \(Timestamp.iso8601(now)))"
                    )
                )
            }
            if let started, time < started {
                diagnostics.append(
                    file.diagnostic(
                        line: line,
                        column: timeColumn(),
                        "update is before the incident's 'started' time (\(Timestamp.iso8601(started)))"
                    )
                )
            }

            let nextLine =
                position + 1 < headingIndices.count
                ? document.blocks[headingIndices[position + 1]].startLine : bodyLines.count + 1
            var markdown = Self.trimmedLines(bodyLines, from: heading.endLine + 1, to: nextLine - 1)
            let end = position + 1 < headingIndices.count ? headingIndices[position + 1] : document.blocks.endIndex
            let blocks = document.blocks[(index + 1)..<end]
            let html = blocks.map(\.html).joined()
            if blocks.contains(where: { $0.markdown != nil }) {
                // The API and notify show the Markdown: its relative links must lead where the
                // HTML's do, so the blocks that have them are as cmark-gfm rewrote them, and every
                // other line is as written.
                markdown = Self.replacingLines(
                    of: blocks.filter { $0.markdown != nil }, in: bodyLines, from: heading.endLine + 1, to: nextLine - 1
                )
            }
            if let componentLine = componentLines[heading.startLine], !components.isEmpty {
                componentLineByTime[time] = componentLine.number + split.bodyLineOffset
            }
            body.updates.append(
                IncidentUpdate(
                    status: status, time: time, html: html, markdown: markdown, line: line, components: components
                )
            )
        }

        if headingIndices.isEmpty, kind != .maintenance {
            diagnostics.append(
                file.diagnostic(
                    line: split.bodyLineOffset,
                    kind == .notice
                        ? "notice has no update to say when it is posted; add one such as"
                            + " '## Notice — 2026-11-26 14:05 UTC' above its text"
                        : "incident has no updates; add one such as '## Investigating — 2026-11-26 14:05 UTC'"
                )
            )
        }
        checkOrder(body.updates, file: file, diagnostics: &diagnostics)
        checkComponentLines(body.updates, lines: componentLineByTime, file: file, diagnostics: &diagnostics)
        return body
    }

    /// Warns about updates after `Resolved` that reopen the incident, so that a mistyped time does
    /// not silently reopen it.
    private func checkOrder(_ updates: [IncidentUpdate], file: SourceFile, diagnostics: inout [Diagnostic]) {
        let chronological = updates.sorted { $0.time < $1.time }
        guard let resolved = chronological.firstIndex(where: { $0.status == .resolved }) else { return }
        for update in chronological[(resolved + 1)...] where update.status != .postmortem && update.status != .update {
            diagnostics.append(
                file.diagnostic(
                    .warning,
                    line: update.line,
                    "'\(update.status.rawValue)' update after 'Resolved' reopens the incident; check its time"
                )
            )
        }
    }

    /// For a heading that starts with a status word but lacks the separator, the heading with one.
    static func headingSuggestion(_ text: String) -> String {
        for status in UpdateStatus.allCases {
            let word = status.rawValue
            guard text.lowercased().hasPrefix(word.lowercased() + " ") else { continue }
            let rest = text.dropFirst(word.count).drop { $0 == " " || $0 == ":" || $0 == "," }
            return "did you mean '## \(word) \u{2014} \(rest)'?"
        }
        return "for example '## Investigating \u{2014} 2026-11-26 14:05 UTC'"
    }

    /// The 1-based column of `needle` in `line`, counted in Unicode scalars.
    private func column(of needle: String, in line: Substring, fallback: Int) -> Int {
        guard !needle.isEmpty, let range = line.range(of: needle) else { return fallback }
        return line.unicodeScalars[..<range.lowerBound].count + 1
    }

    /// Lines `from...to` (1-based, inclusive) without leading and trailing blank lines.
    /// Lines `from` to `to` (1-based), with each block's lines replaced by its rewritten
    /// Markdown, and blank lines at either end left out.
    static func replacingLines(of blocks: [MarkdownBlock], in lines: [Substring], from: Int, to: Int) -> String {
        var result: [Substring] = []
        var line = from
        for block in blocks where block.startLine >= line {
            result += lines[(line - 1)..<min(block.startLine - 1, lines.count)]
            result.append(Substring(block.markdown ?? ""))
            line = block.endLine + 1
        }
        if line <= to { result += lines[(line - 1)..<min(to, lines.count)] }
        while let first = result.first, first.allSatisfy(\.isWhitespace) { result.removeFirst() }
        while let last = result.last, last.allSatisfy(\.isWhitespace) { result.removeLast() }
        return result.joined(separator: "\n")
    }

    static func trimmedLines(_ lines: [Substring], from: Int, to: Int) -> String {
        guard from <= to, from >= 1 else { return "" }
        var slice = lines[(from - 1)..<min(to, lines.count)]
        while let first = slice.first, first.allSatisfy(\.isWhitespace) { slice.removeFirst() }
        while let last = slice.last, last.allSatisfy(\.isWhitespace) { slice.removeLast() }
        // Lines from `String.lines` are consecutive slices of one text, one `\n` apart.
        guard let first = slice.first, let last = slice.last else { return "" }
        return String(first.base[first.startIndex..<last.endIndex])
    }
}
