import CSAF
import Foundation
import FuzzSupport
import JSONSupport

/// CSAF 2.0 documents: reading never traps, whatever the bytes; nor do the mandatory tests, on any JSON within the
/// nesting limit.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = FuzzInput(start, count).data
    _ = try? CSAFDocument.read(data)
    if JSONNesting.problem(in: data) == nil, let tree = try? JSONDecoder().decode(JSONTree.self, from: data) {
        _ = CSAFMandatoryTest.run(tree)
    }
    return 0
}

@_cdecl("fuzz_csaf_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
