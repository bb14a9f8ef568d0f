import Testing

@testable import Evaluations

/// Solve-rate intervals, pass@k and clustered errors, against values computed independently: SciPy 1.17.1's
/// `scipy.stats.beta.ppf` for Clopper–Pearson, and Wilson's formula with `scipy.stats.norm.ppf` (see
/// THIRD_PARTY_DATA.md).
@Suite struct IntervalTests {
    /// (solved, samples, level, Clopper–Pearson, Wilson).
    static let expected: [(Int, Int, Double, (Double, Double), (Double, Double))] = [
        (0, 10, 0.95, (0.0, 0.3084971078187607), (0.0, 0.2775327998628892)),
        (5, 10, 0.95, (0.18708602844739855, 0.8129139715526015), (0.236593090512564, 0.7634069094874361)),
        (10, 10, 0.95, (0.6915028921812392, 1.0), (0.7224672001371107, 0.9999999999999999)),
        (37, 120, 0.95, (0.2272551196338318, 0.3991367645319521), (0.23272736988916298, 0.39582997723800684)),
        (
            1, 1000, 0.95, (2.5317487491294065e-05, 0.005558924279826672),
            (0.00017654637062607809, 0.0056425585979579355)
        ),
        (9990, 10000, 0.95, (0.9981617358657894, 0.9995203602762289), (0.9981600556125619, 0.9994567140135028)),
        (3, 7, 0.90, (0.12875639280424267, 0.7746784159675522), (0.18644319036395607, 0.7105229089864071)),
        (50, 50, 0.99, (0.8994549166252374, 1.0), (0.8828479082823721, 1.0)),
    ]

    @Test func intervalsMatchSciPy() throws {
        for (solved, samples, level, exact, wilson) in Self.expected {
            let cp = try ProportionInterval(solved: solved, samples: samples, level: level, method: .clopperPearson)
            #expect(abs(cp.low - exact.0) < 1e-9 && abs(cp.high - exact.1) < 1e-9, "\(solved)/\(samples): \(cp)")
            let score = try ProportionInterval(solved: solved, samples: samples, level: level, method: .wilson)
            #expect(
                abs(score.low - wilson.0) < 1e-9 && abs(score.high - wilson.1) < 1e-9, "\(solved)/\(samples): \(score)")
        }
        #expect(abs(Distributions.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
    }

    @Test func impossibleCountsAreRefused() {
        for (solved, samples, level) in [(1, 0, 0.95), (-1, 10, 0.95), (11, 10, 0.95), (5, 10, 1.0), (5, 10, 0)] {
            #expect(throws: EvaluationError.self, "\(solved)/\(samples) at \(level)") {
                try ProportionInterval(solved: solved, samples: samples, level: level, method: .wilson)
            }
        }
    }

    @Test func passAtKIsUnbiased() throws {
        #expect(abs(try PassAtK.estimate(samples: 10, correct: 3, k: 1) - 0.3) < 1e-12)
        // 1 − C(7, 5) / C(10, 5) = 1 − 21 / 252.
        #expect(abs(try PassAtK.estimate(samples: 10, correct: 3, k: 5) - (1 - 21.0 / 252)) < 1e-12)
        #expect(try PassAtK.estimate(samples: 10, correct: 0, k: 5) == 0)
        #expect(try PassAtK.estimate(samples: 5, correct: 4, k: 2) == 1)
        #expect(throws: EvaluationError.self) { try PassAtK.estimate(samples: 3, correct: 1, k: 4) }
        #expect(throws: EvaluationError.self) { try PassAtK.estimate(samples: 3, correct: 4, k: 1) }
    }

    @Test func clusteredErrorsCountEachTaskOnce() throws {
        // Three tasks of two epochs: deviations summed per task are 1, −1 and 0 around the mean 0.5.
        let scores: [(cluster: String, score: Double)] = [
            ("a", 1), ("a", 1), ("b", 0), ("b", 0), ("c", 1), ("c", 0),
        ]
        let clustered = try ClusteredMean(scores)
        #expect(clustered.mean == 0.5 && clustered.clusters == 3 && clustered.count == 6)
        #expect(abs(try #require(clustered.standardError) - 3.0.squareRoot() / 6) < 1e-12)
        // One score per task: the usual standard error of the mean, √(Σ(s − mean)² / (N (N − 1))).
        let single = try ClusteredMean(scores.enumerated().map { ("\($0.offset)", $0.element.score) })
        #expect(abs(try #require(single.standardError) - (1.5 / 30).squareRoot()) < 1e-12)
        #expect(try ClusteredMean([("a", 1), ("a", 0)]).standardError == nil)
        #expect(throws: EvaluationError.self) { try ClusteredMean([]) }
        #expect(throws: EvaluationError.self) { try ClusteredMean([("a", .nan)]) }
    }
}
