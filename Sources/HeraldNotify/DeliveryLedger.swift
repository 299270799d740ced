import Foundation
import HeraldCore

/// The record of what `herald notify` delivered: one (target id, update id) pair per delivery.
///
/// A run skips every pair already in the ledger, so running notify twice on the same inputs
/// sends nothing the second time, and re-running a job after one target failed resends only to
/// that target. The file is JSON with sorted keys, written atomically after every delivery:
///
/// ```json
/// {"delivered":{"support-slack":["2026-11-27-delayed-payments-update-20261126T151000Z"]},"version":1}
/// ```
package struct DeliveryLedger: Sendable, Equatable {
    /// The ledger's default place, relative to the site's root: beside `herald.yml`, outside
    /// `site/` (which every build replaces) and `incidents/`.
    package static let defaultPath = ".herald-notify-ledger.json"

    /// Update ids by target id.
    package private(set) var delivered: [String: Set<String>]

    /// Creates a ledger.
    package init(delivered: [String: Set<String>] = [:]) {
        self.delivered = delivered
    }

    /// Whether the update was delivered to the target.
    package func contains(target: String, update: String) -> Bool {
        delivered[target]?.contains(update) ?? false
    }

    /// Records a delivery.
    package mutating func record(target: String, update: String) {
        delivered[target, default: []].insert(update)
    }

    private struct File: Codable {
        var version: Int
        var delivered: [String: [String]]
    }

    /// Reads the ledger at `url`; a missing file is an empty ledger.
    ///
    /// - Throws: `NotifyError.ledger` when the file exists but is not a ledger.
    package static func load(from url: URL) throws(NotifyError) -> DeliveryLedger {
        guard FileManager.default.fileExists(atPath: url.path) else { return DeliveryLedger() }
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
            return DeliveryLedger(delivered: file.delivered.mapValues(Set.init))
        } catch {
            throw .ledger(url.path, "it is not a delivery ledger (\(error)); move it away to start a new one")
        }
    }

    /// Writes the ledger atomically: into a temporary file beside it, then renamed over it.
    ///
    /// - Throws: `NotifyError.ledger` when the file cannot be written.
    package func save(to url: URL) throws(NotifyError) {
        let file = File(version: 1, delivered: delivered.mapValues { $0.sorted() })
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(file)
            data.append(0x0A)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw .ledger(url.path, "\(error)")
        }
    }
}
