import Evaluations
import Testing

/// Benchmark suites: tasks known by their metadata and content hash, checked on registration; freshness against a
/// model's training cutoff; saturation when a result's lower bound reaches the ceiling.
@Suite struct BenchmarkSuiteTests {
    static let hash = String(repeating: "ab", count: 32)

    static func task(
        _ id: String, released: String = "2026-06-01", minutes: Double? = 45, hash: String = hash,
        category: String = "web"
    ) -> BenchmarkSuite.Task {
        BenchmarkSuite.Task(
            id: id, category: category, firstSolveMinutes: minutes, releasedOn: released, contentSHA256: hash,
            version: 1)
    }

    @Test func freshnessCountsTasksPublishedAfterTheCutoff() throws {
        let suite = try BenchmarkSuite(
            name: "ctf_probe", version: 2,
            tasks: [
                Self.task("old", released: "2025-01-10"), Self.task("cutoff-day", released: "2026-03-01"),
                Self.task("new", released: "2026-03-02"),
            ])
        #expect(suite.freshTasks(after: "2026-03-01").map(\.id) == ["new"])
        #expect(suite.freshness(after: "2026-03-01") == 1.0 / 3.0)
        #expect(suite.freshness(after: "2024-12-31") == 1)
        #expect(suite.freshness(after: "2027-01-01") == 0)
    }

    @Test func aSuiteIsSaturatedWhenTheLowerBoundReachesTheCeiling() throws {
        // 95 of 100: Wilson's 95% interval starts near 0.879, below 0.9; all 100 start near 0.954.
        #expect(try !BenchmarkSuite.isSaturated(solved: 95, samples: 100))
        #expect(try BenchmarkSuite.isSaturated(solved: 100, samples: 100))
        #expect(try BenchmarkSuite.isSaturated(solved: 95, samples: 100, ceiling: 0.85))
        // Few samples cannot show saturation, however many are solved.
        #expect(try !BenchmarkSuite.isSaturated(solved: 10, samples: 10))
        #expect(throws: EvaluationError.self) { try BenchmarkSuite.isSaturated(solved: 11, samples: 10) }
    }

    @Test func badSuitesAreRefusedSayingWhy() {
        let cases: [(String, Int, [BenchmarkSuite.Task], String)] = [
            ("bad name", 1, [Self.task("a")], "name"),
            ("s", 0, [Self.task("a")], "version"),
            ("s", 1, [], "1 to 10000 tasks"),
            ("s", 1, [Self.task("a"), Self.task("a")], "each used once"),
            ("s", 1, [Self.task("a", category: "")], "category"),
            ("s", 1, [Self.task("a", minutes: 0)], "first-solve"),
            ("s", 1, [Self.task("a", released: "2026-13-01")], "release day"),
            ("s", 1, [Self.task("a", hash: String(repeating: "AB", count: 32))], "content hash"),
            ("s", 1, [Self.task("a", hash: "abc")], "content hash"),
        ]
        for (name, version, tasks, words) in cases {
            #expect {
                try BenchmarkSuite(name: name, version: version, tasks: tasks)
            } throws: { error in
                "\(error)".contains(words)
            }
        }
    }
}
