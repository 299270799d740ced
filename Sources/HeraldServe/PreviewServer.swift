import FlyingFox
import FlyingSocks
import Foundation
import HeraldCore

/// `herald serve`: builds the site into a private folder, serves it over HTTP on a loopback
/// address, rebuilds when `herald.yml`, `incidents/`, `theme/` (or the override theme folder and
/// logo that herald.yml names) change, and reloads open pages.
///
/// A failed rebuild keeps the last good site online; its diagnostics go to the terminal and to an
/// overlay on every open page. The reload script is added to HTML responses only here, never to
/// the published site.
package actor PreviewServer {
    /// The live state pages poll: a build number and the diagnostics of the last failed build.
    struct State: Codable, Sendable {
        var build: Int
        var errors: String
    }

    private let root: URL
    private let output: URL
    private let strict: Bool
    private let log: @Sendable (String) -> Void
    private var state = State(build: 0, errors: "")
    private var fingerprint = ""

    /// Creates a server for the site at `root`.
    ///
    /// - Parameters:
    ///   - log: Where progress and diagnostics are printed.
    package init(root: URL, strict: Bool, log: @escaping @Sendable (String) -> Void) {
        self.root = root
        self.strict = strict
        self.log = log
        self.output = FileManager.default.temporaryDirectory
            .appendingPathComponent("herald-serve-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent("site")
    }

    /// Builds, starts serving on `host:port`, and rebuilds on changes until the task is cancelled.
    ///
    /// - Parameter ready: Called with the address once the server listens.
    package func run(host: String, port: UInt16, ready: @escaping @Sendable (String) -> Void) async throws {
        await rebuild()
        let address = try sockaddr_in.inet(ip4: host, port: port)
        let server = HTTPServer(address: address, logger: DisabledLogger.disabled)
        let handler = Handler(server: self)
        await server.appendRoute("*", to: handler)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                var bound = port
                if let address = await server.listeningAddress, case .ip4(_, let actual) = address { bound = actual }
                ready("http://\(host):\(bound)/")
                try await self.watch()
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Polls the sources and rebuilds when anything changed.
    private func watch() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(250))
            if sourceFingerprint() != fingerprint { await rebuild() }
        }
    }

    private func rebuild() async {
        fingerprint = sourceFingerprint()
        let clock = ContinuousClock()
        let start = clock.now
        let builder = Builder(options: .init(root: root, output: output, now: Date(), strict: strict))
        do {
            let report = try await builder.build()
            state.build += 1
            state.errors = report.warnings.map(\.formatted).joined(separator: "\n")
            let (seconds, attoseconds) = (clock.now - start).components
            let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
            log(
                "Built \(report.incidentCount) incidents and \(report.maintenanceCount) maintenance windows in \(milliseconds) ms"
            )
            if !state.errors.isEmpty { log(state.errors) }
        } catch {
            state.build += 1
            let text = error.diagnostics.prefix(50).map(\.formatted).joined(separator: "\n")
            state.errors = text
            log(text + "\nThe last good build is still being served.")
        }
    }

    /// Names, sizes and modification times of every source file.
    private func sourceFingerprint() -> String {
        var parts: [String] = []
        let fileManager = FileManager.default
        var names = ["herald.yml", "incidents", "theme"]
        // herald.yml may name an override theme folder and a logo: watch them too.
        if let text = try? String(contentsOf: root.appendingPathComponent("herald.yml"), encoding: .utf8),
            case .success(let config) = ConfigParser().parse(SourceFile(path: "herald.yml", text: text))
        {
            names += [config.theme, config.brand?.logo].compactMap { $0 }
        }
        for name in names {
            let base = root.appendingPathComponent(name)
            var paths = [base.path]
            if let enumerator = fileManager.enumerator(atPath: base.path) {
                while let relative = enumerator.nextObject() as? String { paths.append(base.path + "/" + relative) }
            }
            for path in paths.sorted() {
                guard let attributes = try? fileManager.attributesOfItem(atPath: path) else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                parts.append("\(path)|\(size)|\(modified)")
            }
        }
        return parts.joined(separator: "\n")
    }

    fileprivate func currentState() -> State { state }

    fileprivate var siteFolder: URL { output }

    /// Removes the private output folder.
    package func cleanUp() {
        try? FileManager.default.removeItem(at: output.deletingLastPathComponent())
    }
}

