import CVSS
import FuzzSupport

/// CVSS 2.0, 3.0, 3.1 and 4.0 vectors: a vector that parses scores between 0 and 10, and the metrics it reports
/// are the ones it was given.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(start, count).text
    guard let vector = try? CVSSVector(text) else { return 0 }
    let scores = vector.scores
    for score in [scores.base, scores.temporalOrThreat, scores.environmental] {
        require((0...10).contains(score), "`\(text)` scores \(score)")
    }
    for (metric, value) in vector.metrics {
        require(vector[metric] == value, "`\(text)`: metric \(metric) reads back as \(vector[metric]), not \(value)")
    }
    return 0
}

@_cdecl("fuzz_cvss_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
