import Foundation
import Mustache

/// Ready-made update messages for common situations, chosen with `--template NAME`.
///
/// Each is a Markdown file in the theme's `messages/` folder (`theme/messages/<name>.md`), so a
/// site rewrites them in its own voice by editing those files. They are Mustache templates with
/// `{{title}}`, `{{components}}` (the affected components' names, joined), `{{impact}}` and, for a
/// maintenance, `{{window}}` (its start and end in the site's zone and language).
package struct MessageTemplates: Sendable {
    /// The templates by name, sorted.
    package let names: [String]
    private let texts: [String: String]

    /// The built-in theme's messages, then `files` in order: each replaces those of the same
    /// name (the file name without `.md`) before it.
    package init(overrides files: [SourceFile] = []) {
        var texts = ThemeFiles.builtInMessages
        for file in files {
            let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
            texts[String(name.dropLast(".md".count))] = file.text
        }
        self.texts = texts
        self.names = texts.keys.sorted()
    }

    /// The message templates of the site at `root`: the built-in theme's, overridden by
    /// `theme/messages/` and then by the `messages/` of the theme folder that herald.yml names.
    /// They are read as the build reads the theme (`SourceLoader`), so a file whose symbolic link
    /// leads outside the site's folder is refused, never copied into an incident.
    ///
    /// - Throws: `DiagnosticsError` when herald.yml or a message file cannot be read.
    package static func forSite(at root: URL) throws(DiagnosticsError) -> MessageTemplates {
        let loader = SourceLoader(root: root)
        let config = try loader.loadConfig()
        let theme = try? ConfigParser().parse(config).get().theme
        var files = try loader.loadMessages(in: loader.themeDirectory)
        if let theme { files += try loader.loadMessages(in: loader.root.appendingPathComponent(theme)) }
        return MessageTemplates(overrides: files)
    }

    /// Renders template `name`.
    ///
    /// - Returns: The message, or nil when there is no such template or it does not parse.
    package func render(_ name: String, title: String, components: [String], impact: String, window: String = "")
        -> String?
    {
        guard let text = texts[name],
            let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        else { return nil }
        let names = components.isEmpty ? "our services" : Self.list(components)
        return template.render(["title": title, "components": names, "impact": impact, "window": window])
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
