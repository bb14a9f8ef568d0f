import ClearinghouseCore
import FuzzSupport

/// Finding submissions as the intake reads them: the format found from the document, then each format forced on
/// it (SARIF, OSV, CSAF, the native format), never trapping and never over the per-submission limit.
let reader = FindingReader()

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = FuzzInput(start, count).data
    _ = try? reader.read(data, named: nil, mediaType: "application/json")
    for format in FindingFormat.allCases {
        if let drafts = try? reader.drafts(from: data, format: format) {
            require(drafts.count <= FindingReader.maximumFindings, "\(drafts.count) findings in one submission")
        }
    }
    return 0
}

@_cdecl("fuzz_findings_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
