import FlyingSocks
import Foundation
import Synchronization

/// The socket `herald serve` listens on: a small front for FlyingFox that bounds what one client
/// can make the server do.
///
/// FlyingFox 0.27 has no limits and no hook before its request decoder: it reads a request line
/// and header fields until a line end however long they are (a 1 MB URL kept it at 100 % CPU for
/// minutes), opens every connection it is offered (at the file limit its accept loop fails and
/// `serve` ended with `Accept(24): Too many open files`), and takes any Host. So the gate accepts
/// connections itself, at most `connectionLimit` at a time (the rest wait in the kernel's queue),
/// reads each request head with `RequestHead`'s limits and a time limit, answers 400, 405, 414,
/// 421 or 431 itself, and passes each checked request, with `Connection: close`, to FlyingFox
/// listening on a Unix socket in serve's private folder. FlyingFox still parses and answers it.
struct PreviewGate: Sendable {
    /// Connections handled at once; each takes three file descriptors (client, and both ends of
    /// the Unix socket), well under the usual limit of 1,024.
    static let connectionLimit = 128
    /// How long a client has to send its request line and header fields.
    static let headTimeout: Duration = .seconds(10)
    /// How long a client has when more than half the connections are taken.
    static let busyHeadTimeout: Duration = .seconds(1)
    /// How long one connection may last, answer included.
    static let connectionTimeout: Duration = .seconds(60)
    /// Bytes read and dropped after an error answer, so that the client reads the answer instead
    /// of a reset connection; never parsed.
    static let drainLimit = 1024 * 1024

    let listener: Socket
    let upstream: sockaddr_un
    /// The port clients connect to.
    let port: UInt16
    /// Host names served, lowercase: localhost, 127.0.0.1, [::1] and the `--host` address.
    let hosts: Set<String>

    /// Opens the listening socket.
    ///
    /// - Throws: `ServeError` naming the port or address and what to pass instead.
    static func listen(host: String, port: UInt16, upstream: String) throws(ServeError) -> PreviewGate {
        let address: sockaddr_in
        do {
            address = try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw ServeError("--host '\(host)' is not an IPv4 address; pass --host 127.0.0.1")
        }
        do {
            let socket = try Socket(domain: AF_INET)
            try socket.setValue(true, for: .localAddressReuse)
            do {
                try socket.bind(to: address)
                try socket.listen()
            } catch {
                try? socket.close()
                throw error
            }
            var bound = port
            if case .ip4(_, let actual) = try socket.sockname() { bound = actual }
            let names: Set<String> = ["localhost", "127.0.0.1", "[::1]", host.lowercased()]
            return PreviewGate(listener: socket, upstream: .unix(path: upstream), port: bound, hosts: names)
        } catch SocketError.failed(_, let number, let message) {
            switch number {
            case EADDRINUSE:
                throw ServeError("port \(port) is in use; pass --port with another port (--port 0 picks a free one)")
            case EACCES: throw ServeError("port \(port) needs privileges; pass --port 1024 or higher")
            case EADDRNOTAVAIL: throw ServeError("\(host) is not an address of this machine; pass --host 127.0.0.1")
            default: throw ServeError("cannot listen on \(host):\(port): \(message)")
            }
        } catch {
            throw ServeError("cannot listen on \(host):\(port): \(error)")
        }
    }

