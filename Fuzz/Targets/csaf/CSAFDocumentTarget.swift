import FuzzSupport
import CSAF

/// CSAF 2.0 documents: reading never traps, whatever the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? CSAFDocument.read(FuzzInput(start, count).data)
    return 0
}

@_cdecl("fuzz_csaf_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