/// Answers requests from the built files, the live state and the reload script.
private struct Handler: HTTPHandler {
    let server: PreviewServer

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        // The raw, percent-encoded path: FlyingFox's `path` drops a trailing slash.
        let rawPath = request.target.path()
        if request.path == "/__herald/state" {
            let data = try JSONEncoder().encode(await server.currentState())
            return HTTPResponse(statusCode: .ok, headers: Self.headers("application/json"), body: data)
        }
        if request.path == "/__herald/reload.js" {
            return HTTPResponse(
                statusCode: .ok, headers: Self.headers("text/javascript"), body: Data(Self.reloadScript.utf8))
        }
        let folder = await server.siteFolder
        if !rawPath.hasSuffix("/"), StaticFiles.isDirectory(rawPath, in: folder) {
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: rawPath + "/"]))
        }
        guard let path = StaticFiles.resolve(rawPath, in: folder) else {
            return try await notFound(folder)
        }
        var data = try Data(contentsOf: path)
        let type = StaticFiles.contentType(of: path.lastPathComponent)
        if type.hasPrefix("text/html") { data = Self.injectingReload(data) }
        return HTTPResponse(statusCode: .ok, headers: Self.headers(type), body: data)
    }

    private func notFound(_ folder: URL) async throws -> HTTPResponse {
        // Before the first good build there is no site yet: show why, and reload once it builds.
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path) {
            let errors = await server.currentState().errors
            let page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>herald serve: build failed</title></head>
                <body><h1>The site did not build</h1><pre>\(Self.escape(errors))</pre>
                <p>Fix the files and save; this page reloads when the site builds.</p></body></html>

                """
            return HTTPResponse(
                statusCode: .serviceUnavailable,
                headers: Self.headers("text/html; charset=utf-8"),
                body: Self.injectingReload(Data(page.utf8))
            )
        }
        let page = folder.appendingPathComponent("404.html")
        let data = (try? Data(contentsOf: page)).map(Self.injectingReload) ?? Data("Not found\n".utf8)
        return HTTPResponse(statusCode: .notFound, headers: Self.headers("text/html; charset=utf-8"), body: data)
    }

    static func headers(_ type: String) -> HTTPHeaders {
        HTTPHeaders([.contentType: type, HTTPHeader("Cache-Control"): "no-store"])
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Adds the reload script before `</body>`.
    static func injectingReload(_ data: Data) -> Data {
        let html = String(decoding: data, as: UTF8.self)
        let tag = "<script src=\"/__herald/reload.js\"></script>\n"
        guard let range = html.range(of: "</body>", options: .backwards) else { return Data((html + tag).utf8) }
        return Data(html.replacingCharacters(in: range, with: tag + "</body>").utf8)
    }

    /// Polls the state; reloads after a new good build and shows failed builds' diagnostics.
    static let reloadScript = #"""
        (function(){var seen=null,box=null;
        function show(t){if(!t){if(box){box.remove();box=null}return}
        if(!box){box=document.createElement("pre");box.style.cssText="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:12px;background:#3b0d0c;color:#fff;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap";document.body.appendChild(box)}
        box.textContent="herald serve: the last build failed; this is the last good site.\n\n"+t}
        function poll(){fetch("/__herald/state",{cache:"no-store"}).then(function(r){return r.json()}).then(function(s){
        if(seen!==null&&s.build!==seen&&!s.errors.includes("error:")){location.reload();return}
        seen=s.build;show(s.errors.includes("error:")?s.errors:"")}).catch(function(){}).then(function(){setTimeout(poll,500)})}
        poll()})();
        """#
}

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
        case "xml": "application/xml; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }
}
