import ArgumentParser
import Foundation
import HeraldCore

#if canImport(Glibc)
    import Glibc
#endif

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
        defaultMessage: String? = nil
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
            guard let text = templates.render(template, title: title, components: components, impact: impact) else {
                throw ValidationError(
                    "no message template '\(template)'; available: \(templates.names.joined(separator: ", "))"
                )
            }
            return text
        }
        if let defaultMessage { return defaultMessage }
        if isatty(STDIN_FILENO) != 0 { return try fromEditor() }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("no message: pass --message, --template, or the text on standard input")
        }
        return text
    }

    private func fromEditor() throws -> String {
        let editor =
            ProcessInfo.processInfo.environment["VISUAL"] ?? ProcessInfo.processInfo.environment["EDITOR"] ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "herald-message-\(UUID().uuidString).md")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", file.path]
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOf: file, encoding: .utf8)
        guard process.terminationStatus == 0, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("no message was written; nothing changed")
        }
        return text
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new incident: write incidents/<date>-<slug>.md with its first update.",
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

    @Option(name: .long, help: "Comma-separated component ids from herald.yml.")
    var components: String = ""

    @Option(name: .long, help: "The first update's status (default: investigating, or scheduled for --maintenance).")
    var status: String?

    @Flag(name: .long, help: "Announce a scheduled maintenance instead of an incident.")
    var maintenance = false

    @Option(name: .long, help: ArgumentHelp("The maintenance's start (any time form).", valueName: "time"))
    var start: String?

    @Option(name: .long, help: ArgumentHelp("The maintenance's end (any time form).", valueName: "time"))
    var end: String?

    func validate() throws {
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
        let names = ids.map { id in editor.config.components.first { $0.id == id }?.name ?? id }
        let message = try text.resolve(root: site.rootURL, title: title, components: names, impact: impact ?? "")
        let window = maintenance ? (start ?? "", end ?? "") : nil
        let firstStatus = status ?? (maintenance ? "scheduled" : "investigating")
        let path = try Authoring.run { () throws(IncidentEditor.Failure) in
            try editor.create(
                title: title,
                impact: impact,
                components: ids,
                status: firstStatus,
                message: message,
                window: window
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

    @Flag(
        name: .long, help: "Update the incident even though it is resolved (or the maintenance completed or cancelled)."
    )
    var force = false

    @OptionGroup var text: MessageOptions
    @OptionGroup var site: SiteOptions

    func run() throws {
        try Authoring.addUpdate(site: site, incident: incident, status: status, text: text, force: force)
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
        text: MessageOptions,
        force: Bool,
        defaultMessage: String? = nil
    ) throws {
        let editor = try editor(site)
        let path = try run { () throws(IncidentEditor.Failure) in try editor.locate(incident) }
        let source = try run { () throws(IncidentEditor.Failure) in try editor.read(path).file }
        let parsed = IncidentParser(config: editor.config, now: editor.now).parse(source)
        let names = (parsed.incident?.components ?? []).map { affected in
            editor.config.components.first { $0.id == affected.id }?.name ?? affected.id
        }
        let message = try text.resolve(
            root: site.rootURL,
            title: parsed.incident?.title ?? "",
            components: names,
            impact: parsed.incident?.impact.rawValue ?? "",
            defaultMessage: defaultMessage
        )
        let written = try run { () throws(IncidentEditor.Failure) in
            try editor.addUpdate(to: path, status: status, message: message, force: force)
        }
        print(written)
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
