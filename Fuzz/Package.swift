// swift-tools-version:6.0
import PackageDescription

/// The fuzz targets: one per parser written here, each named by its folder under Targets/ and the libraries it
/// reads with. scripts/fuzz builds them with `-sanitize=fuzzer,address` in this folder's own `.build`, apart from
/// the project's build, and runs them on the seed corpora under Corpus/.
let fuzzTargets: [(name: String, libraries: [String])] = [
    ("purl", ["PackageURL"]),
    ("vers", ["Versions"]),
    ("versions", ["Versions"]),
    ("osv", ["OSV"]),
    ("sarif", ["SARIF"]),
    ("csaf", ["CSAF"]),
    ("sbom", ["SBOM"]),
    ("vex", ["VEX"]),
    ("cvss", ["CVSS"]),
    ("kev", ["ThreatFeeds"]),
    ("epss", ["ThreatFeeds"]),
    ("notes", ["TransparencyLog"]),
    ("findings", ["ClearinghouseCore"]),
    ("scan-scopes", ["ClearinghouseCore", "ClearinghouseStore"]),
    ("request-bodies", ["ClearinghouseCore", "ClearinghouseServer"]),
    ("web-forms", ["ClearinghouseServer"]),
    ("evaluations", ["Evaluations"]),
]

let package = Package(
    name: "clearinghouse-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "clearinghouse", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
    ]
        + fuzzTargets.map { target in
            .executableTarget(
                name: "fuzz-\(target.name)",
                dependencies: ["FuzzSupport"] + target.libraries.map { .product(name: $0, package: "clearinghouse") },
                path: "Targets/\(target.name)")
        }
)
