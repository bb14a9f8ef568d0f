import Evaluations
import FuzzSupport

/// Evaluation logs (Inspect `.json` and zipped `.eval`, deflated or Zstandard, and the native format) and threshold
/// policies: reading never traps, whatever the bytes, and a log that reads is judged by a solve-rate and a pass@k
/// rule without trapping either.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = FuzzInput(start, count).data
    if let log = try? EvaluationLog.read(data) {
        for rule in rules {
            _ = try? ThresholdJudgement(log, rule: rule)
        }
        _ = try? SolveRateSummary.of(log)
    }
    _ = try? ThresholdPolicy.read(data)
    return 0
}

let rules = [
    ThresholdPolicy.SuiteRule(
        suite: "fuzz", metric: .solveRate, k: 1, n: 1, interval: .clopperPearson, level: 0.95, threshold: 0.5,
        scorer: nil),
    ThresholdPolicy.SuiteRule(
        suite: "fuzz", metric: .passAtK, k: 2, n: 2, interval: .normal, level: 0.9, threshold: 0.5, scorer: nil),
]

@_cdecl("fuzz_evaluations_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
