@testable import ClearinghouseServer
import Foundation
import FuzzSupport

/// What the web interface reads from browsers and writes into pages: URL-encoded forms, `multipart/form-data`
/// bodies (the input's first line is the boundary, the rest the body), and the escaping of every value shown. A form
/// reads or is refused, never traps; an escaped text holds no markup character and no bidirectional control.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let text = input.text
    if let form = try? FormBody(encoded: text) {
        _ = form["form_token"]
    }
    let bytes = input.bytes
    if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
        let boundary = String(decoding: bytes[..<newline], as: UTF8.self)
        if (1...70).contains(boundary.utf8.count),
            let form = try? MultipartForm(body: Data(bytes[(newline + 1)...]), boundary: boundary)
        {
            require(form.parts.count <= MultipartForm.maximumParts, "more parts than the bound")
        }
    }
    let escaped = PageEscaping.escape(text)
    require(
        !escaped.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) || (0x202A...0x202E).contains($0.value) },
        "escaping left a markup character or a bidirectional control")
    return 0
}

@_cdecl("fuzz_web_forms_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
