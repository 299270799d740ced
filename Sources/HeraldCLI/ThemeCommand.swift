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
            let fileManager = FileManager.default
            let existing = files.map(\.path).filter {
                fileManager.fileExists(atPath: folder.appendingPathComponent($0).path)
            }
            guard existing.isEmpty else {
                Console.error(
                    "error: \(existing.count) of the theme's files already exist in \(folder.path), such as "
                        + "\(existing[0]); nothing was written")
                throw ExitCode.failure
            }
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url, options: .withoutOverwriting)
            }
            print(
                "wrote \(files.count) files of the built-in theme (Herald \(HeraldVersion.current)) into \(folder.path)"
            )
        }
    }
}
