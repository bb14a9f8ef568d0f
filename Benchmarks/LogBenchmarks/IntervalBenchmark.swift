import ArgumentParser
import Evaluations
import Foundation

/// `intervals`: Wilson and Clopper–Pearson intervals for many (solved, samples) pairs, as a threshold policy
/// computes them for each model and suite.
struct IntervalBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intervals",
        abstract: "Compute solve-rate intervals for generated counts (see scripts/bench-evaluations).")

    @Option(help: "A file of counts, one `solved samples` pair per line.") var counts: String
    @Option(help: "Rounds; the fastest is reported.") var rounds: Int = 5

    func run() throws {
        let pairs = try String(contentsOfFile: counts, encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").compactMap { Int($0) }
            return fields.count == 2 ? (fields[0], fields[1]) : nil
        }
        var report: [String: Any] = ["pairs": pairs.count]
        for method in ProportionInterval.Method.allCases {
            let (fastest, checksum) = try fastestRound(rounds) {
                var sum = 0.0
                for (solved, samples) in pairs {
                    let interval = try ProportionInterval(solved: solved, samples: samples, method: method)
                    sum += interval.low + interval.high
                }
                return sum
            }
            report["\(method.rawValue)_per_second"] = Double(pairs.count) / seconds(fastest)
            report["\(method.rawValue)_bound_sum"] = checksum
        }
        try printJSON(report)
    }
}
