/// `_headers` for Netlify and Cloudflare Pages: short cache lifetimes for everything that changes
/// with an incident, long immutable caching for versioned theme assets, and CORS where other
/// sites read the files (API, feeds, badges, the embed script). The rules never overlap, so no
/// header is sent twice.
enum HostHeaders {
    /// Cache-Control for HTML, feeds, API, badges and embed.js.
    static let shortCache = "public, max-age=60, stale-while-revalidate=300"
    /// Cache-Control for theme assets, which pages link with a content hash.
    static let immutableCache = "public, max-age=31536000, immutable"

    /// The file for a site whose components have `componentIDs`.
    static func netlify() -> String {
        let cors = "  Access-Control-Allow-Origin: *\n"
        let short = "  Cache-Control: \(shortCache)\n"
        var rules: [(String, String)] = [
            ("/*", "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"),
            ("/assets/*", "  Cache-Control: \(immutableCache)\n"),
        ]
        for path in [
            "/", "/index.html", "/404.html", "/sitemap.xml", "/incidents/*", "/history/*", "/subscribe/*",
            "/maintenance.ics",
        ] {
            rules.append((path, short))
        }
        for path in [
            "/history.rss", "/history.atom", "/feed.json", "/badge.svg", "/embed.js", "/version.json", "/api/*",
            "/components/*",
        ] {
            rules.append((path, short + cors))
        }
        return rules.map { "\($0.0)\n\($0.1)" }.joined(separator: "\n")
    }
}
