import FuzzSupport
import TransparencyLog

/// C2SP signed notes, checkpoints, verifier keys, tile paths and entry bundles, each read from the same input: what
/// reads writes back to something that reads the same, and verifying against a key never traps.
let verifier = try! NoteSigner(name: "fuzz.example/log", seed: [UInt8](repeating: 7, count: 32)).verifier

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let text = input.text
    if let note = try? SignedNote(parsing: text) {
        let written = note.serialized
        guard let again = try? SignedNote(parsing: written) else { fatalError("a note's serialization does not parse") }
        require(again == note, "a note reads back differently from its serialization")
        _ = try? note.verify(with: [verifier])
        _ = try? Checkpoint(text: note.text)
    }
    if let checkpoint = try? Checkpoint(text: text) {
        require((try? Checkpoint(text: checkpoint.text)) == checkpoint, "a checkpoint reads back differently")
    }
    if let key = try? NoteVerifier(verifierKey: text) {
        require((try? NoteVerifier(verifierKey: key.verifierKey)) == key, "a verifier key reads back differently")
    }
    if let tile = TileResource(path: text) {
        require(TileResource(path: tile.path) == tile, "the tile path `\(text)` reads back differently")
    }
    let bytes = Array(input.bytes)
    if let entries = EntryBundle.decode(bytes) {
        require(EntryBundle.encode(entries) == bytes, "an entry bundle writes back differently")
    }
    return 0
}

@_cdecl("fuzz_notes_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}
