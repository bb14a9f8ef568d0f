import ArgumentParser
import ClearinghouseCore
import Foundation
import ThreatFeeds

/// `priorities`: recomputing the priority queue of N subjects (order and due dates) and writing a page's
/// explanations, as `GET /v1/priorities` does; writing every item's explanation; and, in the same run, a bare sort
/// of the same subjects' (level, KEV, EPSS) keys.
struct PriorityBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priorities", abstract: "Rank N subjects with explanations (see scripts/bench-priorities).")

    @Option(help: "Subjects in the queue.") var items: Int = 100_000
    @Option(help: "Rounds; the fastest is reported.") var rounds: Int = 5

    func run() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let candidates = try Self.candidates(items, now: now)
        let clock = ContinuousClock()
        var fastestQueue = Duration.seconds(1_000_000)
        var fastestExplained = Duration.seconds(1_000_000)
        var fastestSort = Duration.seconds(1_000_000)
        var checksum = 0
        for _ in 0..<rounds {
            var ranked: [PriorityItem] = []
            fastestQueue = min(
                fastestQueue,
                clock.measure {
                    ranked = PriorityQueue.order(candidates, policy: .standard, now: now)
                    checksum = ranked.prefix(50).reduce(0) { $0 + $1.explanation.count + ($1.tier?.rawValue ?? 9) }
                })
            fastestExplained = min(
                fastestExplained,
                clock.measure {
                    checksum += ranked.reduce(0) { $0 + $1.explanation.count }
                })
            var keys: [(Int, Bool, Double)] = []
            fastestSort = min(
                fastestSort,
                clock.measure {
                    keys = candidates.map {
                        (
                            $0.decision.flatMap(PriorityTier.init)?.rawValue ?? 4, $0.evidence.knownExploited == nil,
                            -($0.evidence.prediction?.score.probability ?? 0)
                        )
                    }
                    keys.sort { ($0.0, $0.1 ? 1 : 0, $0.2) < ($1.0, $1.1 ? 1 : 0, $1.2) }
                })
            checksum += keys.count
        }
        try printJSON([
            "items": items, "queue_seconds": seconds(fastestQueue),
            "items_per_second": Double(items) / seconds(fastestQueue), "bare_sort_seconds": seconds(fastestSort),
            "every_explanation_seconds": seconds(fastestExplained),
            "queue_to_bare_sort": seconds(fastestQueue) / seconds(fastestSort), "checksum": checksum,
        ])
    }

    /// Subjects shaped like a busy instance's: a third decided (on both trees), a few percent in KEV, most with
    /// EPSS scores, exposure for about half.
    static func candidates(_ count: Int, now: Date) throws -> [PriorityCandidate] {
        var generator = SplitMix(seed: 6)
        let coordinator = AuditActor(organizationID: Organization.ID(UUID()), tokenID: nil, channel: .api)
        let cisaInputs = [["N", "P", "A"], ["N", "Y"], ["P", "T"], ["L", "M", "H"]]
        let points = ["E", "A", "TI", "MWI"]
        var decisions: [SSVCDecision] = []
        for combination in 0..<36 {
            var rest = combination
            let inputs = zip(points, cisaInputs).map { point, values in
                defer { rest /= values.count }
                return (point, values[rest % values.count])
            }
            decisions.append(
                try SSVCDecision.decide(
                    id: .init(UUID()), subject: .advisory(.init(rawValue: "X")), table: "cisa-coordinator",
                    inputs: inputs, rationale: nil, by: coordinator, at: now.addingTimeInterval(-86_400)))
        }
        let entry = KEVCatalog.Entry(
            cveID: "CVE-2024-0001", vendorProject: "v", product: "p", vulnerabilityName: "n",
            dateAdded: CalendarDay("2024-01-02")!, shortDescription: "", requiredAction: "",
            dueDate: CalendarDay("2024-01-23")!, knownRansomwareCampaignUse: "Unknown", notes: "", cwes: [])
        return (0..<count).map { index in
            let roll = generator.next() % 100
            return PriorityCandidate(
                subject: .advisory(.init(rawValue: "GHSA-\(index)")), title: "GHSA-\(index) (CVE-2024-\(index))",
                openedAt: now.addingTimeInterval(-Double(generator.next() % 400) * 86_400),
                aliases: ["CVE-2024-\(index)"],
                decision: roll < 33 ? decisions[Int(generator.next() % 36)] : nil,
                evidence: ExploitationEvidence(
                    knownExploited: roll % 25 == 0 ? entry : nil,
                    prediction: roll < 90
                        ? .init(
                            score: .init(
                                cveID: "CVE-2024-\(index)", probability: Double(generator.next() % 100_000) / 100_000,
                                percentile: 0.5), scoredAt: now) : nil),
                exposure: roll % 2 == 0
                    ? ExposureSummary(
                        organizations: Int(generator.next() % 20), sboms: Int(generator.next() % 40),
                        components: Int(generator.next() % 80), internetFacingAssets: Int(generator.next() % 3),
                        bySector: ["healthcare": 1, "energy": 2]) : ExposureSummary())
        }
    }
}
