import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program as a child and measures it: its exit status or signal, and its own CPU time
/// and peak memory from `wait4`'s rusage, which a busy machine does not inflate as it does the
/// wall-clock time. The child gets a CPU limit (`ulimit -t`), so a regression ends in a signal
/// and a failed test instead of a hung one.
struct ChildProcess {
    struct Result {
        /// The exit status, or nil when a signal ended the child.
        var status: Int32?
        /// The signal that ended the child, if one did.
        var signal: Int32?
        /// User plus system CPU seconds.
        var cpuSeconds: Double
        /// Peak resident memory in bytes.
        var maxResidentBytes: Int
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: URL, _ arguments: [String], cpuLimitSeconds: Int) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("stdout").path
        let errPath = folder.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // The shell sets the CPU limit, then becomes the program (`exec`), so the rusage is the
        // program's (plus the shell's few milliseconds).
        let shell = ["/bin/sh", "-c", "ulimit -t \(cpuLimitSeconds) && exec \"$0\" \"$@\"", executable.path]
        let argv = (shell + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw POSIXError(.ECHILD) }
        }
        let exited = status & 0x7f == 0
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Result(
            status: exited ? (status >> 8) & 0xff : nil,
            signal: exited ? nil : status & 0x7f,
            cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            maxResidentBytes: Int(usage.ru_maxrss) * 1024,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }
}
