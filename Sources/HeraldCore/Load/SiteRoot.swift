import Foundation

/// The site's folder, and the one rule for every path Herald reads or writes in it.
///
/// A path is followed through its symbolic links, wherever they are on the way (`herald.yml`,
/// `incidents/` or `theme/` themselves, a folder or file below them, herald.yml's `theme:` and
/// `logo:`), and used only when where it leads is inside the site's folder (itself with its links
/// resolved). A link that leads outside is refused with an error at the path, naming where it
/// leads; so is a chain of more than `POSIX.maximumLinks` links. A status repository is often
/// edited by many people and built by CI with the runner's files around it: nothing outside the
/// repository may end up on the public page. Edits write through a link to its target and never
/// replace the link (`IncidentEditor`).
package struct SiteRoot: Sendable {
    /// Where a path leads.
    package enum Resolution: Sendable, Equatable {
        /// Inside the site's folder: the path with every link resolved (it may not exist).
        case inside(String)
        /// Outside the site's folder, to this path.
        case outside(String)
        /// Through more than `POSIX.maximumLinks` symbolic links.
        case loop
    }

    /// The site's folder as given, standardized.
    package let url: URL
    /// The site's folder with every symbolic link resolved.
    package let realPath: String

    /// Creates the rule for the site at `url`.
    package init(_ url: URL) {
        self.url = url.standardizedFileURL
        self.realPath = POSIX.resolvedPath(self.url.path) ?? self.url.path
    }

    /// Where `url` leads.
    package func resolve(_ url: URL) -> Resolution {
        guard let resolved = POSIX.resolvedPath(url.path) else { return .loop }
        return contains(resolved) ? .inside(resolved) : .outside(resolved)
    }

    /// Where `path`, relative to the site's folder (or absolute), leads.
    package func resolve(relative path: String) -> Resolution {
        resolve(self.url(for: path))
    }

    /// The URL of `path`, relative to the site's folder (or absolute).
    package func url(for path: String) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : url.appendingPathComponent(path)).standardizedFileURL
    }

    /// Whether a path with its links resolved is the site's folder or inside it.
    package func contains(_ resolved: String) -> Bool {
        realPath == "/" || resolved == realPath || resolved.hasPrefix(realPath + "/")
    }

    /// The error for a path that does not lead inside the site's folder; nil for one that does.
    ///
    /// - Parameters:
    ///   - resolution: What `resolve` found.
    ///   - path: The path as diagnostics name it (relative to the site's folder).
    package func refusal(_ resolution: Resolution, at path: String) -> Diagnostic? {
        switch resolution {
        case .inside:
            nil
        case .outside(let target) where !isLexicallyInside(path):
            Diagnostic(
                at: SourceLocation(path: path), "the path is outside the site's folder (\(target)) and is refused")
        case .outside(let target):
            Diagnostic(
                at: SourceLocation(path: path),
                "symbolic link leads outside the site's folder (to \(target)) and is refused")
        case .loop:
            Diagnostic(
                at: SourceLocation(path: path),
                "more than \(POSIX.maximumLinks) symbolic links on the way (a loop?); the path is refused")
        }
    }

    /// Whether `path` names a place inside the site's folder before any link is followed (it may
    /// be `../x` or absolute).
    func isLexicallyInside(_ path: String) -> Bool {
        let full = url(for: path).path
        let base = url.path
        return base == "/" || full == base || full.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }

    /// The path of `url` relative to the site's folder, or the absolute path if it is outside.
    package func relativePath(of url: URL) -> String {
        let rootPath = self.url.path.hasSuffix("/") ? self.url.path : self.url.path + "/"
        var path = url.path
        // A path made of the (standardized) root and listed names has no `.` or `..` component to
        // remove; standardizing every path cost more than reading the file.
        let slash = UInt8(ascii: "/")
        if zip(path.utf8, path.utf8.dropFirst()).contains(where: {
            $0 == slash && ($1 == slash || $1 == UInt8(ascii: "."))
        }) {
            path = url.standardizedFileURL.path
        }
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }
}
