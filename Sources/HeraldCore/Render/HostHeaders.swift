/// `_headers` for Netlify and Cloudflare Pages: short cache lifetimes for everything that changes
/// with an incident, long immutable caching for versioned theme assets, CORS where other sites
/// read the files (API, feeds, badges, the embed script), and a Content-Security-Policy for every
/// file. The rules never overlap, so no header is sent twice.
enum HostHeaders {
    /// The Content-Security-Policy of every file. Pages carry a stricter one of their own (a
    /// `<meta>` in the layout, without inline styles or `data:` images), and a browser enforces
    /// both; this one matters for the files that are opened directly, above all SVG documents (the
    /// logo, the badge, the favicon), in which it stops inline scripts and loads from other sites.
    /// It allows inline styles and `data:` images, which SVG files use (the favicon's `<style>`
    /// for dark mode) and which run no code.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none';"
        + " base-uri 'none'; form-action 'none'"
    /// Cache-Control for HTML, feeds, API, badges and embed.js.
    static let shortCache = "public, max-age=60, stale-while-revalidate=300"
    /// Cache-Control for theme assets, which pages link with a content hash.
    static let immutableCache = "public, max-age=31536000, immutable"

    /// The file for a site whose components have `componentIDs`.
    static func netlify() -> String {
        let cors = "  Access-Control-Allow-Origin: *\n"
        let short = "  Cache-Control: \(shortCache)\n"
        var rules: [(String, String)] = [
            (
                "/*",
                "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"
                    + "  Content-Security-Policy: \(contentSecurityPolicy)\n"
            ),
            ("/assets/*", "  Cache-Control: \(immutableCache)\n"),
        ]
        for path in [
            "/", "/index.html", "/404.html", "/sitemap.xml", "/incidents/*", "/history/*", "/subscribe/*",
            "/uptime/*", "/maintenance.ics",
        ] {
            rules.append((path, short))
        }
        for path in [
            "/history.rss", "/history.atom", "/feed.json", "/badge.svg", "/embed.js", "/version.json", "/api/*",
            "/components/*", "/uptime.json", "/uptime.csv",
        ] {
            rules.append((path, short + cors))
        }
        return rules.map { "\($0.0)\n\($0.1)" }.joined(separator: "\n")
    }
}
