import Foundation
import Synchronization

/// Runs `transform` over `items` in a task group bounded by the number of cores, and returns the
/// results in the order of `items`. No more than `width` tasks exist at once, and only the parent
/// collects results. Each task takes the next item not yet taken, so a task that drew large items
/// does not leave the others idle at the end: give the largest items first. Cancellation is
/// checked before each item, and thrown as `CancellationError`.
func parallelMap<Item: Sendable, Result: Sendable>(
    _ items: [Item],
    width: Int = ProcessInfoCores.count,
    _ transform: @escaping @Sendable (Item) throws -> Result
) async throws -> [Result] {
    let width = max(1, min(width, items.count))
    guard width > 1 else {
        // A loop, not `items.map { ... }` with the check inside: Swift 6.3.1's optimizer (-O)
        // crashed splitting `Builder.build`'s coroutine with that closure inlined into it.
        var results: [Result] = []
        results.reserveCapacity(items.count)
        for item in items {
            try Task.checkCancellation()
            results.append(try transform(item))
        }
        return results
    }
    let queue = WorkQueue(count: items.count)
    return try await withThrowingTaskGroup(of: [(Int, Result)].self) { group in
        for _ in 0..<width {
            group.addTask {
                var results: [(Int, Result)] = []
                while let index = queue.take() {
                    try Task.checkCancellation()
                    results.append((index, try transform(items[index])))
                }
                return results
            }
        }
        var slots = [Result?](repeating: nil, count: items.count)
        for try await batch in group {
            for (index, result) in batch { slots[index] = result }
        }
        return slots.map { $0! }
    }
}

/// Hands out the positions `0..<count`, each once, to whichever task asks next.
private final class WorkQueue: Sendable {
    private let next = Atomic<Int>(0)
    private let count: Int

    init(count: Int) {
        self.count = count
    }

    func take() -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}

/// The number of cores the build may use.
enum ProcessInfoCores {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
