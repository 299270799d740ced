import Foundation

extension IncidentEditor {
    /// A maintenance window as announcements state it: "Sunday, December 6, 2026, 3:00 – 5:00 AM
    /// UTC+1" in English, in the site's zone and language, as the feeds show it.
    ///
    /// - Parameters:
    ///   - start: The window's start as written (any time form; without a zone, the site's).
    ///   - end: Its end, likewise.
    /// - Returns: The text, or nil when a time does not parse or the end is not after the start
    ///   (creating the file then reports the problem).
    package func windowText(start: String, end: String) -> String? {
        let parser = TimeParser(timeZone: config.timeZone)
        guard case .success(let from) = parser.parse(start), case .success(let to) = parser.parse(end), from < to else {
            return nil
        }
        // Dates are formatted by the locale alone: no theme strings are needed.
        let format = DisplayFormat(
            timeZone: config.timeZone, localization: Localization(language: config.language, texts: [:]))
        return format.window(MaintenanceWindow(start: from, end: to))
    }

    /// A warning for a new maintenance whose window has already closed: it goes straight into the
    /// history as completed, which is rarely what its author meant.
    ///
    /// - Returns: The warning at the file's `end:` line, or nil when the window closes after now
    ///   (or its times do not parse).
    package func pastWindowWarning(start: String, end: String, path: String) -> Diagnostic? {
        let parser = TimeParser(timeZone: config.timeZone)
        guard case .success(let to) = parser.parse(end), to <= now else { return nil }
        return Diagnostic(
            .warning,
            at: SourceLocation(path: path),
            "the window ended before now (\(Timestamp.iso8601(to)), the clock is \(Timestamp.iso8601(now))):"
                + " the maintenance shows as completed, in the history only; check --start and --end"
        )
    }
}
