import ArgumentParser
import Foundation
import HeraldCore

/// Where an update's text comes from: `--message`, `--template`, `$EDITOR` on a terminal, or
/// standard input.
struct MessageOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The update's text (Markdown).")
    var message: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A ready-made message from theme/messages/<name>.md, such as partial-outage or third-party.",
            valueName: "name"
        )
    )
    var template: String?

    /// The message: the option, the template, the editor on a terminal, else standard input.
    func resolve(
        root: URL,
        title: String,
        components: [String],
        impact: String,
        window: String = "",
        defaultMessage: String? = nil,
        context: @autoclosure () -> [String] = []
    ) throws -> String {
        if let message { return message }
        if let template {
            let templates = try Authoring.run { () throws(IncidentEditor.Failure) in
                do throws(DiagnosticsError) {
                    return try MessageTemplates.forSite(at: root)
                } catch {
                    throw IncidentEditor.Failure(diagnostics: error.diagnostics)
                }
            }
            guard
                let text = templates.render(
                    template, title: title, components: components, impact: impact, window: window)
            else {
                throw ValidationError(
                    "no message template '\(template)'; available: \(templates.names.joined(separator: ", "))"
                )
            }
            return text
        }
        if let defaultMessage { return defaultMessage }
        if EditorMessage.canOpenEditor { return try fromEditor(context: context()) }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("no message: pass --message, --template, or the text on standard input")
        }
        return text
    }

    /// The text written in `$VISUAL` or `$EDITOR` (else `vi`), in a file that shows `context`.
    private func fromEditor(context: [String]) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let written: String?
        do {
            written = try EditorMessage(context: context).edit(
                with: command, in: FileManager.default.temporaryDirectory)
        } catch {
            Console.error("error: \(error.description); nothing was changed")
            throw ExitCode.failure
        }
        guard let written else {
            Console.error(
                "error: no message was written (the text above the scissors line was empty); nothing was changed")
            throw ExitCode.failure
        }
        return written
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Start a new incident, maintenance or notice: write incidents/<date>-<slug>.md with its first update.",
        discussion: """
            The update is stamped with the current time (or --now) in the site's time zone. \
            Without --message or --template, $EDITOR opens on a terminal; otherwise the text is \
            read from standard input.
            """
    )

    @Argument(help: "The incident's title, as customers will read it.")
    var title: String

    @Option(name: .long, help: "none, minor, major or critical (not needed for --maintenance).")
    var impact: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Comma-separated component ids from herald.yml, each optionally with its status (payments=major_outage).",
            valueName: "ids"
        )
    )
    var components: String = ""

    @Option(name: .long, help: "The first update's status (default: investigating, or scheduled for --maintenance).")
    var status: String?

    @Flag(name: .long, help: "Announce a scheduled maintenance instead of an incident.")
    var maintenance = false

    @Option(name: .long, help: ArgumentHelp("The maintenance's start (any time form).", valueName: "time"))
    var start: String?

    @Option(name: .long, help: ArgumentHelp("The maintenance's end (any time form).", valueName: "time"))
    var end: String?

    @Flag(name: .long, help: "Post an informational notice, which changes no status, instead of an incident.")
    var notice = false

    @Option(
        name: .long, help: ArgumentHelp("When the notice leaves the status page (any time form).", valueName: "time"))
    var until: String?

    @Flag(name: .long, help: "Show the notice in embed.js's banner while it is current.")
    var embed = false

    func validate() throws {
        if notice {
            guard impact == nil, !maintenance, start == nil, end == nil else {
                throw ValidationError(
                    "--notice takes no --impact, --maintenance, --start or --end: it changes no status")
            }
            return
        }
        guard until == nil, !embed else { throw ValidationError("--until and --embed go with --notice") }
        if maintenance {
            guard start != nil, end != nil else { throw ValidationError("--maintenance needs --start and --end") }
        } else {
            guard impact != nil else {
                throw ValidationError("an incident needs --impact: none, minor, major or critical")
            }
            guard start == nil, end == nil else { throw ValidationError("--start and --end go with --maintenance") }
        }
    }

    @OptionGroup var text: MessageOptions
    @OptionGroup var site: SiteOptions

    func run() throws {
        let editor = try Authoring.editor(site)
        let ids = components.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        let bareIDs = ids.map { $0.split(separator: "=").first.map(String.init) ?? $0 }
        let names = bareIDs.map { id in editor.config.components.first { $0.id == id }?.name ?? id }
        let window = maintenance ? (start ?? "", end ?? "") : nil
        let firstStatus = status ?? (maintenance ? "scheduled" : notice ? "notice" : "investigating")
        let message = try text.resolve(
            root: site.rootURL, title: title, components: names, impact: impact ?? "",
            window: window.flatMap { editor.windowText(start: $0.0, end: $0.1) } ?? "",
            context: editor.editorContext(
                new: title, components: bareIDs, impact: impact, window: window, isNotice: notice,
                posting: firstStatus,
                templates: Authoring.templateNames(site)))
        let path = try Authoring.run { () throws(IncidentEditor.Failure) in
            try editor.create(
                title: title,
                impact: impact,
                components: ids,
                status: firstStatus,
                message: message,
                window: window,
                notice: notice ? (until, embed) : nil
            )
        }
        print(path)
        // A title in another script, or with diacritics, is kept in the file name; its URL is
        // the file name in ASCII letters, which the operator should know before sharing a link.
        let name = String((path.split(separator: "/").last ?? "").dropLast(".md".count))
        let slug = Slug.derived(fromFileName: name)
        if slug != name {
            Console.error(Diagnostic(.note, at: SourceLocation(path: path), "published at incidents/\(slug)/").headline)
        }
        if let window, let warning = editor.pastWindowWarning(start: window.0, end: window.1, path: path) {
            Console.printDiagnostics([warning])
        }
    }
}

struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add an update at the top of an incident's timeline.",
        discussion: "Every other byte of the file stays as it was. A resolved incident needs --force."
    )

    @Argument(help: "The incident's slug, file name or path.")
    var incident: String

    @Option(
        name: .long,
        help:
            "investigating, identified, update, monitoring, resolved or postmortem; for a maintenance scheduled, \"in progress\", verifying, completed, cancelled or update."
    )
    var status: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A component's status from this update on, such as payments=major_outage (repeatable).",
            valueName: "id=status"
        )
    )
    var component: [String] = []

    @Flag(
        name: .long, help: "Update the incident even though it is resolved (or the maintenance completed or cancelled)."
    )
    var force = false

    @OptionGroup var text: MessageOptions
    @OptionGroup var site: SiteOptions

    func run() throws {
        try Authoring.addUpdate(
            site: site, incident: incident, status: status, components: component, text: text, force: force)
    }
}

struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve an incident: add its Resolved update.",
        discussion: "Without --message or --template, the update says the incident has been resolved."
    )

    @Argument(help: "The incident's slug, file name or path.")
    var incident: String

    @Flag(name: .long, help: "Add the update even though the incident is already resolved.")
    var force = false

    @OptionGroup var text: MessageOptions
    @OptionGroup var site: SiteOptions

    func run() throws {
        try Authoring.addUpdate(
            site: site,
            incident: incident,
            status: "resolved",
            text: text,
            force: force,
            defaultMessage: "This incident has been resolved. Thank you for your patience."
        )
    }
}

/// Shared steps of the authoring commands.
enum Authoring {
    static func editor(_ site: SiteOptions) throws -> IncidentEditor {
        try run { () throws(IncidentEditor.Failure) in
            try IncidentEditor.load(root: site.rootURL, now: try clock(site), strict: site.strict)
        }
    }

    private static func clock(_ site: SiteOptions) throws(IncidentEditor.Failure) -> Date {
        do {
            return try site.clock()
        } catch {
            throw IncidentEditor.Failure(diagnostics: [Diagnostic(at: SourceLocation(path: "--now"), "\(error)")])
        }
    }

    static func addUpdate(
        site: SiteOptions,
        incident: String,
        status: String,
        components: [String] = [],
        text: MessageOptions,
        force: Bool,
        defaultMessage: String? = nil
    ) throws {
        let editor = try editor(site)
        // A mistyped --component is reported before the editor opens.
        _ = try run { () throws(IncidentEditor.Failure) in try editor.componentStatuses(components) }
        let path = try run { () throws(IncidentEditor.Failure) in try editor.locate(incident) }
        let source = try run { () throws(IncidentEditor.Failure) in try editor.read(path).file }
        let parsed = IncidentParser(config: editor.config, now: editor.now).parse(source)
        if status == "resolved", let incident = parsed.incident, let window = incident.maintenance {
            // A maintenance completes or is called off; it never resolves.
            var advice = "run: herald update \(incident.slug) --status completed"
            if editor.now < window.start {
                advice += " (or, as it has not started, --status cancelled to call it off)"
            }
            _ = try run { () throws(IncidentEditor.Failure) in
                throw IncidentEditor.Failure(diagnostics: [
                    Diagnostic(
                        at: SourceLocation(path: path),
                        "'\(incident.slug)' is a scheduled maintenance, which is completed rather than resolved; \(advice)"
                    )
                ])
            }
        }
        if status == "resolved", let incident = parsed.incident, incident.notice != nil {
            _ = try run { () throws(IncidentEditor.Failure) in
                throw IncidentEditor.Failure(diagnostics: [
                    Diagnostic(
                        at: SourceLocation(path: path),
                        "'\(incident.slug)' is a notice, which is never resolved: it leaves the status page at its"
                            + " 'until:' time; set one in its front matter, such as 'notice: {until: 2026-12-08 00:00}'"
                    )
                ])
            }
        }
        let names = (parsed.incident?.components ?? []).map { affected in
            editor.config.components.first { $0.id == affected.id }?.name ?? affected.id
        }
        let message = try text.resolve(
            root: site.rootURL,
            title: parsed.incident?.title ?? "",
            components: names,
            impact: parsed.incident?.impact.rawValue ?? "",
            defaultMessage: defaultMessage,
            context: editor.editorContext(
                updating: parsed.incident, path: path, posting: status, templates: templateNames(site))
        )
        let written = try run { () throws(IncidentEditor.Failure) in
            try editor.addUpdate(to: path, status: status, message: message, components: components, force: force)
        }
        print(written)
    }

    /// The site's message templates, for the editor's hints; none when they cannot be read.
    static func templateNames(_ site: SiteOptions) -> [String] {
        (try? MessageTemplates.forSite(at: site.rootURL))?.names ?? []
    }

    /// Runs an edit, printing its diagnostics and exiting with 1 when it is refused.
    static func run<T>(_ body: () throws(IncidentEditor.Failure) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Console.printDiagnostics(error.diagnostics)
            Console.error("nothing was changed")
            throw ExitCode.failure
        }
    }
}
