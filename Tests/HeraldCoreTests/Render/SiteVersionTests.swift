import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// `version.json` changes when readers would see something new, and only then.
struct SiteVersionTests {
    static func version(_ text: String, now: String) throws -> String {
        let incident = try #require(Fixture.parse(text, name: "2026-11-27-slow-api").incident)
        let site = Site(
            config: Fixture.config, incidents: [incident], now: try #require(ISO8601DateFormatter().date(from: now)))
        return SiteVersion.of(site, status: SiteStatus(site: site))
    }

    static let open = """
        ---
        title: Slow API
        impact: minor
        components: [api]
        ---

        ## Investigating — 2026-11-27 08:00 UTC
        Looking into it.
        """

    @Test func aLaterBuildWithNothingNewKeepsTheVersion() throws {
        // The incident is open, so the build's clock moves with every build; the page's news does not.
        #expect(
            try Self.version(Self.open, now: "2026-11-27T09:00:00Z")
                == Self.version(Self.open, now: "2026-11-27T09:05:00Z"))
    }

    @Test func anUpdateAnEditOrATitleChangesTheVersion() throws {
        let base = try Self.version(Self.open, now: "2026-11-27T09:00:00Z")
        let updated = Self.open.replacingOccurrences(
            of: "## Investigating", with: "## Identified — 2026-11-27 08:30 UTC\nFound it.\n\n## Investigating")
        let edited = Self.open.replacingOccurrences(of: "Looking into it.", with: "Looking into it closely.")
        let renamed = Self.open.replacingOccurrences(of: "title: Slow API", with: "title: Slow public API")
        // A status changed by an older update: the components' statuses now stay the same.
        let restated = [
            "Components: api=major_outage\nFound it.\n\n## Monitoring — 2026-11-27 08:40 UTC\nComponents: api=partial_outage",
            "Components: api=partial_outage\nFound it.\n\n## Monitoring — 2026-11-27 08:40 UTC\nComponents: api=partial_outage",
        ].map {
            Self.open.replacingOccurrences(
                of: "## Investigating", with: "## Identified — 2026-11-27 08:30 UTC\n\($0)\n\n## Investigating")
        }
        let versions = try ([updated, edited, renamed] + restated).map {
            try Self.version($0, now: "2026-11-27T09:00:00Z")
        }
        #expect(Set(versions + [base]).count == 6)
    }
}
