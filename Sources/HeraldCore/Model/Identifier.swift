import Foundation

/// The rules for ids and slugs that become URL path segments.
enum Identifier {
    /// Lowercase letters, digits, `-` and `_`, starting with a letter or digit.
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, isLowerAlphanumeric(first) else { return false }
        return id.unicodeScalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" || $0 == "_" }
    }

    /// The longest id or slug: each becomes a folder name (`incidents/<slug>/`,
    /// `components/<id>/`), and file systems allow 255 bytes a name.
    static let maximumLength = 255

    /// Why `id` cannot be a folder name of the output, if it is too long; ids are ASCII, so its
    /// length in bytes is its length in characters.
    static func lengthProblem(_ id: String, what: String) -> String? {
        let length = id.utf8.count
        guard length > maximumLength else { return nil }
        return "\(what) is \(length) characters long; it becomes a folder name of the site, which may be at most"
            + " \(maximumLength) characters"
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// A valid id close to `id`, for the hint.
    static func suggestion(for id: String) -> String? {
        let slug = Slug.ascii(id)
        return slug.isEmpty ? nil : "did you mean '\(slug)'?"
    }

    /// Lowercases and replaces every run of other characters with `-`.
    static func slugify(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if isLowerAlphanumeric(scalar) || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}
