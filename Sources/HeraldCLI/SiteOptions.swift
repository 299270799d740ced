import ArgumentParser
import Foundation
import HeraldCore

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The site's folder, holding herald.yml, incidents/ and theme/.", valueName: "dir"))
    var root: String = "."

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The build's clock, in any time form; without a zone, in the site's (default: SOURCE_DATE_EPOCH, else the current time).",
            valueName: "time"
        )
    )
    var now: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    var rootURL: URL {
        URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
    }

    func validate() throws {
        _ = try clock()
    }

    func clock() throws -> Date {
        do {
            return try BuildClock.resolve(now: now, environment: ProcessInfo.processInfo.environment) {
                BuildClock.siteTimeZone(root: rootURL)
            }
        } catch {
            throw ValidationError(error.description)
        }
    }
}
