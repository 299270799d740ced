import Foundation

/// The one clock a build uses: `--now`, else `SOURCE_DATE_EPOCH`, else the current time.
package enum BuildClock {
    /// Why the clock cannot be read.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// Resolves the build's clock.
    ///
    /// - Parameters:
    ///   - now: The `--now` option: an ISO 8601 time with a zone, such as `2026-11-27T12:00:00Z`.
    ///   - environment: The process environment, for `SOURCE_DATE_EPOCH` (seconds since 1970).
    package static func resolve(now: String?, environment: [String: String]) throws(Failure) -> Date {
        if let now {
            guard now.contains("T") || now.contains(" "),
                case .success(let date) = TimeParser(timeZone: .gmt).parse(now)
            else {
                throw Failure(
                    description:
                        "--now '\(now)' is not a time; write ISO 8601 with a zone, such as 2026-11-27T12:00:00Z"
                )
            }
            return date
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
