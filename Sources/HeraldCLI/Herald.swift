import ArgumentParser
import HeraldCore

@main
struct Herald: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Build a static status site from incident Markdown files.",
        discussion: """
            Herald reads herald.yml, incidents/*.md and, if there is one, a theme/ folder that \
            overrides the built-in theme, and writes the status page, incident pages, history, feeds, \
            the Statuspage-compatible API, badges and the embeddable banner into site/. Start a \
            status repository with `herald init`.
            """,
        version: HeraldVersion.current,
        subcommands: [
            Init.self, Build.self, Check.self, New.self, Update.self, Resolve.self, Serve.self, Notify.self,
            NextChange.self, ThemeCommand.self, Import.self,
        ],
        defaultSubcommand: nil
    )
}

/// Herald's version, printed by `herald --version`.
enum HeraldVersion {
    static let current = "0.1.0"
    /// The GitHub repository that publishes Herald's releases and its setup action, which the
    /// workflow `herald init` writes uses.
    static let repository = "heraldstatus/herald"
}
