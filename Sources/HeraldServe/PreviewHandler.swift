import FlyingFox
import Foundation

/// Answers requests from the built files, the live state and the reload script.
struct PreviewHandler: HTTPHandler {
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
        let folder = server.siteFolder
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
