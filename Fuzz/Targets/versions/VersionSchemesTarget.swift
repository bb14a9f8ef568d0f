import FuzzSupport
import Versions

/// Every version scheme. The input's first line names the scheme (`pypi`, `deb` ...), the next two are versions:
/// comparison is an order (reflexive, antisymmetric), and each line read as the scheme's native range syntax
/// reads without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let lines = FuzzInput(start, count).text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    guard lines.count >= 2, let scheme = VersionSchemes.named(String(lines[0])) else { return 0 }
    let left = String(lines[1])
    let right = lines.count > 2 ? String(lines[2]) : left
    if let same = try? scheme.compare(left, left) {
        require(same == 0, "\(scheme.name): `\(left)` is not equal to itself")
    }
    if let forward = try? scheme.compare(left, right), let backward = try? scheme.compare(right, left) {
        require(forward == -backward, "\(scheme.name): `\(left)` against `\(right)` gives \(forward), reversed \(backward)")
    }
    for line in [left, right] {
        if let range = try? NativeRange.parse(line, scheme: scheme.name) {
            _ = try? range.contains(left == line ? right : left)
        }
    }
    return 0
}

@_cdecl("fuzz_versions_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
