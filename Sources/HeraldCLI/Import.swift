import ArgumentParser
import Foundation
import HeraldCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring incidents from another status page into incidents/.",
        subcommands: [Statuspage.self]
    )

    struct Statuspage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "statuspage",
            abstract: "Write an incident file for each incident and maintenance of a Statuspage export.",
            discussion: """
                FILE is the JSON of Statuspage's incidents.json or scheduled-maintenances.json \
                (https://<page>.statuspage.io/api/v2/incidents.json lists the newest 50; the \
                manage API lists them all). Components are matched to herald.yml's by id or name, \
                or by --component NAME=ID; add any that are missing first. Nothing is written \
                unless every incident converts and checks clean, and no file is overwritten.
                """
        )

        @Argument(help: ArgumentHelp("The Statuspage export (JSON).", valueName: "file"))
        var file: String

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A Statuspage component (name or id) and the herald.yml id it becomes, for names that differ.",
                valueName: "name=id"
            )
        )
        var component: [String] = []

        @OptionGroup var site: SiteOptions

        func validate() throws {
            for pair in component where !pair.contains("=") {
                throw ValidationError("--component '\(pair)' needs the form NAME=ID, such as 'Legacy FTP=ftp'")
            }
        }

        func run() throws {
            let editor = try Authoring.editor(site)
            let url = URL(
                fileURLWithPath: file, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            guard let data = FileManager.default.contents(atPath: url.path) else {
                Console.error("error: cannot read \(file)")
                throw ExitCode.failure
            }
            let folder = site.rootURL.appendingPathComponent("incidents")
            let existing = Set(
                ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map { "incidents/\($0)" })
            let files: [StatuspageImport.File]
            var mapping: [String: String] = [:]
            for pair in component {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                mapping[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            switch StatuspageImport(config: editor.config, now: editor.now, mapping: mapping).files(
                from: data, source: file, existing: existing)
            {
            case .success(let converted): files = converted
            case .failure(let error):
                Console.printDiagnostics(error.diagnostics)
                Console.error("nothing was imported")
                throw ExitCode.failure
            }
            do {
                let written = try NewFiles.write(
                    files.map { ($0.path, Array($0.text.utf8)) }, into: site.rootURL,
                    command: "herald import statuspage")
                for path in written { print(path) }
            } catch {
                Console.printDiagnostics(error.diagnostics)
                throw ExitCode.failure
            }
            let maintenances = files.count { $0.isMaintenance }
            Console.error(
                "imported \(Console.plural(files.count - maintenances, "incident")) and"
                    + " \(Console.plural(maintenances, "maintenance")) from \(file)")
        }
    }
}
