import Foundation
import Testing

@testable import HeraldCore

/// The build hands work to the cores in pieces taken as the cores become free; the results must
/// still come back whole and in the order of the items.
struct ParallelMapTests {
    struct Failure: Error {}

    @Test(arguments: [0, 1, 2, 3, 63, 64, 65, 1000, 4099])
    func parallelMapKeepsTheOrder(count: Int) async throws {
        let items = Array(0..<count)
        // Uneven work, as the build's jobs are.
        let results = try await parallelMap(items) { item in
            String(repeating: "x", count: (count - item) % 97 * 50).count == (count - item) % 97 * 50 ? item : -1
        }
        #expect(results == items)
    }

    @Test func parallelMapStopsAtAFailure() async {
        await #expect(throws: Failure.self) {
            _ = try await parallelMap(Array(0..<500)) { item in
                if item == 250 { throw Failure() }
                return item
            }
        }
    }
}