    /// Accepts connections until the task is cancelled; never more than `connectionLimit` open.
    func run(pool: some AsyncSocketPool) async throws {
        let socket = try AsyncSocket(socket: listener, pool: pool)
        defer { try? listener.close() }
        let slots = Slots()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                // Backpressure: at the limit, accept nothing until a connection ends; the kernel
                // queues the rest.
                while slots.open.load(ordering: .relaxed) >= Self.connectionLimit, !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(10))
                }
                do {
                    let client = try await socket.accept()
                    let open = slots.open.add(1, ordering: .relaxed).newValue
                    // Under a flood of idle connections, each gets less time to send its head.
                    let timeout = open > Self.connectionLimit / 2 ? Self.busyHeadTimeout : Self.headTimeout
                    group.addTask {
                        await self.serve(client, headTimeout: timeout, pool: pool)
                        slots.open.subtract(1, ordering: .relaxed)
                    }
                } catch is CancellationError {
                    break
                } catch {
                    // Out of file descriptors or a connection that went away while queued:
                    // wait a little and accept again; the server never stops for a client.
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            group.cancelAll()
        }
    }

    /// The number of connections being served.
    private final class Slots: Sendable {
        let open = Atomic(0)
    }

    private func serve(_ client: AsyncSocket, headTimeout: Duration, pool: some AsyncSocketPool) async {
        defer { try? client.close() }
        _ = try? await Self.withTimeout(Self.connectionTimeout) {
            try await self.exchange(client, headTimeout: headTimeout, pool: pool)
        }
    }

    private func exchange(_ client: AsyncSocket, headTimeout: Duration, pool: some AsyncSocketPool) async throws {
        let (bytes, scan) = try await Self.withTimeout(headTimeout) { try await Self.readHead(client) }
        let end: Int
        switch scan {
        case .incomplete: return
        case .refused(let status, let reason): return try await refuse(client, status: status, reason: reason)
        case .complete(let offset): end = offset
        }
        guard let head = RequestHead.parse(bytes[..<end]) else {
            return try await refuse(client, status: 400, reason: "this is not an HTTP/1.1 request")
        }
        guard head.method == "GET" || head.method == "HEAD" else {
            return try await refuse(client, status: 405, reason: "the preview answers GET and HEAD only")
        }
        guard head.values("transfer-encoding").isEmpty, head.values("content-length").allSatisfy({ $0 == "0" }) else {
            return try await refuse(client, status: 400, reason: "the preview takes no request bodies")
        }
        let host = head.values("host")
        guard host.count == 1 else {
            return try await refuse(client, status: 400, reason: "a request needs one Host header field")
        }
        guard allows(host: host[0]) else {
            let names = "localhost, 127.0.0.1, [::1]" + (hosts.count > 3 ? " or the --host address" : "")
            return try await refuse(
                client, status: 421, reason: "this preview answers only to \(names), port \(port)")
        }
        let server = try await AsyncSocket.connected(to: upstream, pool: pool)
        defer { try? server.close() }
        try await server.write(Data(head.forwarded()))
        do {
            while true { try await client.write(Data(try await server.read(atMost: 64 * 1024))) }
        } catch SocketError.disconnected {
            return
        }
    }

    /// Reads until the head is complete, refused, or the client stops sending; never more than
    /// `RequestHead.headLimit` bytes.
    private static func readHead(_ client: AsyncSocket) async throws -> ([UInt8], RequestHead.Scan) {
        var bytes: [UInt8] = []
        while true {
            let scan = RequestHead.scan(bytes)
            guard scan == .incomplete else { return (bytes, scan) }
            do {
                bytes += try await client.read(atMost: min(4096, RequestHead.headLimit - bytes.count))
            } catch SocketError.disconnected {
                return (bytes, .incomplete)
            }
        }
    }

    /// Whether a Host value names this server: a served name, with this port or none.
    func allows(host value: String) -> Bool {
        let text = value.lowercased()
        var name = Substring(text)
        var rest = Substring("")
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            name = text[...close]
            rest = text[text.index(after: close)...]
        } else if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            rest = text[colon...]
        }
        guard rest.isEmpty || rest == ":\(port)" else { return false }
        return hosts.contains(String(name))
    }

    /// Answers with an error and closes; reads (and drops) a bounded amount of what the client is
    /// still sending, so that it sees the answer rather than a reset.
    private func refuse(_ client: AsyncSocket, status: Int, reason: String) async throws {
        let body = "herald serve: \(reason)\n"
        let head =
            "HTTP/1.1 \(status) \(Self.phrases[status] ?? "Error")\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\nCache-Control: no-store\r\n\r\n"
        try await client.write(Data((head + body).utf8))
        System.shutdownWrite(client.socket.file.rawValue)
        _ = try? await Self.withTimeout(.seconds(2)) {
            var drained = 0
            while drained < Self.drainLimit { drained += try await client.read(atMost: 64 * 1024).count }
        }
    }

    static let phrases = [
        400: "Bad Request", 405: "Method Not Allowed", 414: "URI Too Long", 421: "Misdirected Request",
        431: "Request Header Fields Too Large",
    ]

    /// Runs `body`, cancelling it after `limit`.
    static func withTimeout<T: Sendable>(
        _ limit: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let result = try await group.next(), let value = result else { throw CancellationError() }
            return value
        }
    }
}
