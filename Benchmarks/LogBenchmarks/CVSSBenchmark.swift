import ArgumentParser
import CVSS
import Foundation

/// `cvss`: parsing and scoring CVSS vectors from a file, one per line, as `clearinghouse cvss` does.
struct CVSSBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cvss", abstract: "Score every CVSS vector of a file, one per line (see scripts/bench-cvss).")

    @Option(help: "A file of vectors, one per line.") var vectors: String
    @Option(help: "Rounds; the fastest is reported.") var rounds: Int = 5

    func run() throws {
        let lines = try String(contentsOfFile: vectors, encoding: .utf8).split(separator: "\n").map(String.init)
        let (fastest, checksum) = try fastestRound(rounds) {
            var sum = 0.0
            for line in lines {
                sum += try CVSSVector(line).score
            }
            return sum
        }
        try printJSON([
            "vectors": lines.count, "seconds": seconds(fastest),
            "vectors_per_second": Double(lines.count) / seconds(fastest), "score_sum": checksum,
        ])
    }
}
