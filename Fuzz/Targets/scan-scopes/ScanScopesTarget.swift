import ClearinghouseCore
import ClearinghouseStore
import Foundation
import FuzzSupport

/// Scan scopes, two per input (a JSON scope on each line): a scope that reads has a canonical request and a
/// one-line form that read back to the same scope, and every scope containing it holds it; a line read as a
/// one-line scope reads back from its canonical form; overlap is symmetric; and of two overlapping scopes, a claim on either reads the bucket
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
        // The one-line form (a query parameter, a page's field) reads back to the same scope.
        let line = try? ScanScope(line: scope.description, field: "scope")
        require(line == scope, "`\(scope)` does not round-trip through its one-line form")
        // Every scope that contains a `net` scope does (the owner of a place is found among them).
        require(scope.containers.allSatisfy { $0.contains(scope) }, "a container of `\(scope)` does not hold it")
    }
    // Any line read as a one-line scope reads back from its canonical form.
    for line in lines {
        if let scope = try? ScanScope(line: String(line), field: "scope") {
            require(
                (try? ScanScope(line: scope.description, field: "scope")) == scope,
                "the one-line scope `\(scope)` does not read back")
        }
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
