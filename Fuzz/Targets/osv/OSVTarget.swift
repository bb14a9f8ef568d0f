import FuzzSupport
import OSV

/// OSV records as JSON and as YAML: reading never traps, and a record that reads answers whether it affects a
/// version of each package it names.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = FuzzInput(start, count).data
    for format in [OSVRecord.Format.json, .yaml] {
        guard let record = (try? OSVRecord.read(data, format: format))?.record else { continue }
        for affected in record.affected {
            guard let package = affected.package else { continue }
            for version in affected.versions.prefix(4) + ["0", "1.0.0"] {
                _ = record.affects(ecosystem: package.ecosystem, name: package.name, version: version)
            }
        }
        _ = record.affects(commit: "0123456789abcdef0123456789abcdef01234567")
    }
    return 0
}

@_cdecl("fuzz_osv_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
