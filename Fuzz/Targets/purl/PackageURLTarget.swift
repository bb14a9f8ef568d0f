import FuzzSupport
import PackageURL

/// Package URLs: whatever parses has a canonical form that parses back to the same purl, in strict mode too.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = FuzzInput(start, count).text
    guard let purl = try? PackageURL(parsing: text) else { return 0 }
    let canonical = purl.description
    guard let again = try? PackageURL(parsing: canonical, strict: true) else {
        fatalError("`\(text)` parses, but its canonical form `\(canonical)` does not")
    }
    require(again == purl, "`\(text)` and its canonical form `\(canonical)` differ")
    require(again.description == canonical, "the canonical form `\(canonical)` is not stable")
    return 0
}

@_cdecl("fuzz_purl_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
