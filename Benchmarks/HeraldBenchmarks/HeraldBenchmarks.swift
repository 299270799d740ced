// Herald's benchmarks: whole builds of generated sites and each pipeline stage on its own.
//
//     HERALD_BENCHMARKS=1 swift package benchmark --target HeraldBenchmarks
//
// The corpora are written once by Benchmarks/generate-corpus.py into the temporary folder.

import Benchmark
import Foundation
import HeraldCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(300),
        maxIterations: 5
    )
    let now = Date(timeIntervalSince1970: 1_795_770_000)

    for size in [1_000, 10_000] {
        Benchmark("Build \(size) incidents") { benchmark in
            let root = try Corpus.folder(size: size)
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("herald-bench-site-\(size)")
            for _ in benchmark.scaledIterations {
                blackHole(try await Builder(options: .init(root: root, output: output, now: now)).build())
            }
        }

        Benchmark("Load \(size) incidents") { benchmark in
            let root = try Corpus.folder(size: size)
            for _ in benchmark.scaledIterations {
                blackHole(try await SourceLoader(root: root).load())
            }
        }

        Benchmark("Parse \(size) incidents") { benchmark in
            let sources = try await SourceLoader(root: try Corpus.folder(size: size)).load()
            let config = try ConfigParser().parse(sources.config).get()
            let parser = IncidentParser(config: config, now: now)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(sources.incidents.map { parser.parse($0) })
            }
        }

        Benchmark("Model and status \(size) incidents") { benchmark in
            let site = try await Corpus.site(size: size, now: now)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(SiteIndex(site: site))
                blackHole(SiteStatus(site: site))
            }
        }

        Benchmark("Render \(size) incidents") { benchmark in
            let root = try Corpus.folder(size: size)
            let site = try await Corpus.site(size: size, now: now)
            let sources = try await SourceLoader(root: root).load()
            let theme = try Theme.load(templates: sources.templates, assets: sources.assets, themePath: "theme").get()
            guard let localization = Localization.load(language: "en", files: sources.locales).localization else {
                throw CocoaError(.fileReadCorruptFile)
            }
            let index = SiteIndex(site: site)
            let renderer = try await SiteRenderer.make(
                site: site, index: index, status: SiteStatus(site: site), theme: theme, localization: localization)
            let jobs = RenderPlan(site: site, index: index).jobs
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                for job in jobs { blackHole(try renderer.render(job)) }
            }
        }

        Benchmark("Write \(size) incidents") { benchmark in
            let root = try Corpus.folder(size: size)
            let site = try await Corpus.site(size: size, now: now)
            let sources = try await SourceLoader(root: root).load()
            let theme = try Theme.load(templates: sources.templates, assets: sources.assets, themePath: "theme").get()
            guard let localization = Localization.load(language: "en", files: sources.locales).localization else {
                throw CocoaError(.fileReadCorruptFile)
            }
            let index = SiteIndex(site: site)
            let renderer = try await SiteRenderer.make(
                site: site, index: index, status: SiteStatus(site: site), theme: theme, localization: localization)
            let files = try RenderPlan(site: site, index: index).jobs.flatMap { try renderer.render($0) }
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("herald-bench-write-\(size)")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let writer = SiteWriter(output: output)
                let leftovers = try writer.prepare(protecting: [root])
                try writer.write(files)
                try writer.commit(keeping: Set(files.map(\.path)), leftovers: leftovers)
            }
        }
    }
}

/// The generated sites, written once per size.
enum Corpus {
    static func folder(size: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-corpus-\(size)")
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("herald.yml").path) { return folder }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("generate-corpus.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, String(size), folder.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return folder
    }

    static func site(size: Int, now: Date) async throws -> Site {
        let sources = try await SourceLoader(root: try folder(size: size)).load()
        let config = try ConfigParser().parse(sources.config).get()
        let parser = IncidentParser(config: config, now: now)
        return Site(config: config, incidents: sources.incidents.compactMap { parser.parse($0).incident }, now: now)
    }
}
