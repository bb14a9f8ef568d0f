import CLibFuzzer

/// Runs libFuzzer with a target's one-input function.
///
/// SwiftPM links an executable's `main` to `<module>_main`, which `-parse-as-library` leaves undefined; each
/// target defines it with `@_cdecl` and calls this.
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
}

/// Stops the run as a crash when a property that must hold does not: libFuzzer keeps the input that did it.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
