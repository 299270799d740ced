import FlyingFox
import FlyingSocks
import Foundation

/// A real HTTP server on 127.0.0.1 that records every request and answers from a script, for the
/// tests of `herald notify`.
actor LoopbackServer {
    /// One received request.
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let server: HTTPServer
    private var task: Task<Void, any Error>?
    private(set) var requests: [Request] = []
    /// Statuses to answer a path with, in order; afterwards 200 (or the path's `default`).
    private var scripts: [String: [Int]] = [:]
    private var defaults: [String: Int] = [:]
    private var files: [String: Data] = [:]
    private var delays: [String: Duration] = [:]
    private var redirects: [String: (status: Int, location: String)] = [:]

    init() throws {
        server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), logger: .disabled)
    }

    /// Starts listening and returns the base URL, such as `http://127.0.0.1:41234`.
    func start() async throws -> URL {
        let server = self.server
        await server.appendRoute("*", to: Recorder(owner: self))
        task = Task { try await server.run() }
        // Generous: the other suites of this process keep both cores busy.
        try await server.waitUntilListening(timeout: 60)
        guard let address = await server.listeningAddress, case .ip4(_, let port) = address else {
            throw URLError(.cannotConnectToHost)
        }
        return URL(string: "http://127.0.0.1:\(port)")!
    }

    func stop() async {
        await server.stop(timeout: 1)
        task?.cancel()
    }

    func script(_ path: String, _ statuses: [Int]) { scripts[path] = statuses }
    func setDefault(_ path: String, _ status: Int) { defaults[path] = status }
    func serve(_ path: String, _ data: Data) { files[path] = data }
    func delay(_ path: String, _ duration: Duration) { delays[path] = duration }
    func redirect(_ path: String, _ status: Int, to location: String) { redirects[path] = (status, location) }
    func clearRedirect(_ path: String) { redirects[path] = nil }

    func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    fileprivate func answer(_ request: Request) -> (status: Int, body: Data, delay: Duration?, location: String?) {
        requests.append(request)
        if let redirect = redirects[request.path] {
            return (redirect.status, Data("moved".utf8), nil, redirect.location)
        }
        if request.method == "GET" {
            guard let data = files[request.path] else { return (404, Data("not found".utf8), nil, nil) }
            return (200, data, nil, nil)
        }
        var status = defaults[request.path] ?? 200
        if var script = scripts[request.path], !script.isEmpty {
            status = script.removeFirst()
            scripts[request.path] = script
        }
        return (status, Data((status < 300 ? "ok" : "error \(status)").utf8), delays[request.path], nil)
    }

    private struct Recorder: HTTPHandler {
        let owner: LoopbackServer

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            let recorded = Request(
                method: request.method.rawValue,
                path: request.path,
                headers: headers,
                body: try await request.bodyData
            )
            let (status, body, delay, location) = await owner.answer(recorded)
            if let delay { try await Task.sleep(for: delay) }
            var answerHeaders: HTTPHeaders = [.contentType: "text/plain"]
            if let location { answerHeaders[.location] = location }
            return HTTPResponse(
                statusCode: HTTPStatusCode(status, phrase: status < 300 ? "OK" : "Error"),
                headers: answerHeaders,
                body: body
            )
        }
    }
}
