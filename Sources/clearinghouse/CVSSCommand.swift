import ArgumentParser
import CVSS
import Foundation

/// `clearinghouse cvss`: scores CVSS vectors.
struct CVSSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cvss",
        abstract: "Score CVSS 2, 3.0, 3.1 and 4.0 vectors.",
        discussion: """
            Prints one JSON object per vector, in order: {"vector", "version", "base_score", "temporal_score" \
            (2.0 and 3.x) or "threat_score" (4.0), "environmental_score", "severity"}, or {"vector", "error"} naming the \
            metric at fault. With no VECTOR, reads vectors one per line from standard input (blank lines are \
            skipped). Exits 1 when any vector is invalid.

            Example: clearinghouse cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
            """)

    @Argument(help: "Vectors to score; none reads them from standard input.") var vectors: [String] = []

    func run() throws {
        var lines = vectors
        if lines.isEmpty {
            while let line = readLine() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { lines.append(trimmed) }
            }
        }
        var invalid = 0
        for text in lines {
            var object: [String: Any] = ["vector": text]
            do {
                let vector = try CVSSVector(text)
                let scores = vector.scores
                object["version"] = vector.version.rawValue
                object["base_score"] = scores.base
                object[vector.version == .v4_0 ? "threat_score" : "temporal_score"] = scores.temporalOrThreat
                object["environmental_score"] = scores.environmental
                object["severity"] = scores.severity.rawValue
            } catch {
                object["error"] = error.message
                invalid += 1
            }
            let data = try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}
