import FuzzSupport
import VEX

/// VEX documents: OpenVEX, CycloneDX VEX and CSAF VEX (the reader tells them apart): reading never traps, whatever the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? VEXDocument.read(FuzzInput(start, count).data)
    return 0
}

@_cdecl("fuzz_vex_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
