import Mustache
import Synchronization

/// Shared fragments: the templates under `templates/shared/` (`shared/head`, `shared/header`,
/// `shared/footer` in the default theme), which pages print with `{{{shared.header}}}`.
///
/// Most of a page's frame (the links in its head, the site header and navigation, the footer) is
/// the same on every page of one kind in one folder depth, yet swift-mustache looked up each of
/// its forty-odd names again on each of ten thousand incident pages: a fifth of a large build.
/// A fragment sees only what such pages share (`site`, `status`, `built`, `t`, and `page` as a
/// `FragmentPage`, without the page's title, description, canonical URL or maintenance clock), so Herald can
/// render it once for each distinct value of that and give every page the same HTML, the way
/// Hugo's `partialCached` works, but with the key taken from what the fragment can see rather
/// than chosen by hand: a fragment cannot show anything that should differ between the pages
/// that share it.
extension Theme {
    /// The folder under `templates/` whose templates are shared fragments.
    static let fragmentFolder = "shared/"

    /// The values a fragment cannot see, because they differ from page to page.
    static let pageOnlyNames = [
        "page.title", "page.description", "page.canonicalURL", "page.hasMaintenanceClock", "content",
    ]

    /// Every use in a fragment of a value only a page has (`{{page.title}}`, `{{#content}}`),
    /// which would print nothing there: an error at the name, pointing to the layout.
    static func fragmentProblems(in templates: [TemplateFile]) -> [Diagnostic] {
        func isNamePart(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "-"
        }
        var diagnostics: [Diagnostic] = []
        for template in templates where template.name.hasPrefix(fragmentFolder) {
            eachTag(in: template.file) { tag, position in
                if let sigil = tag.first, "/!><$%=".contains(sigil) { return }
                for name in pageOnlyNames {
                    var index = tag.startIndex
                    while let found = tag[index...].range(of: name) {
                        index = found.upperBound
                        let before = found.lowerBound > tag.startIndex ? tag[tag.index(before: found.lowerBound)] : " "
                        let after = found.upperBound < tag.endIndex ? tag[found.upperBound] : " "
                        guard !isNamePart(before), before != ".", !isNamePart(after) else { continue }
                        let (line, column) = position(found.lowerBound)
                        diagnostics.append(
                            template.file.diagnostic(
                                line: line, column: column,
                                "a shared fragment is rendered once for many pages and cannot show '\(name)', which"
                                    + " differs from page to page; print it in the page's template or layout instead"
                            ))
                    }
                }
            }
        }
        return diagnostics
    }

    /// The fragments for pages whose `page` reads as `page`, rendered on first use and kept for
    /// the rest of the build (see `sharing(_:)`). Each is HTML without its file's final newline,
    /// so that `{{{shared.footer}}}` on a line of its own prints the fragment and one line break.
    func fragments(for page: FragmentPage) -> TemplateObject {
        if let rendered = fragmentCache.rendered.withLock({ $0[page] }) { return rendered }
        var root = shared.values
        root["page"] = TemplateData.convert(page)
        let context = TemplateObject(values: root)
        var values: [String: any Sendable] = [:]
        for name in fragmentNames {
            var html = library.render(context, withTemplate: name) ?? ""
            if html.hasSuffix("\n") { html.removeLast() }
            values[String(name.dropFirst(Self.fragmentFolder.count))] = TemplateText(html)
        }
        let rendered = TemplateObject(values: values)
        // Two pages that race here render the same HTML; either may be kept.
        fragmentCache.rendered.withLock { $0[page] = rendered }
        return rendered
    }
}

/// The fragments rendered so far in one build, keyed by the `page` they were rendered for. A
/// class so that every copy of a `Theme` made by `sharing(_:)` shares one; a few entries for a
/// whole site (one per folder depth and kind of page, and one per component page).
final class FragmentCache: Sendable {
    let rendered = Mutex<[FragmentPage: TemplateObject]>([:])
}
