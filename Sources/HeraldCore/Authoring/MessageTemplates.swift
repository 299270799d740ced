import Foundation
import Mustache

/// Ready-made update messages for common situations, chosen with `--template NAME`.
///
/// Each is a Markdown file in the theme's `messages/` folder (`theme/messages/<name>.md`), so a
/// site rewrites them in its own voice by editing those files. They are Mustache templates with
/// `{{title}}`, `{{components}}` (the affected components' names, joined) and `{{impact}}`.
package struct MessageTemplates: Sendable {
    /// The templates by name, sorted.
    package let names: [String]
    private let texts: [String: String]

    /// The built-in theme's messages, then `<themeDirectory>/messages/*.md`, then
    /// `<overrideDirectory>/messages/*.md`: each replaces those of the same name before it.
    package init(themeDirectory: URL, overrideDirectory: URL? = nil) {
        var texts = ThemeFiles.builtInMessages
        for directory in [themeDirectory] + (overrideDirectory.map { [$0] } ?? []) {
            let folder = directory.appendingPathComponent("messages")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files where file.hasSuffix(".md") {
                if let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) {
                    texts[String(file.dropLast(3))] = text
                }
            }
        }
        self.texts = texts
        self.names = texts.keys.sorted()
    }

    /// The message templates of the site at `root`: the built-in theme's, overridden by
    /// `theme/messages/` and then by the `messages/` of the theme folder that herald.yml names.
    package static func forSite(at root: URL) -> MessageTemplates {
        let configURL = root.appendingPathComponent("herald.yml")
        let text = (try? String(contentsOf: configURL, encoding: .utf8)) ?? ""
        let theme = try? ConfigParser().parse(SourceFile(path: "herald.yml", text: text)).get().theme
        return MessageTemplates(
            themeDirectory: root.appendingPathComponent("theme"),
            overrideDirectory: theme.map { root.appendingPathComponent($0) }
        )
    }

    /// Renders template `name`.
    ///
    /// - Returns: The message, or nil when there is no such template or it does not parse.
    package func render(_ name: String, title: String, components: [String], impact: String) -> String? {
        guard let text = texts[name],
            let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        else { return nil }
        let names = components.isEmpty ? "our services" : Self.list(components)
        return template.render(["title": title, "components": names, "impact": impact])
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
