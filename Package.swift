// swift-tools-version: 6.1
import PackageDescription

// Targets follow the pipeline: ingest → entities → store → search → CLI.
// Dependencies point one way only, and the compiler enforces it.
let package = Package(
  name: "NewsIndex",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "newsindex", targets: ["NewsIndexCLI"])
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .target(name: "NewsModel"),
    // Named-entity tagger: pure Swift, no database. Its model ships as a resource.
    .target(
      name: "NewsEntities", dependencies: ["NewsModel"],
      resources: [
        .copy("Resources/NERModel.bin"), .copy("Resources/aliases.txt"),
        .copy("Resources/canonical-names.txt"),
      ]),
    .target(
      name: "NewsStore",
      dependencies: [
        "NewsModel", .product(name: "GRDB", package: "GRDB.swift"),
        // The C API, for the FTS5 ranking function (RankingFunction.swift).
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(name: "NewsIngest", dependencies: ["NewsModel", "NewsEntities", "NewsStore"]),
    .target(name: "NewsSearch", dependencies: ["NewsModel", "NewsStore"]),
    .executableTarget(
      name: "NewsIndexCLI",
      dependencies: [
        "NewsIngest", "NewsEntities", "NewsSearch", "NewsStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Tools: trains and evaluates the entity tagger (never imported by the library).
    .executableTarget(
      name: "NERTool", dependencies: ["NewsEntities"], path: "Tools/NERTool",
      swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
    // Tools: search latency in-process on an existing index (Tools/bench/bench.py runs it).
    .executableTarget(
      name: "SearchBench", dependencies: ["NewsModel", "NewsSearch", "NewsStore"], path: "Tools/SearchBench"),
    .testTarget(name: "NewsEntitiesTests", dependencies: ["NewsEntities"]),
    // Test fixtures shared by the test targets: temporary folders, paths into ../shared.
    .target(name: "NewsTestSupport", path: "Tests/NewsTestSupport"),
    .testTarget(name: "NewsIngestTests", dependencies: ["NewsIngest", "NewsTestSupport"]),
    .testTarget(name: "NewsStoreTests", dependencies: ["NewsStore", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(name: "NewsSearchTests", dependencies: ["NewsSearch", "NewsIngest", "NewsTestSupport"]),
    .testTarget(name: "NewsIndexCLITests", dependencies: ["NewsIndexCLI", "NewsTestSupport"]),
  ]
)
