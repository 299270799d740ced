import FlyingSocks
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `herald serve` under hostile requests, signals and crashing rebuilds. Every wait ends as soon
/// as what it waits for shows; its bound (60 s) only stops a broken serve.
extension HeraldCommandTests {
    /// A running `herald serve` with its own temporary folder.
    struct Served {
        var process: Process
        var output: Pipe
        var temporary: URL

        /// Reads standard output up to the "Serving … at http://127.0.0.1:PORT/" line.
        func address() throws -> (base: String, port: UInt16) {
            var line = ""
            let deadline = Date().addingTimeInterval(120)
            while !line.contains("\n"), Date() < deadline {
                line += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            }
            let base = try #require(line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") })
            let port = try #require(UInt16(base.dropFirst("http://127.0.0.1:".count).dropLast()))
            return (String(base), port)
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    func startServe(_ root: URL, environment: [String: String] = [:], port: String = "0") throws -> Served {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("herald-tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["serve", "--port", port, "--root", root.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .merging(["TMPDIR": temporary.path]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return Served(process: process, output: out, temporary: temporary)
    }

    /// Sends raw bytes and returns the first line of the answer.
    func rawStatusLine(port: UInt16, _ request: [UInt8]) async throws -> String {
        let socket = try await AsyncSocket.connected(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port), timeout: 60)
        defer { try? socket.close() }
        try await socket.write(Data(request))
        var answer: [UInt8] = []
        do {
            while !answer.contains(UInt8(ascii: "\n")) { answer += try await socket.read(atMost: 4096) }
        } catch SocketError.disconnected {}
        return String(decoding: answer, as: UTF8.self).components(separatedBy: "\r\n")[0]
    }

    @Test func serveRefusesOversizedRequestsAndForeignHostsAndKeepsServing() async throws {
        let served = try startServe(try copyOfSample())
        defer { served.stop() }
        let port = try served.address().port
        func request(target: String = "/", fields: String = "Host: localhost\r\n") -> [UInt8] {
            Array("GET \(target) HTTP/1.1\r\n\(fields)\r\n".utf8)
        }
        let longURL = "/" + String(repeating: "a", count: 1_000_000)
        #expect(try await rawStatusLine(port: port, request(target: longURL)) == "HTTP/1.1 414 URI Too Long")
        let bigField = "Host: localhost\r\nX-Big: \(String(repeating: "b", count: 40_000))\r\n"
        #expect(
            try await rawStatusLine(port: port, request(fields: bigField))
                == "HTTP/1.1 431 Request Header Fields Too Large")
        let longField = "Host: localhost\r\nX-Long: \(String(repeating: "c", count: 9_000))\r\n"
        #expect(
            try await rawStatusLine(port: port, request(fields: longField))
                == "HTTP/1.1 431 Request Header Fields Too Large")
        let manyFields = "Host: localhost\r\n" + String(repeating: "X-A: 1\r\n", count: 100_000)
        #expect(
            try await rawStatusLine(port: port, request(fields: manyFields))
                == "HTTP/1.1 431 Request Header Fields Too Large")
        for host in ["evil.example", "evil.example:\(port)", "localhost:1", "127.0.0.1.nip.io:\(port)"] {
            #expect(
                try await rawStatusLine(port: port, request(fields: "Host: \(host)\r\n"))
                    == "HTTP/1.1 421 Misdirected Request", "\(host)")
        }
        #expect(try await rawStatusLine(port: port, request(fields: "")) == "HTTP/1.1 400 Bad Request")
        for host in ["localhost", "localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"] {
            #expect(
                try await rawStatusLine(port: port, request(fields: "Host: \(host)\r\n")) == "HTTP/1.1 200 OK",
                "\(host)")
        }
        #expect(served.process.isRunning)
    }

    /// SIGTERM ends serve and removes its private folder; a second serve on a taken port says so.
    @Test func serveRemovesItsFolderOnSigtermAndNamesATakenPort() async throws {
        let root = try copyOfSample()
        let served = try startServe(root)
        defer { served.stop() }
        let port = try served.address().port
        let folders = try FileManager.default.contentsOfDirectory(atPath: served.temporary.path)
        #expect(folders.count == 1)
        let folder = try #require(folders.first)
        #expect(folder.hasPrefix("herald-serve-"))
        let attributes = try FileManager.default.attributesOfItem(atPath: served.temporary.path + "/" + folder)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)

        let second = try run(["serve", "--port", String(port), "--root", root.path])
        #expect(second.status == 1)
        #expect(second.stderr.contains("error: port \(port) is in use; pass --port"), "\(second.stderr)")

        served.process.terminate()
        served.process.waitUntilExit()
        #expect(served.process.terminationStatus == 128 + SIGTERM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: served.temporary.path).isEmpty)
    }

    /// A rebuild that dies by a signal is reported and serve keeps running. The build stops itself
    /// before publishing (HERALD_TEST_STOP_BEFORE_PUBLISH), and the test kills it with SIGKILL.
    @Test func serveSurvivesARebuildKilledByASignal() async throws {
        let served = try startServe(try copyOfSample(), environment: ["HERALD_TEST_STOP_BEFORE_PUBLISH": "1"])
        defer { served.stop() }
        let pid = served.process.processIdentifier
        var child: Int32?
        let deadline = Date().addingTimeInterval(60)
        while child == nil, Date() < deadline {
            child = Self.stoppedChild(of: pid)
            if child == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let stopped = try #require(child, "no stopped rebuild within 60 seconds")
        kill(stopped, SIGKILL)
        let base = try served.address().base
        let (data, response) = try await URLSession.shared.data(
            from: try #require(URL(string: base + "__herald/state")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("error: the rebuild was stopped by SIGKILL"))
        let page = try await URLSession.shared.data(from: try #require(URL(string: base)))
        #expect((page.1 as? HTTPURLResponse)?.statusCode == 503)
        #expect(served.process.isRunning)
    }

    /// A child of `parent` that is stopped (state T in /proc/PID/stat).
    static func stoppedChild(of parent: Int32) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, fields[0] == "T", fields[1] == "\(parent)" { return pid }
        }
        return nil
    }
}
