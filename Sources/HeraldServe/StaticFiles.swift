import Foundation

/// Maps request paths to built files.
enum StaticFiles {
    /// The file for a URL path inside `folder`, or nil when there is none or the path would leave
    /// the folder.
    static func resolve(_ urlPath: String, in folder: URL) -> URL? {
        guard let decoded = urlPath.removingPercentEncoding else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") || $0.contains("\0") }) else {
            return nil
        }
        var url = folder
        for segment in segments { url.appendPathComponent(String(segment)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        }
        return url
    }

    /// Whether the URL path names a folder of the built site.
    static func isDirectory(_ urlPath: String, in folder: URL) -> Bool {
        guard let file = resolve(urlPath, in: folder) else { return false }
        return file.lastPathComponent == "index.html" && !urlPath.hasSuffix("index.html")
    }

    /// The content type for a file name.
    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "rss": "application/rss+xml; charset=utf-8"
        case "atom": "application/atom+xml; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "svg": "image/svg+xml"
        case "ics": "text/calendar; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "xml": "application/xml; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }
}
