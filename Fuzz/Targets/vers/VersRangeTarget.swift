import FuzzSupport
import Versions

/// `vers` ranges, strict and loose: a range read either way has a canonical form that strict parsing accepts and
/// leaves as it is, and asking whether a version is inside it never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(start, count).text
    // A line after the range is a version to look up in it.
    let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let rangeText = String(lines[0])
    let version = lines.count > 1 ? String(lines[1]) : "1.0.0"
    for range in [try? VersionRange(parsing: rangeText), try? VersionRange(normalizing: rangeText)] {
        guard let range else { continue }
        let canonical = range.description
        guard let again = try? VersionRange(parsing: canonical) else {
            fatalError("`\(rangeText)` reads, but its canonical form `\(canonical)` does not parse")
        }
        require(again.description == canonical, "the canonical form `\(canonical)` is not stable")
        _ = try? range.contains(version)
    }
    return 0
}

@_cdecl("fuzz_vers_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
