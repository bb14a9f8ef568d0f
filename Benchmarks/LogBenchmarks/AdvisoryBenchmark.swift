import ArgumentParser
import ClearinghouseCore
import Foundation
import OSV
import SBOM
import ZIPFoundation

/// `advisories`: loading a large OSV corpus into the advisory index, matching (ecosystem, name, version) queries
/// against it beside decoding the same queries' JSON, and matching a large SBOM beside decoding it.
struct AdvisoryBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advisories",
        abstract: "Load an OSV corpus into the index; match queries and an SBOM (see scripts/make-osv-corpus).")

    @Option(help: "The directory scripts/make-osv-corpus wrote.") var corpus: String
    @Option(help: "Rounds of each timed phase: query ratios are the rounds' medians, SBOM times the fastest.")
    var rounds: Int = 5

    struct Query: Decodable {
        struct Package: Decodable {
            let ecosystem: String
            let name: String
        }

        let package: Package
        let version: String
    }

    func run() async throws {
        let clock = ContinuousClock()
        let baseline = residentMemory()
        var index = AdvisoryIndex()
        var loaded = 0
        var invalid = 0
        var memory: [[String: Int]] = []
        let archive = try Archive(url: URL(fileURLWithPath: "\(corpus)/corpus.zip"), accessMode: .read)
        let loading = try clock.measure {
            for entry in archive where entry.type == .file {
                guard let format = OSVRecord.Format(fileName: entry.path) else { continue }
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                guard let record = try OSVRecord.read(data, format: format).record else {
                    invalid += 1
                    continue
                }
                index.upsert(try Advisory.published(record))
                loaded += 1
                if loaded % 50_000 == 0 {
                    memory.append(["advisories": loaded, "rss_bytes": residentMemory() - baseline])
                    FileHandle.standardError.write(Data("loaded \(loaded)\n".utf8))
                }
            }
        }
        let indexMemory = residentMemory() - baseline
        // The timed passes read a constant snapshot, as the server's routes do; a `var` captured by the passes'
        // closures would be copied out of its box, every table retained and released, on each query.
        let snapshot = index

        let lines = try String(contentsOfFile: "\(corpus)/queries.jsonl", encoding: .utf8)
            .split(separator: "\n").map { Data($0.utf8) }
        let decoder = JSONDecoder()
        let queries = try lines.map { try decoder.decode(Query.self, from: $0) }
        // The machine's speed drifts between runs, so each round times all three passes one after the other and
        // the ratios are each round's, reported as medians.
        var decodeOnly: [Double] = []
        var matchOnly: [Double] = []
        var decodeAndMatch: [Double] = []
        var affected = 0
        for _ in 0..<rounds {
            decodeOnly.append(
                seconds(
                    try clock.measure {
                        for line in lines { _ = try decoder.decode(Query.self, from: line) }
                    }))
            var found = 0
            matchOnly.append(
                seconds(
                    clock.measure {
                        for query in queries {
                            found +=
                                snapshot.matches(
                                    ecosystem: query.package.ecosystem, name: query.package.name, version: query.version
                                ).isEmpty ? 0 : 1
                        }
                    }))
            affected = found
            decodeAndMatch.append(
                seconds(
                    try clock.measure {
                        for line in lines {
                            let query = try decoder.decode(Query.self, from: line)
                            _ = snapshot.matches(
                                ecosystem: query.package.ecosystem, name: query.package.name, version: query.version)
                        }
                    }))
        }
        let matchRatios = zip(matchOnly, decodeOnly).map { $0 / $1 }
        let addedRatios = zip(decodeAndMatch, decodeOnly).map { ($0 - $1) / $1 }

        let sbomData = try Data(contentsOf: URL(fileURLWithPath: "\(corpus)/sbom.cdx.json"))
        var sbomDecode = Duration.seconds(1_000_000)
        var sbomMatch = Duration.seconds(1_000_000)
        var bill = try SoftwareBill.read(sbomData)
        var affectedComponents = 0
        for _ in 0..<rounds {
            sbomDecode = min(sbomDecode, try clock.measure { bill = try SoftwareBill.read(sbomData) })
            var found = 0
            sbomMatch = min(
                sbomMatch,
                clock.measure {
                    for component in bill.components {
                        guard case .package(let ecosystem, let name, let version, _) = ComponentIdentity(component)
                        else { continue }
                        found += snapshot.matches(ecosystem: ecosystem, name: name, version: version).isEmpty ? 0 : 1
                    }
                })
            affectedComponents = found
        }

        try printJSON([
            "advisories": loaded, "invalid": invalid, "load_seconds": seconds(loading),
            "index_rss_bytes": indexMemory,
            "rss_per_100k_advisories": Double(indexMemory) * 100_000 / Double(max(loaded, 1)),
            "rss_while_loading": memory,
            "queries": lines.count, "queries_affected": affected,
            "decode_seconds": decodeOnly, "match_seconds": matchOnly, "decode_and_match_seconds": decodeAndMatch,
            "queries_per_second": Double(lines.count) / decodeAndMatch.min()!,
            "match_to_decode_ratio": median(matchRatios), "match_to_decode_ratios": matchRatios,
            "decode_and_match_minus_decode_ratio": median(addedRatios),
            "decode_and_match_minus_decode_ratios": addedRatios,
            "sbom_components": bill.components.count, "sbom_components_affected": affectedComponents,
            "sbom_decode_seconds": seconds(sbomDecode), "sbom_match_seconds": seconds(sbomMatch),
            "sbom_match_to_decode_ratio": seconds(sbomMatch) / seconds(sbomDecode),
        ])
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
