import Foundation

/// Hides secrets in URLs before `herald notify` prints them: the user name and password of
/// `https://user:pass@host/` and the whole query, where tokens usually travel.
///
/// Webhook URLs themselves are never printed (they are secrets as a whole); this covers the URLs
/// notify does print: `--since`, a redirect's `Location`, and any URL inside an error's text.
enum Redaction {
    private static let userInfo = try! NSRegularExpression(pattern: #"([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s@]*@"#)
    private static let query = try! NSRegularExpression(pattern: #"([A-Za-z][A-Za-z0-9+.\-]*://[^?#\s]*)\?[^#\s'")]*"#)

    /// The text with `scheme://***@host` for credentials and `?***` for queries in every URL.
    static func redact(_ text: String) -> String {
        guard text.contains("://") else { return text }
        var result = text
        for (expression, template) in [(userInfo, "$1***@"), (query, "$1?***")] {
            result = expression.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }
}
