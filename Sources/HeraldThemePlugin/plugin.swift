import Foundation
import PackagePlugin

/// Embeds the repository's `theme/` folder into the target it is applied to, as the generated
/// `DefaultTheme+Files.swift`, so that the `herald` binary carries the default theme.
///
/// Every theme file is an input of the build command, and the plugin lists them on every build, so
/// editing, adding or removing one regenerates the source; nothing is kept by hand.
@main
struct HeraldThemePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let theme = context.package.directoryURL.appending(path: "theme")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default theme from theme/",
                executable: try context.tool(named: "HeraldThemeEmbedder").url,
                arguments: [theme.path, output.path],
                inputFiles: files(under: theme),
                outputFiles: [output]
            )
        ]
    }

    /// The regular files below `folder`.
    private func files(under folder: URL) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
        .sorted { $0.path < $1.path }
    }
}
