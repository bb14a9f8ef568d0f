import ClearinghouseCore
import ClearinghouseStore
import Foundation
import FuzzSupport

/// Scan scopes, two per input (a JSON scope on each line): a scope that reads has a canonical request that reads
/// back to the same scope; overlap is symmetric; and of two overlapping scopes, a claim on either reads the bucket
/// the other's lease is filed in, so that a claim always sees the leases it could conflict with.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let lines = FuzzInput(start, count).text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let scopes = lines.compactMap { line -> ScanScope? in
        guard let request = try? JSONDecoder().decode(ScanScope.Request.self, from: Data(line.utf8)) else { return nil }
        return try? ScanScope(request)
    }
    for scope in scopes {
        guard let again = try? ScanScope(scope.request) else {
            fatalError("`\(scope)` reads, but its canonical request does not")
        }
        require(again == scope && again.description == scope.description, "`\(scope)` does not round-trip")
    }
    guard scopes.count == 2 else { return 0 }
    let (first, second) = (scopes[0], scopes[1])
    let overlaps = first.overlaps(second)
    require(overlaps == second.overlaps(first), "overlap of `\(first)` and `\(second)` is not symmetric")
    if overlaps {
        require(reads(first, second) && reads(second, first), "`\(first)` and `\(second)` overlap in unread buckets")
    }
    return 0
}

/// Whether a claim on `claim` reads the bucket a lease on `lease` is filed in.
private func reads(_ claim: ScanScope, _ lease: ScanScope) -> Bool {
    let (mine, theirs) = (ScanBuckets(claim), ScanBuckets(lease))
    return theirs.home == mine.home || theirs.home == mine.wide || mine.family.map { theirs.home.hasPrefix($0) } == true
}

@_cdecl("fuzz_scan_scopes_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
