import Foundation
import Mustache

/// Ready-made update messages for common situations, chosen with `--template NAME`.
///
/// Each is a Markdown file in the theme's `messages/` folder (`theme/messages/<name>.md`), so a
/// site rewrites them in its own voice by editing those files. They are Mustache templates with
/// `{{title}}`, `{{components}}` (the affected components' names, joined) and `{{impact}}`.
public struct MessageTemplates: Sendable {
    /// The templates by name, sorted.
    public let names: [String]
    private let texts: [String: String]

    /// Loads `<themeDirectory>/messages/*.md`.
    public init(themeDirectory: URL) {
        let folder = themeDirectory.appendingPathComponent("messages")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var texts: [String: String] = [:]
        for file in files where file.hasSuffix(".md") {
            texts[String(file.dropLast(3))] = try? String(
                contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        self.texts = texts
        self.names = texts.keys.sorted()
    }

    /// Renders template `name`.
    ///
    /// - Returns: The message, or nil when there is no such template or it does not parse.
    public func render(_ name: String, title: String, components: [String], impact: String) -> String? {
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
