import FlyingFox
import FlyingSocks
import Foundation
import HeraldCore
import Synchronization

/// `herald serve`: builds the site into a private folder, serves it over HTTP on a loopback
/// address, rebuilds when `herald.yml`, `incidents/`, `theme/` (or the override theme folder and
/// logo that herald.yml names) change, and reloads open pages.
///
/// Each rebuild is a child `herald build` (`ChildBuild`), so a build that fails, crashes or runs
/// long never takes the server down: the last good site stays online, and the diagnostics go to
/// the terminal and to an overlay on every open page. Requests pass through `PreviewGate`, which
/// bounds them, before FlyingFox answers them. The reload script is added to HTML responses only
/// here, never to the published site.
package actor PreviewServer {
    /// The live state pages poll: a build number and the diagnostics of the last failed build.
    struct State: Codable, Sendable {
        var build: Int
        var errors: String
    }

    private let root: URL
    private let strict: Bool
    private let executable: URL
    private let log: @Sendable (String) -> Void
    /// serve's private folder: the built site and FlyingFox's socket.
    private let folder: String
    private var state = State(build: 0, errors: "")
    private var fingerprint = ""
    /// The running rebuild's process id, for a signal that arrives while it runs.
    private let child = Mutex<Int32?>(nil)

    /// Creates a server for the site at `root`, and its private folder (mode 0700, a new name
    /// made by `mkdtemp`, never an existing path or link) in the temporary folder.
    ///
    /// - Parameters:
    ///   - executable: The herald binary that runs each rebuild (`/proc/self/exe`).
    ///   - log: Where progress and diagnostics are printed.
    /// - Throws: `ServeError` when the folder cannot be created.
    package init(
        root: URL, strict: Bool, executable: URL, log: @escaping @Sendable (String) -> Void
    ) throws(ServeError) {
        self.root = root
        self.strict = strict
        self.executable = executable
        self.log = log
        var parent = FileManager.default.temporaryDirectory.path
        while parent.count > 1, parent.hasSuffix("/") { parent.removeLast() }
        self.folder = try System.makePrivateFolder(in: parent, prefix: "herald-serve-").get()
    }

    /// The built site.
    nonisolated var siteFolder: URL { URL(fileURLWithPath: folder).appendingPathComponent("site") }

    /// Builds, starts serving on `host:port`, and rebuilds on changes until the task is cancelled.
    /// The private folder is removed when it returns or throws.
    ///
    /// - Parameter ready: Called with the address once the server listens.
    /// - Throws: `ServeError` when the address cannot be listened on.
    package func run(host: String, port: UInt16, ready: @escaping @Sendable (String) -> Void) async throws {
        defer { cleanUp() }
        let socketPath = folder + "/http.sock"
        let gate = try PreviewGate.listen(host: host, port: port, upstream: socketPath)
        await rebuild()
        let server = HTTPServer(address: sockaddr_un.unix(path: socketPath), logger: DisabledLogger.disabled)
        await server.appendRoute("*", to: PreviewHandler(server: self))
        let pool = HTTPServer.defaultPool()
        try await pool.prepare()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { try await pool.run() }
            group.addTask {
                try await server.waitUntilListening()
                ready("http://\(host):\(gate.port)/")
                try await gate.run(pool: pool)
            }
            group.addTask {
                try await server.waitUntilListening()
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
        var arguments = ["build", "--root", root.path, "--output", siteFolder.path]
        arguments += ["--now", ISO8601DateFormatter().string(from: Date())]
        if strict { arguments.append("--strict") }
        let build = ChildBuild(executable: executable, arguments: arguments)
        let outcome = await build.run { pid in self.child.withLock { $0 = pid } }
        child.withLock { $0 = nil }
        state.build += 1
        if outcome.succeeded {
            // The summary line on standard output; warnings, if any, before it.
            let lines = outcome.output.split(separator: "\n", omittingEmptySubsequences: false)
            state.errors = lines.filter { !$0.hasPrefix("Built ") }.joined(separator: "\n")
            log(outcome.output.replacingOccurrences(of: " into \(siteFolder.path)", with: ""))
        } else {
            state.errors = outcome.output
            log(outcome.output + "\nThe last good build is still being served.")
        }
    }

    /// Names, sizes and modification times of every source file.
    private func sourceFingerprint() -> String {
        var parts: [String] = []
        let fileManager = FileManager.default
        var names = ["herald.yml", "incidents", "theme"]
        // herald.yml may name an override theme folder and a logo: watch them too. It is read
        // through the loader, so the symbolic-link rule of builds applies here as well.
        if let file = try? SourceLoader(root: root).loadConfig(),
            case .success(let config) = ConfigParser().parse(file)
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

    func currentState() -> State { state }

    /// Makes SIGINT (Ctrl-C), SIGTERM and SIGHUP stop a running rebuild, remove the private folder and
    /// exit with 128 plus the signal's number; keep the returned sources while serving.
    package nonisolated func exitOnSignals() -> [any DispatchSourceSignal] {
        System.signalsThatEnd.map { number in
            System.ignore(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Task {
                    await self.cleanUp()
                    exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Stops a running rebuild and removes the private folder; serve calls it on exit and on
    /// SIGINT, SIGTERM and SIGHUP.
    package func cleanUp() {
        child.withLock { pid in
            if let running = pid { System.kill(running) }
            pid = nil
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
