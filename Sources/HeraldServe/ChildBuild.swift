import Foundation
import Synchronization

/// One rebuild of the preview, run as a child `herald build` process.
///
/// A build that crashes (cmark-gfm aborts when it runs out of memory, a stack overflow) or never
/// ends takes only the child with it: serve reports it, keeps the last good site, which the
/// build's atomic publish leaves whole, and rebuilds on the next save.
struct ChildBuild: Sendable {
    /// How long a rebuild may run before it is stopped with SIGKILL.
    static let timeLimit: TimeInterval = 60
    /// The most output kept from one rebuild.
    static let outputLimit = 64 * 1024

    /// How a rebuild ended.
    struct Outcome: Sendable {
        /// Whether the site was published.
        var succeeded: Bool
        /// What the build printed (standard output and error together), or why it ended.
        var output: String
    }

    /// The herald executable.
    let executable: URL
    /// The arguments after the executable: `build --root … --output …`.
    let arguments: [String]

    /// Runs the build, waiting on a thread outside Swift's cooperative pool so that the server
    /// keeps answering while it runs.
    ///
    /// - Parameter started: Called with the child's process id, so that a signal to serve can stop it.
    func run(started: @escaping @Sendable (Int32) -> Void) async -> Outcome {
        await withCheckedContinuation { continuation in
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            process.standardInput = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                continuation.resume(
                    returning: Outcome(succeeded: false, output: "error: cannot run \(executable.path): \(error)"))
                return
            }
            let pid = process.processIdentifier
            started(pid)
            let deadline = DispatchTime.now() + Self.timeLimit
            let watch = Watch()
            DispatchQueue.global().asyncAfter(deadline: deadline) {
                watch.state.withLock { state in
                    guard !state.ended else { return }
                    state.timedOut = true
                    System.kill(pid)
                }
            }
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                let timedOut = watch.state.withLock { state in
                    state.ended = true
                    return state.timedOut
                }
                var output = String(decoding: data.prefix(Self.outputLimit), as: UTF8.self)
                if data.count > Self.outputLimit { output += "\n… (output cut at \(Self.outputLimit) bytes)" }
                output = output.trimmingCharacters(in: .newlines)
                let status = process.terminationStatus
                if process.terminationReason == .uncaughtSignal {
                    let reason =
                        timedOut
                        ? "error: the rebuild ran longer than \(Int(Self.timeLimit)) s and was stopped"
                        : "error: the rebuild was stopped by \(System.name(ofSignal: status))"
                    output = output.isEmpty ? reason : output + "\n" + reason
                }
                let succeeded = process.terminationReason == .exit && status == 0
                if !succeeded, !output.contains("error:") {
                    output += (output.isEmpty ? "" : "\n") + "error: the rebuild failed with exit status \(status)"
                }
                continuation.resume(returning: Outcome(succeeded: succeeded, output: output))
            }
        }
    }

    /// Whether the child has ended, and whether the time limit stopped it.
    private final class Watch: Sendable {
        let state = Mutex((ended: false, timedOut: false))
    }
}
