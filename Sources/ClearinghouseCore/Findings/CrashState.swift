/// A crash's state as fuzzing infrastructure groups crashes: the top frames of its stack once the frames of
/// sanitizers, allocators and the C library are dropped and each frame is reduced to its function's name.
public enum CrashState {
    /// How many frames make the state.
    public static let depth = 3

    /// The state of a stack given innermost frame first; empty when no frame names a function of the program.
    public static func frames(_ stack: [String]) -> [String] {
        var state: [String] = []
        for frame in stack {
            let name = normalized(frame)
            guard !name.isEmpty, !isRuntime(name) else { continue }
            state.append(name)
            if state.count == depth { break }
        }
        return state
    }

    /// A frame reduced to its function's name: no address, offset, module, file, argument list or template
    /// arguments. `#3 0x4f2a in png_read_row(png_struct*, unsigned char*) pngread.c:512` becomes `png_read_row`.
    public static func normalized(_ frame: String) -> String {
        var text = Substring(frame.trimmingCharacters(in: .whitespaces))
        // `#3 0x4f2a in name ...` (AddressSanitizer) and `frame #3: 0x4f2a module`name ...` (LLDB).
        if text.hasPrefix("#") || text.hasPrefix("frame #") {
            if let marker = text.range(of: " in ") {
                text = text[marker.upperBound...]
            } else if let tick = text.firstIndex(of: "`") {
                text = text[text.index(after: tick)...]
            } else {
                return ""
            }
        }
        if let tick = text.firstIndex(of: "`"), !text[..<tick].contains(" ") {
            text = text[text.index(after: tick)...]
        }
        text = text.drop(while: \.isWhitespace)
        var name = ""
        var depth = 0
        for character in text {
            switch character {
            case "<", "(", "[":
                depth += 1
            case ">", ")", "]":
                depth = max(0, depth - 1)
            case " ", "\t", "+":
                if depth == 0 { return cleaned(name) }
            default:
                if depth == 0 { name.append(character) }
            }
        }
        return cleaned(name)
    }

    private static func cleaned(_ name: String) -> String {
        if name.hasPrefix("0x") { return "" }
        return name
    }

    /// Frames of the sanitizer runtimes, allocators and the C and C++ runtime, which say where a crash was noticed,
    /// not where the bug is.
    static func isRuntime(_ name: String) -> Bool {
        let prefixes = [
            "__asan", "__msan", "__tsan", "__ubsan", "__lsan", "__hwasan", "__sanitizer", "__interceptor_",
            "__interception", "__libc_", "__GI_", "std::__", "__cxa_", "__gnu_cxx", "__assert", "___interceptor_",
            "_start", "fuzzer::", "LLVMFuzzer", "libfuzzer",
        ]
        let exact: Set<String> = [
            "abort", "raise", "malloc", "calloc", "realloc", "free", "memcpy", "memmove", "memset", "memcmp",
            "strlen", "strcpy", "strncpy", "strcmp", "operator", "operator new", "operator delete",
            "gsignal", "__stack_chk_fail",
        ]
        return exact.contains(name) || prefixes.contains { name.hasPrefix($0) }
    }
}
