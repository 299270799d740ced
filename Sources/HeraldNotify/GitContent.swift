import Foundation
import HeraldCore

/// A site's `herald.yml` and `incidents/` as they were at a git revision, read with the `git`
/// command in the site's folder (which may be a sub-folder of the repository).
struct GitContent: Sendable {
    /// The site's folder.
    var root: URL
    /// The revision, such as `HEAD~1` or a commit id.
    var revision: String

    /// The site at the revision, with every incident that parses.
    ///
    /// - Parameters:
    ///   - currentConfig: Used when the old `herald.yml` has errors.
    ///   - now: The clock.
    func site(currentConfig: SiteConfig, now: Date) throws(NotifyError) -> Site {
        guard !revision.isEmpty, !revision.hasPrefix("-") else {
            throw .git("'\(revision)' is not a git revision")
        }
        if revision.allSatisfy({ $0 == "0" }) {
            throw .git(
                "'\(revision)' is git's null revision (nothing was pushed before); pass the previous site's"
                    + " incidents.json instead, or skip notify on a branch's first push"
            )
        }
        let commit = try? git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])
        let id = String(decoding: commit ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else {
            throw .git(
                "'\(revision)' is neither a file, an http(s) URL nor a git revision of \(root.path);"
                    + " write file:PATH or git:REVISION to say which you mean"
            )
        }

        var config = currentConfig
        var checksComponents = false
        if let text = try? show(id, path: "herald.yml"),
            case .success(let old) = ConfigParser().parse(SourceFile(path: "herald.yml", text: text))
        {
            config = old
            checksComponents = true
        }
        let listing = try git(["ls-tree", "-r", "-z", "--name-only", id, "--", "incidents"])
        let paths = listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            .filter { $0.hasSuffix(".md") }.sorted()
        let parser = IncidentParser(config: config, now: now, checksComponents: checksComponents)
        var incidents: [Incident] = []
        for path in paths {
            guard let text = try? show(id, path: path) else { continue }
            if let incident = parser.parse(SourceFile(path: path, text: text)).incident { incidents.append(incident) }
        }
        return Site(config: config, incidents: incidents, now: now)
    }

    /// A file's text at a commit, relative to the site's folder.
    private func show(_ commit: String, path: String) throws(NotifyError) -> String {
        let data = try git(["show", "\(commit):./\(path)"])
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Runs git in the site's folder and returns its standard output.
    private func git(_ arguments: [String]) throws(NotifyError) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .git("cannot run git: \(error.localizedDescription)")
        }
        // Read the output before waiting, so that a large file cannot fill the pipe and block git;
        // git's few error lines fit in the other pipe's buffer.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw .git("git \(arguments.joined(separator: " ")) failed in \(root.path): \(message)")
        }
        return data
    }
}
