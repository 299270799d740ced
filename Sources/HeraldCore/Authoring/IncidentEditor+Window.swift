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
}
