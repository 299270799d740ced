import Foundation
import Testing

/// `herald update` and `herald new` with the text written in an editor, run from the built binary
/// on a pseudo-terminal (util-linux's `script`), as an operator at a terminal runs them. The
/// editor is a shell script that does what the test needs to the file and records what it was
/// given; a real vim is driven by `Tests/clients/check_editor.py` in `.ci/run`.
extension HeraldCommandTests {
    /// Runs herald with `arguments` on a new pseudo-terminal, with `environment` added. What
    /// herald prints to either stream arrives in `stdout`, as on a terminal.
    func runOnTerminal(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> Run {
        let command = ([try Self.executable().path] + arguments).map(Self.shellQuoted).joined(separator: " ")
        return try runProcess(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], in: folder,
            environment: environment)
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// An editor that saves what it was shown in `seen` and writes `script` (shell) over the file.
    func editor(in folder: URL, _ script: String) throws -> (command: String, seen: URL) {
        let seen = folder.appendingPathComponent("seen.md")
        let path = folder.appendingPathComponent("editor.sh")
        try "#!/bin/sh\ncp \"$1\" '\(seen.path)'\n\(script)\n".write(to: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
        return (path.path, seen)
    }

    @Test func anUpdateWrittenInTheEditorKeepsTheTextAboveTheScissors() throws {
        let root = try copyOfSample()
        let file = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let before = try String(contentsOf: file, encoding: .utf8)
        // The editor puts the text at the top and leaves the context as it was.
        let (command, seen) = try editor(
            in: root,
            "{ printf 'Still **watching**.\\n\\n### Details\\n- settling\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\""
        )
        let result = try runOnTerminal(
            ["update", "2026-11-27-delayed-payments", "--status", "update", "--now", "2026-11-27T09:30:00Z"],
            in: root, environment: ["EDITOR": command, "VISUAL": ""])
        #expect(result.status == 0, "\(result.stdout)")
        let shown = try String(contentsOf: seen, encoding: .utf8)
        #expect(shown.contains("# Update to: Delayed payment processing (incidents/2026-11-27-delayed-payments.md)"))
        #expect(shown.contains("# Status now: Monitoring; this update: Update"))
        let after = try String(contentsOf: file, encoding: .utf8)
        let update = "## Update — 2026-11-27 10:30 +01:00\n\nStill **watching**.\n\n### Details\n- settling\n"
        #expect(after.contains(update))
        #expect(!after.contains(">8"))
        #expect(after.count > before.count)
    }

    @Test func visualWinsOverEditorAndAnEmptyOrFailedEditLeavesTheFileAlone() throws {
        let root = try copyOfSample()
        let file = root.appendingPathComponent("incidents/2026-11-27-delayed-payments.md")
        let before = try Data(contentsOf: file)
        let arguments = [
            "update", "2026-11-27-delayed-payments", "--status", "update", "--now", "2026-11-27T09:30:00Z",
        ]
        // $VISUAL is used before $EDITOR; saving the file unchanged writes nothing.
        let unchanged = try editor(in: root, "true")
        let unused = root.appendingPathComponent("unused.sh")
        let quiet = try runOnTerminal(
            arguments, in: root, environment: ["VISUAL": unchanged.command, "EDITOR": unused.path])
        #expect(quiet.status == 1)
        #expect(quiet.stdout.contains("no message was written"))
        #expect(FileManager.default.fileExists(atPath: unchanged.seen.path))
        #expect(try Data(contentsOf: file) == before)
        // An editor that fails (vim's :cq) writes nothing, whatever it left in the file.
        let failing = try editor(in: root, "echo 'half a sentence' > \"$1\"; exit 3")
        let failed = try runOnTerminal(arguments, in: root, environment: ["EDITOR": failing.command, "VISUAL": ""])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("exited with status 3"))
        #expect(try Data(contentsOf: file) == before)
    }
}
