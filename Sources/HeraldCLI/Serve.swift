import ArgumentParser
import Foundation
import HeraldServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build, serve it locally, and rebuild and reload on every change.",
        discussion: """
            The site is built into a private temporary folder (site/ is not touched) and served on \
            a loopback address. Edits to herald.yml, incidents/ or theme/ rebuild it and reload \
            open pages; a failed rebuild keeps the last good site and shows its errors on the page.
            """
    )

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The address to listen on; keep the loopback default unless you need another.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The site's folder.", valueName: "dir"))
    var root: String = "."

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() async throws {
        let rootURL = URL(
            fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        .standardizedFileURL
        // Each rebuild runs this same binary as a child `herald build`.
        let executable = URL(fileURLWithPath: "/proc/self/exe")
        let server: PreviewServer
        do {
            server = try PreviewServer(root: rootURL, strict: strict, executable: executable) { Console.error($0) }
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
        // Ctrl-C, SIGTERM and SIGHUP remove the private folder (and stop a running rebuild) before exiting.
        let signals = server.exitOnSignals()
        defer {
            for source in signals { source.cancel() }
        }
        do {
            try await server.run(host: host, port: port) { address in
                FileHandle.standardOutput.write(Data("Serving \(rootURL.path) at \(address) (Ctrl-C to stop)\n".utf8))
            }
        } catch let error as ServeError {
            Console.error("error: \(error)")
            throw ExitCode(1)
        }
    }
}
