import Foundation

extension Fixture {
    /// A maintenance of the sample's `api` from 2026-11-28 02:00 to 03:00 UTC, announced the day
    /// before, with no other update: the clock alone opens and closes it.
    package static let cacheUpgrade = """
        ---
        title: Cache upgrade
        maintenance:
          start: 2026-11-28 02:00 UTC
          end: 2026-11-28 03:00 UTC
        components: [api]
        ---

        ## Scheduled — 2026-11-27 08:00 UTC
        We will upgrade the cache behind the API.

        """

    /// A maintenance of the sample's `webhooks` in the same window, cancelled before it started.
    package static let routerSwap = """
        ---
        title: Router swap
        maintenance:
          start: 2026-11-28 02:00 UTC
          end: 2026-11-28 03:00 UTC
        components: [webhooks]
        ---

        ## Cancelled — 2026-11-27 08:30 UTC
        Called off.

        ## Scheduled — 2026-11-27 08:00 UTC
        We will swap a router.

        """

    /// A copy of the sample site with `cacheUpgrade` and `routerSwap` in `incidents/`.
    package static func copyOfSampleWithMaintenanceWindow() throws -> URL {
        let root = try copyOfSample()
        let incidents = root.appendingPathComponent("incidents")
        try cacheUpgrade.write(
            to: incidents.appendingPathComponent("2026-11-28-cache-upgrade.md"), atomically: true, encoding: .utf8)
        try routerSwap.write(
            to: incidents.appendingPathComponent("2026-11-28-router-swap.md"), atomically: true, encoding: .utf8)
        return root
    }

    /// Runs git in `folder` with a test identity; fails the test when git fails.
    package static func git(in folder: URL, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["git", "-C", folder.path, "-c", "user.name=Test", "-c", "user.email=t@example.com"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "git \(arguments) failed"])
        }
    }
}
