import Foundation
import Testing
import ThreatFeeds

@Suite struct EPSSSnapshotTests {
    static let resources = Bundle.module.bundleURL.appendingPathComponent("Resources")

    @Test func readsASnapshot() throws {
        let data = try Data(contentsOf: Self.resources.appendingPathComponent("epss_scores-sample.csv"))
        let snapshot = try EPSSSnapshot.read(data)
        #expect(snapshot.modelVersion == "v2025.03.14")
        #expect(snapshot.scoreDate == Date(timeIntervalSince1970: 1_756_126_500))
        #expect(snapshot.scores.count == 6)
        #expect(snapshot.scores[1] == .init(cveID: "CVE-2024-3400", probability: 0.94335, percentile: 0.99950))
    }

    @Test func acceptsWindowsLineEndsAndAFinalNewline() throws {
        let text = "#model_version:v1,score_date:2025-08-25\r\ncve,epss,percentile\r\nCVE-2024-0001,0.5,0.5\r\n"
        let snapshot = try EPSSSnapshot.read(Data(text.utf8))
        #expect(snapshot.scores.map(\.cveID) == ["CVE-2024-0001"])
    }

    @Test func reportsEveryBadLine() throws {
        let text = """
            #model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z
            cve,epss,percentile
            CVE-2024-0001,0.1,0.2
            CVE-2024-0002,1.5,0.2
            CVE-2024-0003,0.1
            cve-2024-0004,0.1,0.2
            CVE-2024-0001,0.1,abc
            """
        let error = try #require(throws: FeedError.self) { try EPSSSnapshot.read(Data(text.utf8)) }
        #expect(error.problems.map(\.line) == [4, 5, 6, 7, 7])
        #expect(error.problems[0].message == "The EPSS score `1.5` is not a number from 0 to 1.")
        #expect(error.problems[1].message == "Expected `cve,epss,percentile`, found 2 fields.")
        #expect(error.problems[2].message.contains("`cve-2024-0004` is not a CVE id"))
        #expect(error.problems[3].message == "CVE-2024-0001 is scored twice (first on line 3).")
        #expect(error.problems[4].message == "The percentile `abc` is not a number from 0 to 1.")
    }

    @Test(arguments: [
        ("cve,epss,percentile\nCVE-2024-0001,0.1,0.2", 1, "must begin with `#model_version"),
        ("#model_version:v1\ncve,epss,percentile", 1, "lacks one of them"),
        ("#model_version:v1,score_date:yesterday\ncve,epss,percentile", 1, "is not an ISO 8601"),
        ("#model_version:v1,score_date:2025-01-01\ncve,score", 2, "The header must be"),
    ])
    func refusesABadBeginning(text: String, line: Int, message: String) throws {
        let error = try #require(throws: FeedError.self) { try EPSSSnapshot.read(Data(text.utf8)) }
        #expect(error.problems.first?.line == line)
        #expect(error.description.contains(message))
    }

    @Test func refusesAnEmptyFile() throws {
        let error = try #require(throws: FeedError.self) { try EPSSSnapshot.read(Data()) }
        #expect(error.description.contains("empty"))
    }

    @Test func listsAtMostFiftyProblems() throws {
        let lines = (1...80).map { "CVE-2024-\(String(format: "%04d", $0)),2,0" }
        let text = "#model_version:v1,score_date:2025-01-01\ncve,epss,percentile\n" + lines.joined(separator: "\n")
        let error = try #require(throws: FeedError.self) { try EPSSSnapshot.read(Data(text.utf8)) }
        #expect(error.problems.count == FeedError.limit + 1)
        #expect(error.problems.last?.message == "… and 30 more.")
        #expect(error.total == 80)
    }

    /// Random bytes and mutated snapshots are refused with problems or read; never a crash.
    @Test func survivesFuzzedInput() throws {
        let base = Array(try Data(contentsOf: Self.resources.appendingPathComponent("epss_scores-sample.csv")))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if let snapshot = try? EPSSSnapshot.read(Data(bytes)) {
                #expect(
                    snapshot.scores.allSatisfy { (0...1).contains($0.probability) && (0...1).contains($0.percentile) })
            }
        }
    }
}
