import Foundation

/// The one clock a build uses: `--now`, else `SOURCE_DATE_EPOCH`, else the current time.
package enum BuildClock {
    /// The `timezone` of the site's `herald.yml`, or nil when the file cannot be read.
    package static func siteTimeZone(root: URL) -> TimeZone? {
        guard let file = try? SourceLoader(root: root).loadConfig() else { return nil }
        return try? ConfigParser().parse(file).get().timeZone
    }

    /// Why the clock cannot be read.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// Resolves the build's clock.
    ///
    /// - Parameters:
    ///   - now: The `--now` option, in any time form of incident files. A time without a zone is
    ///     in the site's zone, as everywhere else; one that does not exist or happens twice there
    ///     (a daylight-saving change) is refused with its possible readings.
    ///   - environment: The process environment, for `SOURCE_DATE_EPOCH` (seconds since 1970).
    ///   - siteTimeZone: The zone of `herald.yml`, asked only for a time without a zone; nil when
    ///     it cannot be read.
    package static func resolve(
        now: String?,
        environment: [String: String],
        siteTimeZone: () -> TimeZone? = { nil }
    ) throws(Failure) -> Date {
        if let now {
            let example = "such as 2026-11-27T12:00:00Z, 2026-11-27 13:00 +01:00 or 2026-11-27 13:00 (the site's zone)"
            guard now.contains("T") || now.contains(" ") else {
                throw Failure(description: "--now '\(now)' is not a time; write a date and a time, \(example)")
            }
            let inUTC: Date
            switch TimeParser(timeZone: .gmt).parse(now) {
            case .success(let date): inUTC = date
            case .failure(let failure):
                throw Failure(
                    description: failure.message.hasPrefix("cannot read")
                        ? "--now '\(now)' is not a time; write \(example)" : "--now: \(failure.message)"
                )
            }
            // A time with a zone reads the same in every zone; one without is read in the site's.
            let farEast = TimeZone(secondsFromGMT: 14 * 3600) ?? .gmt
            guard case .success(let elsewhere) = TimeParser(timeZone: farEast).parse(now), elsewhere != inUTC else {
                return inUTC
            }
            guard let zone = siteTimeZone() else {
                throw Failure(
                    description: "--now '\(now)' has no zone, and herald.yml's timezone cannot be read;"
                        + " add one, such as Z or +01:00"
                )
            }
            switch TimeParser(timeZone: zone).parse(now) {
            case .success(let date): return date
            case .failure(let failure): throw Failure(description: "--now: \(failure.message)")
            }
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int(epoch) else {
                throw Failure(description: "SOURCE_DATE_EPOCH '\(epoch)' is not a whole number of seconds since 1970")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}
