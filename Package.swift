// swift-tools-version:6.1
import PackageDescription

import class Foundation.ProcessInfo

let package = Package(
    name: "Herald",
    // Herald is built and tested on Linux only (CONTRIBUTING.md, Platforms). The Darwin branch of
    // its one file of system calls (Sources/HeraldCore/Support/POSIX.swift) is written to compile,
    // but Herald has never been built or run on macOS. 15 is the oldest macOS with the APIs it
    // uses: Synchronization's Mutex and Atomic, and String(validating:as:).
    platforms: [.macOS(.v15)],
    // Herald is a tool, not a library: its modules share `package` declarations and export no
    // public API.
    products: [
        .executable(name: "herald", targets: ["HeraldCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Exact: the theme checks (`Theme.eachTag`: partial references, nesting depth, the names
        // shared fragments use) read tags as swift-mustache 2.1.1's parser does, so another version
        // must be checked against them before it is used.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // The HTTP layer of `herald serve` only: small, and with no dependencies of its own.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // cmark-gfm from Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The only module that touches C.
        .target(name: "HeraldMarkdown", dependencies: ["CCmarkGFM"]),
        // The default theme, embedded from theme/ at build time by the plugin below, so that the
        // herald binary needs no theme folder beside it.
        .target(name: "HeraldDefaultTheme", plugins: ["HeraldThemePlugin"]),
        .plugin(
            name: "HeraldThemePlugin",
            capability: .buildTool(),
            dependencies: ["HeraldThemeEmbedder"],
            path: "Sources/HeraldThemePlugin"
        ),
        .executableTarget(name: "HeraldThemeEmbedder"),
        .target(
            name: "HeraldCore",
            dependencies: [
                "HeraldMarkdown",
                "HeraldDefaultTheme",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // `herald notify`: new updates, payloads per target, retries, the delivery ledger, and the
        // previous state from a file, a URL or git. The only module that talks to the network
        // (FoundationNetworking) or runs git.
        .target(name: "HeraldNotify", dependencies: ["HeraldCore", "HeraldMarkdown"]),
        // `herald serve`: the local preview server.
        .target(
            name: "HeraldServe",
            dependencies: [
                "HeraldCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "HeraldCLI",
            dependencies: [
                "HeraldCore",
                "HeraldNotify",
                "HeraldServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HeraldMarkdownTests", dependencies: ["HeraldMarkdown"]),
        .target(name: "HeraldTestSupport", dependencies: ["HeraldCore"], path: "Tests/HeraldTestSupport"),
        .testTarget(
            name: "HeraldCoreTests",
            dependencies: [
                "HeraldCore", "HeraldTestSupport", .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // FlyingFox runs the loopback server that records what `herald notify` sends.
        .testTarget(
            name: "HeraldNotifyTests",
            dependencies: [
                "HeraldNotify", "HeraldCore", "HeraldTestSupport", .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .testTarget(
            name: "HeraldCLITests",
            dependencies: ["HeraldCLI", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The benchmarks (Benchmarks/HeraldBenchmarks) build only with HERALD_BENCHMARKS=1, so that normal
// builds and `swift test` do not pay for package-benchmark and its dependencies:
//     HERALD_BENCHMARKS=1 swift package benchmark --target HeraldBenchmarks
if ProcessInfo.processInfo.environment["HERALD_BENCHMARKS"] == "1" {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.0", traits: ["MallocInterposer"])
    )
    package.targets.append(
        .executableTarget(
            name: "HeraldBenchmarks",
            dependencies: ["HeraldCore", .product(name: "Benchmark", package: "package-benchmark")],
            path: "Benchmarks/HeraldBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    )
}
