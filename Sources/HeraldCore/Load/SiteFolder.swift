/// What the Load stage found in the site's folder for the folder and file herald.yml names (its
/// `theme:` and the brand's `logo:`), and the languages the theme has: the answers the config
/// parser checks herald.yml against, so that it needs no file system itself.
package struct SiteFolder: Sendable {
    /// What is at a path.
    package enum Entry: Sendable, Hashable {
        /// A folder, or a symbolic link to one inside the site's folder.
        case folder
        /// Anything else that exists: a file, or a symbolic link to one inside the site's folder.
        case file
        /// Nothing.
        case missing
        /// The site's folder itself (`.`, or a link to it).
        case root
        /// A symbolic link on the way leads outside the site's folder, to this path.
        case outside(String)
    }

    /// What is at each path herald.yml names, by the path as the parser reads it.
    package var entries: [String: Entry]
    /// The languages that the built-in theme, the site's `theme/` folder and herald.yml's
    /// `theme:` folder (when it is a folder) have a `locales/<tag>.yml` for, sorted.
    package var languages: [String]

    /// Creates the answers.
    package init(entries: [String: Entry] = [:], languages: [String] = ThemeFiles.builtInLanguages.sorted()) {
        self.entries = entries
        self.languages = languages
    }

    /// What is at `path`; a path that was not looked up counts as missing.
    package func entry(at path: String) -> Entry {
        entries[path] ?? .missing
    }
}
