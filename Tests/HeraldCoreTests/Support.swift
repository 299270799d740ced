import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// Helpers of the core tests that need HeraldCore's internals; the shared ones are in
/// HeraldTestSupport's `Fixture`.
extension Fixture {
    /// A copy of the XSS corpus (`Tests/Fixtures/xss`: herald.yml and incidents/) with the default
    /// theme, in a temporary folder.
    static func copyOfXSSCorpus() throws -> URL {
        let folder = try temporaryFolder()
        let corpus = repositoryRoot.appendingPathComponent("Tests/Fixtures/xss")
        for name in ["herald.yml", "incidents"] {
            try FileManager.default.copyItem(
                at: corpus.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("theme"), to: folder.appendingPathComponent("theme"))
        return folder
    }

    /// A renderer for the site at `root`, checked with the fixed clock.
    static func renderer(root: URL) async throws -> SiteRenderer {
        let checked = await Builder(options: .init(root: root, now: now)).check()
        let site = try #require(checked.site)
        return try await SiteRenderer.make(
            site: site, index: SiteIndex(site: site), status: SiteStatus(site: site),
            theme: try #require(checked.theme), localization: try #require(checked.localization))
    }
}
