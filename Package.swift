// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (strict concurrency) plus explicit `any` and imports
/// that stay internal unless marked `public`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "clearinghouse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clearinghouse", targets: ["clearinghouse"]),
    ]
        // Each library on its own, for the fuzz targets in Fuzz/ (a package of their own, built with sanitizers).
        + [
            "PackageURL", "Versions", "JSONSupport", "OSV", "SBOM", "SARIF", "CSAF", "CVSS", "VEX", "ThreatFeeds",
            "TransparencyLog", "Evaluations", "ClearinghouseCore", "ClearinghouseStore", "ClearinghouseServer",
        ].map { .library(name: $0, targets: [$0]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Standards library: Traffic Light Protocol 2.0 labels.
        .target(name: "TLP", swiftSettings: swiftSettings),
        .testTarget(name: "TLPTests", dependencies: ["TLP"], swiftSettings: swiftSettings),

        // Standards library: RFC 9162 Merkle trees and proofs, C2SP signed notes, checkpoints and tiles.
        .target(
            name: "TransparencyLog",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TransparencyLogTests", dependencies: ["TransparencyLog"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings),

        // Standards library: Package URL (purl) parsing, normalization and building.
        .target(name: "PackageURL", swiftSettings: swiftSettings),
        .testTarget(
            name: "PackageURLTests", dependencies: ["PackageURL", "ClearinghouseTestSupport"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings),

        // Standards library: version ordering per ecosystem (PEP 440, node-semver, SemVer, Maven, RubyGems, NuGet,
        // Debian, Alpine, RPM ...) and `vers` version ranges.
        .target(name: "Versions", dependencies: ["PackageURL"], swiftSettings: swiftSettings),
        .testTarget(
            name: "VersionsTests", dependencies: ["Versions", "PackageURL", "ClearinghouseTestSupport"],
            resources: [.copy("Resources")], swiftSettings: swiftSettings),

        // Starting other programs (the validator's proof command, gzip, the tests' servers) without Foundation's
        // `Process`, whose start crashes now and then on Linux.
        .target(name: "CChildProcesses"),
        .target(name: "ChildProcesses", dependencies: ["CChildProcesses"], swiftSettings: swiftSettings),
        .testTarget(name: "ChildProcessesTests", dependencies: ["ChildProcesses"], swiftSettings: swiftSettings),

        // Standards support: a JSON value tree, and decoding errors as field paths, shared by the readers below.
        .target(name: "JSONSupport", swiftSettings: swiftSettings),

        // Standards library: OSV records (JSON and YAML), their schema and linter checks, and the evaluation of
        // `affected` entries.
        .target(
            name: "OSV",
            dependencies: ["JSONSupport", "Versions", "PackageURL", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "OSVTests",
            dependencies: [
                "OSV", "JSONSupport", "Versions", "PackageURL", "ClearinghouseTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")], swiftSettings: swiftSettings),

        // Standards library: CycloneDX and SPDX SBOMs, read into components, Package URLs and dependencies.
        .target(name: "SBOM", dependencies: ["JSONSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SBOMTests", dependencies: ["SBOM", "ClearinghouseTestSupport"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings),

        // Standards library: SARIF 2.1.0 logs, read into results with rules, locations, fingerprints and CWEs.
        .target(name: "SARIF", dependencies: ["JSONSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SARIFTests", dependencies: ["SARIF", "ClearinghouseTestSupport"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings),

        // zlib and Zstandard from Debian's zlib1g-dev and libzstd-dev: the compressions of Inspect's `.eval` logs.
        .systemLibrary(
            name: "CCompression", pkgConfig: "libzstd", providers: [.apt(["zlib1g-dev", "libzstd-dev"])]),

        // Frontier-model evaluations: Inspect logs (`.json` and zipped `.eval`) and how their results were elicited,
        // solve-rate intervals (Wilson, Clopper–Pearson), pass@k, and standard errors clustered by task.
        .target(name: "Evaluations", dependencies: ["JSONSupport", "CCompression"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EvaluationsTests", dependencies: ["Evaluations"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings),

        // Standards library: CVSS 3.0, 3.1 and 4.0 vectors, parsed, validated and scored.
        .target(
            name: "CVSS", exclude: ["Resources/LICENSE-cvss-v4-calculator"],
            resources: [.embedInCode("Resources/cvss_v4_macrovector_lookup.json")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CVSSTests", dependencies: ["CVSS"], resources: [.copy("Resources")], swiftSettings: swiftSettings),

        // Standards library: SSVC decision tables (CISA's coordinator tree, CERT/CC's deployer, supplier and
        // coordinator trees), loaded as data.
        .target(
            name: "SSVC", exclude: ["Resources/LICENSE-ssvc"],
            resources: [
                .embedInCode("Resources/cisa_coordinator_2_0_3.json"),
                .embedInCode("Resources/coordinator_publish_decision_table_1_0_0.json"),
                .embedInCode("Resources/coordinator_triage_1_0_0.json"),
                .embedInCode("Resources/deployer_patch_application_priority_1_0_0.json"),
                .embedInCode("Resources/human_impact_1_0_0.json"),
                .embedInCode("Resources/public_safety_impact_1_0_0.json"),
                .embedInCode("Resources/supplier_patch_development_priority_1_0_0.json"),
                .embedInCode("Resources/utility_1_0_0.json"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "SSVCTests", dependencies: ["SSVC"], swiftSettings: swiftSettings),

        // Standards library: CSAF 2.0 documents, read into products and vulnerabilities.
        .target(name: "CSAF", dependencies: ["JSONSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CSAFTests", dependencies: ["CSAF"], resources: [.copy("Resources")], swiftSettings: swiftSettings),

        // Standards library: VEX statements from CycloneDX VEX, OpenVEX and CSAF VEX.
        .target(name: "VEX", dependencies: ["JSONSupport", "CSAF"], swiftSettings: swiftSettings),
        .testTarget(
            name: "VEXTests", dependencies: ["VEX", "ClearinghouseTestSupport"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings),

        // Standards library: exploitation feeds: CISA's Known Exploited Vulnerabilities catalog and FIRST's EPSS scores.
        .target(name: "ThreatFeeds", dependencies: ["JSONSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ThreatFeedsTests", dependencies: ["ThreatFeeds"], resources: [.copy("Resources")],
            swiftSettings: swiftSettings),

        // Domain core: organizations, tokens, the access policy, audit events. Pure: no I/O, no clock.
        .target(
            name: "ClearinghouseCore",
            dependencies: [
                "TLP", "TransparencyLog", "JSONSupport", "OSV", "Versions", "PackageURL", "SBOM", "VEX", "SARIF",
                "CSAF", "CVSS", "SSVC", "ThreatFeeds", "Evaluations",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ClearinghouseCoreTests",
            dependencies: [
                "ClearinghouseCore", "ClearinghouseTestSupport", "TransparencyLog", "OSV", "TLP", "CSAF", "JSONSupport",
                "PackageURL",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")], swiftSettings: swiftSettings),

        // Store: one SQL layer (SQLKit) over SQLite and PostgreSQL, migrations, transactions.
        .target(
            name: "ClearinghouseStore",
            dependencies: [
                "ClearinghouseCore", "TransparencyLog", "TLP", "OSV", "SBOM", "VEX", "ThreatFeeds", "Evaluations",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ClearinghouseStoreTests",
            dependencies: [
                "ClearinghouseStore", "ClearinghouseTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings),

        // Workflows: what happens when someone acts or a deadline passes, between the core and the server. One commit
        // path (change, audit, log, outbox), the catalogs that follow the change feed, the scheduler. Knows neither
        // HTTP nor SQL.
        .target(
            name: "ClearinghouseWorkflows",
            dependencies: [
                "ClearinghouseCore", "ClearinghouseStore", "JSONSupport", "OSV", "PackageURL", "TLP", "ThreatFeeds",
                "TransparencyLog", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ClearinghouseWorkflowsTests",
            dependencies: ["ClearinghouseWorkflows", "ClearinghouseTestSupport"],
            swiftSettings: swiftSettings),

        // Server: the Hummingbird HTTP API, middleware, problem responses, the OpenAPI document; the web interface's
        // pages (swift-mustache templates) and sessions.
        .target(
            name: "ClearinghouseServer",
            dependencies: [
                "JSONSupport", "OSV", "PackageURL", "TLP", "SBOM", "VEX", "ThreatFeeds", "SSVC",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "ClearinghouseCore",
                "ClearinghouseStore",
                "ClearinghouseWorkflows",
                "TransparencyLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                // The webhook sender: its own HTTP/1.1 client, so that it checks each address it connects to.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.embedInCode("Resources/openapi.json")]
                + ["layout.mustache", "sign_in.mustache", "join.mustache", "second_factor.mustache", "home.mustache",
                   "message.mustache", "exposure.mustache", "findings.mustache", "advisories.mustache",
                   "advisory.mustache", "transparency.mustache", "cases.mustache", "case.mustache",
                   "validation.mustache", "organizations.mustache", "organization.mustache", "audit.mustache",
                   "imports.mustache", "import.mustache", "scans.mustache", "scan_coverage.mustache",
                   "scan_assets.mustache", "alerts.mustache", "coordination.mustache", "preview.mustache",
                   "style.css"].map { .embedInCode("Resources/Web/" + $0) },
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ClearinghouseServerTests",
            dependencies: [
                "ClearinghouseServer", "ClearinghouseWorkflows", "ClearinghouseClient", "ClearinghouseTestSupport", "OSV",
                "TLP", "JSONSupport", "CSAF", "VEX",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),

        // Client: reads a Clearinghouse server over HTTP: verifies its transparency log from outside, and runs the
        // reference validator.
        .target(
            name: "ClearinghouseClient",
            dependencies: [
                "TransparencyLog", "ClearinghouseCore", "ChildProcesses", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),

        // The `clearinghouse` command: thin glue over the libraries.
        .executableTarget(
            name: "clearinghouse",
            dependencies: [
                "ChildProcesses",
                "Evaluations",
                "ClearinghouseServer",
                "ClearinghouseWorkflows",
                "ClearinghouseClient",
                "ClearinghouseCore",
                "CVSS",
                "JSONSupport",
                "SSVC",
                "TransparencyLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Uses of another module's members need that module imported in the file, so that only `serve` reaches
            // into the server.
            swiftSettings: swiftSettings + [.enableUpcomingFeature("MemberImportVisibility")]),
        .testTarget(
            name: "ClearinghouseCLITests",
            dependencies: [
                "clearinghouse", "ChildProcesses", "ClearinghouseClient", "ClearinghouseTestSupport", "TransparencyLog",
            ],
            swiftSettings: swiftSettings),

        // Benchmarks, run by scripts/bench-log; figures in docs/performance.md.
        .executableTarget(
            name: "clearinghouse-bench",
            dependencies: [
                "ClearinghouseCore", "ClearinghouseStore", "ClearinghouseServer", "ClearinghouseWorkflows",
                "TransparencyLog", "OSV", "SBOM", "CVSS", "ThreatFeeds", "PackageURL", "Versions", "Evaluations",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Benchmarks/LogBenchmarks",
            swiftSettings: swiftSettings),

        // Helpers for tests only: throwaway databases on both engines, a fixed clock, seeded randomness.
        .target(
            name: "ClearinghouseTestSupport",
            dependencies: [
                "ClearinghouseCore", "ClearinghouseStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
    ]
)
