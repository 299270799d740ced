import Foundation
import HeraldMarkdown

/// An incident body's `Components:` lines: where they are, and which cannot show.
extension IncidentParser {
    /// The `Components:` lines of the body by the body line of their update's heading: the first
    /// line of the paragraph right after an update heading, when it is one or a near miss of one.
    static func componentLines(in document: MarkdownDocument, lines: [Substring]) -> [Int: (
        number: Int, text: Substring
    )] {
        var result: [Int: (number: Int, text: Substring)] = [:]
        for (index, block) in zip(document.blocks.indices, document.blocks.dropFirst())
        where document.blocks[index].kind == .heading(level: 2) && block.kind == .paragraph {
            guard lines.indices.contains(block.startLine - 1) else { continue }
            let line = lines[block.startLine - 1]
            if ComponentsLine.isCandidate(line) {
                result[document.blocks[index].startLine] = (block.startLine, line)
            }
        }
        return result
    }

    /// Warns about `Components:` lines whose statuses cannot show: on a `Resolved` update, or on
    /// an update while the incident is resolved.
    func checkComponentLines(
        _ updates: [IncidentUpdate], lines: [Date: Int], file: SourceFile, diagnostics: inout [Diagnostic]
    ) {
        guard !lines.isEmpty else { return }
        var resolved = false
        for update in updates.sorted(by: { $0.time < $1.time }) {
            switch update.status {
            case .resolved: resolved = true
            case .update, .postmortem: break
            default: resolved = false
            }
            guard resolved, let line = lines[update.time],
                update.components.contains(where: { $0.status != .operational })
            else { continue }
            diagnostics.append(
                file.diagnostic(
                    .warning,
                    line: line,
                    "the incident is resolved at this update, so every component is operational; these statuses"
                        + " show only if a later update reopens it"
                )
            )
        }
    }
}
