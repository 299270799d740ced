import Foundation

/// The default theme, built into the `herald` binary from the repository's `theme/` folder.
///
/// A site's own `theme/` folder, and a folder that herald.yml's `theme:` names, override it file
/// by file; `herald theme export` writes it out. The bytes are generated at build time by the
/// HeraldThemePlugin (see `DefaultTheme+Files.swift` in the build folder), never kept by hand.
package enum DefaultTheme {
    /// One file of the theme.
    package struct File: Sendable, Hashable {
        /// The path inside the theme folder, with `/`, such as `templates/base.mustache`.
        package var path: String
        /// The file's bytes.
        package var bytes: [UInt8]
    }

    /// Every file, sorted by path.
    package static let files: [File] = encodedFiles.map { entry in
        guard let data = Data(base64Encoded: entry.base64) else {
            preconditionFailure("the generated default theme has invalid base64 for \(entry.path)")
        }
        return File(path: entry.path, bytes: Array(data))
    }
}
