import ArgumentParser
import HeraldCore

@main
struct Herald: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Build a static status site from incident Markdown files.",
        discussion: """
            Herald reads herald.yml, incidents/*.md and theme/ in the site's folder and writes the \
            status page, incident pages, history, feeds, the Statuspage-compatible API, badges and \
            the embeddable banner into site/.
            """,
        version: HeraldVersion.current,
        subcommands: [Build.self, Check.self, New.self, Update.self, Resolve.self, Serve.self, Notify.self],
        defaultSubcommand: nil
    )
}

/// Herald's version, printed by `herald --version`.
enum HeraldVersion {
    static let current = "0.1.0"
}
