import ArgumentParser
import CVSS
import Foundation
import JSONSupport

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

    /// Output is written in blocks of this many bytes.
    static let block = 1 << 16

    func run() throws {
        var json = JSONWriter()
        var invalid = 0
        func score(_ text: String) {
            if !Self.write(text, to: &json) { invalid += 1 }
            json.raw("\n")
            if json.bytes.count >= Self.block { Self.flush(&json) }
        }
        if vectors.isEmpty {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            input.withUnsafeBytes { buffer in
                for line in buffer.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
                    guard let first = line.firstIndex(where: { !Self.isSpace($0) }),
                        let last = line.lastIndex(where: { !Self.isSpace($0) })
                    else { continue }
                    score(String(decoding: line[first...last], as: UTF8.self))
                }
            }
        } else {
            vectors.forEach(score)
        }
        Self.flush(&json)
        if invalid > 0 { throw ExitCode(1) }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// Writes one vector's answer, its keys in sorted order.
    ///
    /// - Returns: whether the vector is valid.
    static func write(_ text: String, to json: inout JSONWriter) -> Bool {
        do {
            let vector = try CVSSVector(text)
            let scores = vector.scores
            json.object { json in
                json.field("base_score", scores.base)
                json.field("environmental_score", scores.environmental)
                json.field("severity", scores.severity.rawValue)
                if vector.version == .v4_0 {
                    json.field("threat_score", scores.temporalOrThreat)
                } else {
                    json.field("temporal_score", scores.temporalOrThreat)
                }
                json.field("vector", text)
                json.field("version", vector.version.rawValue)
            }
            return true
        } catch {
            json.object { json in
                json.field("error", error.message)
                json.field("vector", text)
            }
            return false
        }
    }

    static func flush(_ json: inout JSONWriter) {
        FileHandle.standardOutput.write(Data(json.bytes))
        json.removeAll()
    }
}
