import ArgumentParser
import Foundation
import HeraldCore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a status repository: herald.yml, an example incident, .gitignore and a CI workflow.",
        discussion: """
            Writes into DIR (default: the current folder; created if missing) and never overwrites \
            a file: if any of them exists, nothing is written. The site uses the theme built into \
            herald; `herald theme export` writes it out if you want to change it.
            """
    )

    @Argument(help: ArgumentHelp("The folder to start the status repository in.", valueName: "dir"))
    var directory: String = "."

    @Option(name: .long, help: "The page's title.")
    var title: String = "Acme Status"

    @Option(name: .long, help: "The address the site will be published at.")
    var url: String = "https://status.example.com/"

    @Option(
        name: .long,
        help: ArgumentHelp("The site's IANA time zone (default: this machine's).", valueName: "zone")
    )
    var timezone: String?

    func validate() throws {
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("unknown time zone '\(timezone)'; use an IANA name such as Europe/Berlin")
        }
    }

    func run() throws {
        let folder = URL(
            fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        ).standardizedFileURL
        // TimeZone.current is "GMT" on a machine without a zone; UTC reads better in a config.
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? Self.machineTimeZone
        let scaffold = SiteScaffold(
            title: title,
            url: url,
            timeZone: zone,
            now: Date(),
            repository: HeraldVersion.repository,
            version: HeraldVersion.current
        )
        let written: [String]
        do {
            written = try scaffold.write(into: folder)
        } catch {
            Console.printDiagnostics(error.diagnostics)
            throw ExitCode.failure
        }
        for path in written { print("wrote \(folder.appendingPathComponent(path).path)") }
        let steps =
            (directory == "." ? [] : ["cd \(directory)"]) + [
                "herald serve    # preview at http://127.0.0.1:8000 while you edit herald.yml",
                "herald check    # what CI runs first: exit 0 when the site can be published",
                "git init && git add . && git commit -m \"Status page\"   # then push it to GitHub",
            ]
        print("\nNext:\n" + steps.map { "  " + $0 }.joined(separator: "\n"))
        print(
            "\nThe workflow in .github/workflows/status.yml publishes to GitHub Pages with the herald"
                + " release binary; docs/hosting.md in Herald's repository has recipes for other hosts.")
    }

    private static var machineTimeZone: TimeZone {
        let current = TimeZone.current
        return ["GMT", "UTC", "Etc/UTC", "Etc/GMT"].contains(current.identifier)
            ? TimeZone(identifier: "UTC")! : current
    }
}
