import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few raw system calls `herald serve` makes, in one place (as HeraldCore's POSIX.swift does
/// for the build): a private folder, half-closing a socket, stopping a child build, signals.
enum System {
    /// Creates a new folder readable only by this user, named `prefix` plus six random
    /// characters, inside `parent`. `mkdtemp` creates it with `mkdir`, which fails instead of
    /// following an existing file or link of that name, and tries another name.
    ///
    /// - Returns: The folder's path, or nil with the reason.
    static func makePrivateFolder(in parent: String, prefix: String) -> Result<String, ServeError> {
        var template = Array((parent + "/" + prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            let reason = String(cString: strerror(errno))
            return .failure(ServeError("cannot create a private folder in \(parent): \(reason)"))
        }
        return .success(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }

    /// Stops sending on a socket (the peer reads the end of the answer) while it can still be read.
    static func shutdownWrite(_ file: Int32) {
        #if canImport(Glibc)
            _ = shutdown(file, Int32(SHUT_WR))
        #else
            _ = shutdown(file, SHUT_WR)
        #endif
    }

    /// Sends SIGKILL: a stopped or hung child build ends at once.
    static func kill(_ pid: Int32) {
        _ = Foundation.kill(pid, SIGKILL)
    }

    /// SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal closed): serve cleans up and exits on them.
    static let signalsThatEnd: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Leaves `signal` to a dispatch source instead of the default action (ending the process).
    static func ignore(_ number: Int32) {
        _ = signal(number, SIG_IGN)
    }

    /// The signal's name, `SIGKILL`, for messages.
    static func name(ofSignal number: Int32) -> String {
        switch number {
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGABRT: "SIGABRT"
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        default: "signal \(number)"
        }
    }
}
