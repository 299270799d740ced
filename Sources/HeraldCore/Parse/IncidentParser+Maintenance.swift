import Foundation

extension IncidentParser {
    /// How early an operator may post "In progress" or "Verifying" before a window opens (work
    /// that starts a little early) without a warning.
    static let earlyStartTolerance: TimeInterval = 3600

    /// Warnings for a maintenance's updates that contradict its window, which the build's clock
    /// follows: the page would say something the operator did not mean.
    ///
    /// - "In progress" or "Verifying" more than an hour before the window opens: readers would see
    ///   the work under way long before it is.
    /// - "Completed" before the window opens: a window called off is `Cancelled`.
    /// - "In progress" or "Verifying" after the window closed: the clock has completed it, and the
    ///   update changes nothing; the window's `end` is what to move.
    static func clockWarnings(for incident: Incident, file: SourceFile) -> [Diagnostic] {
        guard let window = incident.maintenance else { return [] }
        let start = Timestamp.iso8601(window.start)
        let end = Timestamp.iso8601(window.end)
        var warnings: [Diagnostic] = []
        for update in incident.updates.reversed() {
            let word = "'\(update.status.rawValue)'"
            var message: String?
            switch update.status {
            case .inProgress, .verifying:
                if update.time < window.start.addingTimeInterval(-earlyStartTolerance) {
                    message =
                        "\(word) update \(Self.distance(from: update.time, to: window.start)) before the window"
                        + " opens (\(start)): readers would see the work under way already; post 'Scheduled' or"
                        + " an 'Update', or move the window's start"
                } else if update.time >= window.end {
                    message =
                        "\(word) update after the window closed (\(end)): the clock has completed the"
                        + " maintenance, so this changes nothing; move the window's end to extend it"
                }
            case .completed where update.time < window.start:
                message =
                    "'Completed' update before the window opens (\(start)); to call the maintenance off,"
                    + " post 'Cancelled'"
            default:
                break
            }
            if let message { warnings.append(file.diagnostic(.warning, line: update.line, message)) }
        }
        return warnings
    }

    /// "3 days", "5 hours", "40 minutes": the rough distance between two instants.
    private static func distance(from earlier: Date, to later: Date) -> String {
        let minutes = Int(later.timeIntervalSince(earlier) / 60)
        func plural(_ count: Int, _ unit: String) -> String { "\(count) \(unit)\(count == 1 ? "" : "s")" }
        if minutes >= 2 * 24 * 60 { return plural(minutes / (24 * 60), "day") }
        if minutes >= 2 * 60 { return plural(minutes / 60, "hour") }
        return plural(minutes, "minute")
    }
}
