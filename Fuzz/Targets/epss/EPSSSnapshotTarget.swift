import FuzzSupport
import ThreatFeeds

/// FIRST's EPSS score files: reading never traps, whatever the bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    _ = try? EPSSSnapshot.read(FuzzInput(start, count).data)
    return 0
}

@_cdecl("fuzz_epss_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
