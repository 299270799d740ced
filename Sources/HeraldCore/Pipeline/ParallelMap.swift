import Foundation
import Synchronization

/// Runs `transform` over `items` in a task group bounded by the number of cores, and returns the
/// results in the order of `items`. Each child takes every `width`-th item, so no more than
/// `width` tasks exist at once and only the parent collects results.
func parallelMap<Item: Sendable, Result: Sendable>(
    _ items: [Item],
    width: Int = ProcessInfoCores.count,
    _ transform: @escaping @Sendable (Item) throws -> Result
) async throws -> [Result] {
    let width = max(1, min(width, items.count))
    guard width > 1 else { return try items.map(transform) }
    return try await withThrowingTaskGroup(of: [(Int, Result)].self) { group in
        for worker in 0..<width {
            group.addTask {
                var results: [(Int, Result)] = []
                for index in stride(from: worker, to: items.count, by: width) {
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

/// The number of cores the build may use.
enum ProcessInfoCores {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Runs `transform` over `items` on every core and returns the results in the order of `items`,
/// synchronously: for work inside synchronous code, such as reading the sources or preparing
/// views. Each core takes one contiguous chunk; fewer than `minimumChunk` items per core run on
/// fewer cores.
func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item],
    minimumChunk: Int = 64,
    _ transform: @Sendable (Item) -> Result
) -> [Result] {
    let width = max(1, min(ProcessInfoCores.count, items.count / max(1, minimumChunk)))
    let chunkSize = (items.count + width - 1) / width
    let chunks = Mutex([[Result]](repeating: [], count: width))
    DispatchQueue.concurrentPerform(iterations: width) { chunk in
        let range = min(items.count, chunk * chunkSize)..<min(items.count, (chunk + 1) * chunkSize)
        let results = items[range].map(transform)
        chunks.withLock { $0[chunk] = results }
    }
    return chunks.withLock { $0.flatMap { $0 } }
}
