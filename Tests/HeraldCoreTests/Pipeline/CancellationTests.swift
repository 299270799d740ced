import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldCore

/// A cancelled build stops and says so: it must never look like a site without incidents.
struct CancellationTests {
    /// Runs `body` in a child task that is cancelled before it starts.
    func cancelled<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) async -> Value {
        await withTaskGroup(of: Value.self) { group in
            group.cancelAll()
            // A task added to a cancelled group starts cancelled.
            group.addTask { await body() }
            return await group.next()!
        }
    }

    @Test func aCancelledCheckHasNoSiteAndSaysWhy() async throws {
        let root = try Fixture.copyOfSample()
        let builder = Builder(options: .init(root: root, now: Fixture.now))
        let result = await cancelled { await builder.check() }
        #expect(result.wasCancelled)
        #expect(result.hasErrors)
        #expect(result.site == nil)
        #expect(result.diagnostics.map(\.headline) == ["\(root.path):1:1: error: the check was cancelled"])

        // The same check, not cancelled, finds the sample's incidents.
        let whole = await builder.check()
        #expect(!whole.wasCancelled)
        #expect(whole.site?.incidents.isEmpty == false)
    }

    @Test func aCancelledBuildPublishesNothing() async throws {
        let root = try Fixture.copyOfSample()
        let output = root.appendingPathComponent("site")
        let builder = Builder(options: .init(root: root, output: output, now: Fixture.now))
        let messages = await cancelled { () -> [String] in
            do {
                _ = try await builder.build()
                return []
            } catch let error as DiagnosticsError {
                return error.diagnostics.map(\.message)
            } catch {
                return ["\(error)"]
            }
        }
        #expect(messages == ["the check was cancelled"])
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func cancelledLoadingThrowsCancellation() async throws {
        let root = try Fixture.copyOfSample()
        let outcome = await cancelled { () -> String in
            do {
                _ = try await SourceLoader(root: root).load()
                return "loaded"
            } catch is CancellationError {
                return "cancelled"
            } catch {
                return "\(error)"
            }
        }
        #expect(outcome == "cancelled")
    }
}
