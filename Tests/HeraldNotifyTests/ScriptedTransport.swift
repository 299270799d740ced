import Foundation
import HeraldNotify
import Synchronization

/// An `HTTPTransport` that never touches the network: it records every request and answers from
/// a script of statuses per URL path (then the path's default, else 200), so that whole
/// `NotifyRun`s can be tested in-process.
final class ScriptedTransport: HTTPTransport {
    private struct State {
        var requests: [TransportRequest] = []
        var scripts: [String: [Int]]
        var defaults: [String: Int]
    }

    private let state: Mutex<State>

    init(scripts: [String: [Int]] = [:], defaults: [String: Int] = [:]) {
        state = Mutex(State(scripts: scripts, defaults: defaults))
    }

    /// Every request so far, in order.
    var requests: [TransportRequest] { state.withLock { $0.requests } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let status = state.withLock { state in
            state.requests.append(request)
            let path = request.url.path
            if var script = state.scripts[path], !script.isEmpty {
                let status = script.removeFirst()
                state.scripts[path] = script
                return status
            }
            return state.defaults[path] ?? 200
        }
        return TransportResponse(status: status, body: Data((status == 200 ? "ok" : "no").utf8))
    }
}
