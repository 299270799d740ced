import ArgumentParser
import Foundation
import HeraldCore

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Work with the theme built into herald.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in theme into a folder, to start a theme of your own.",
            discussion: """
                Writes templates/, assets/, locales/ and messages/. Keep only the files you change: \
                a site's theme/ folder (or the folder herald.yml's theme: names) overrides the \
                built-in theme file by file, so unchanged copies only hide later fixes. Refuses to \
                overwrite any file.
                """
        )

        @Argument(help: ArgumentHelp("The folder to write the theme into.", valueName: "dir"))
        var directory: String

        func run() throws {
            let folder = URL(
                fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            ).standardizedFileURL
            let files = ThemeFiles.builtInFiles
            do {
                _ = try NewFiles.write(files, into: folder, command: "herald theme export")
            } catch {
                Console.printDiagnostics(error.diagnostics)
                throw ExitCode.failure
            }
            print(
                "wrote \(files.count) files of the built-in theme (Herald \(HeraldVersion.current)) into \(folder.path)"
            )
        }
    }
}
