import Foundation
import Testing
import TransparencyLog

@Suite struct NoteTests {
    /// The example of the C2SP signed-note specification (c2sp.org/signed-note, "Example"; see
    /// THIRD_PARTY_DATA.md).
    static let specVerifierKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
    static let specNote = """
        This is an example message.

        — example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=

        """

    @Test func verifiesTheSpecificationsExample() throws {
        let verifier = try NoteVerifier(verifierKey: Self.specVerifierKey)
        #expect(verifier.name == "example.com/foo")
        #expect(verifier.keyID == 0x530d903a)
        #expect(verifier.verifierKey == Self.specVerifierKey)
        let note = try SignedNote(parsing: Self.specNote)
        #expect(note.text == "This is an example message.\n")
        #expect(try note.verify(with: [verifier]) == [verifier])
        #expect(note.serialized == Self.specNote)
        let tampered = try SignedNote(
            parsing: Self.specNote.replacingOccurrences(of: "example message", with: "exemplary message"))
        #expect(throws: NoteError.badSignature(keyName: "example.com/foo")) { try tampered.verify(with: [verifier]) }
    }

    @Test func signsAndVerifiesWithItsOwnKeys() throws {
        let signer = try NoteSigner(name: "clearinghouse.test/log", seed: [UInt8](repeating: 7, count: 32))
        let restored = try NoteSigner(signerKey: signer.signerKey)
        #expect(restored.verifier == signer.verifier)
        #expect(signer.signerKey.hasPrefix("PRIVATE+KEY+clearinghouse.test/log+"))
        let verifier = try NoteVerifier(verifierKey: signer.verifier.verifierKey)
        let note = try SignedNote(text: "hello\n", signers: [signer])
        let parsed = try SignedNote(parsing: note.serialized)
        #expect(try parsed.verify(with: [verifier]).count == 1)

        let stranger = try NoteSigner(name: "someone.else/log", seed: [UInt8](repeating: 9, count: 32))
        #expect(throws: NoteError.noVerifiedSignature) { try parsed.verify(with: [stranger.verifier]) }
        // A signature by an unknown key next to a known one is ignored.
        let both = try SignedNote(text: "hello\n", signers: [stranger, signer])
        #expect(try SignedNote(parsing: both.serialized).verify(with: [verifier]) == [verifier])
    }

    /// Base64 keys may contain `+`, the separator of the key texts' other parts.
    @Test func keysWithPlusSignsInTheirBase64RoundTrip() throws {
        var keysWithPlus = 0
        for byte in 0...255 as ClosedRange<UInt8> {
            let signer = try NoteSigner(name: "clearinghouse.test/log", seed: [UInt8](repeating: byte, count: 32))
            let verifierKey = signer.verifier.verifierKey
            if verifierKey.split(separator: "+").count > 3 {
                keysWithPlus += 1
            }
            #expect(try NoteVerifier(verifierKey: verifierKey) == signer.verifier)
            #expect(try NoteSigner(signerKey: signer.signerKey).verifier == signer.verifier)
        }
        #expect(keysWithPlus > 0)
    }

    @Test(arguments: [
        "", "no blank line\n— a AAAAAAAA\n", "text\n\n", "text\n\n— a\n", "text\n\n— a !!!\n", "text\n\nx a AAAAAAAA\n",
        "text\n\n— a AAAAAAAA", "text\twith tab\n\n— a AAAAAAAAAA==\n", "text\n\n— a AAAA\n",
    ])
    func refusesMalformedNotes(text: String) {
        #expect(throws: NoteError.self) { try SignedNote(parsing: text) }
    }

    @Test(arguments: [
        "", "a+b", "name+530d903a", "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "example.com/foo+530d903a+AkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
        "ex ample+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
    ])
    func refusesMalformedVerifierKeys(text: String) {
        #expect(throws: NoteError.self) { try NoteVerifier(verifierKey: text) }
    }

    @Test func checkpointsRoundTrip() throws {
        let root = MerkleHash.leaf([1])
        let checkpoint = try Checkpoint(origin: "example.com/log", size: 20_852_163, root: root)
        #expect(checkpoint.text == "example.com/log\n20852163\n\(root.base64)\n")
        #expect(try Checkpoint(text: checkpoint.text) == checkpoint)
        let withExtension = try Checkpoint(text: "o\n0\n\(MerkleHash.emptyTree.base64)\nextra\n")
        #expect(withExtension.extensions == ["extra"])
        #expect(withExtension.size == 0)
    }

    @Test(arguments: [
        "o\n1\n", "o\n01\nAAAA\n", "o\n-1\n\(MerkleHash.emptyTree.base64)\n", "\n1\n\(MerkleHash.emptyTree.base64)\n",
        "o\n1\nAAAA\n", "o\n1\n\(MerkleHash.emptyTree.base64)", "o\n1\n\(MerkleHash.emptyTree.base64)\n\n",
        "o\n18446744073709551616\n\(MerkleHash.emptyTree.base64)\n", "o\n１\n\(MerkleHash.emptyTree.base64)\n",
    ])
    func refusesMalformedCheckpoints(text: String) {
        #expect(throws: NoteError.self) { try Checkpoint(text: text) }
    }
}

@Suite struct TileTests {
    @Test(arguments: [
        (TileResource.hashes(level: 0, index: 1_234_067, width: nil), "tile/0/x001/x234/067"),
        (TileResource.hashes(level: 2, index: 0, width: 1), "tile/2/000.p/1"),
        (TileResource.entries(index: 5, width: nil), "tile/entries/005"),
        (TileResource.entries(index: 273, width: 112), "tile/entries/273.p/112"),
        (TileResource.hashes(level: 63, index: 1000, width: 255), "tile/63/x001/000.p/255"),
    ])
    func pathsRoundTrip(resource: TileResource, path: String) {
        #expect(resource.path == path)
        #expect(TileResource(path: path) == resource)
    }

    @Test(arguments: [
        "tile/0/1", "tile/0/0001", "tile/0/x001", "tile/0/001/234", "tile/0/x001/x234", "tile/64/000",
        "tile/00/000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/07", "tile/entries/000.p/", "tiles/0/000",
        "tile/0/000/", "tile/-1/000", "tile/0/x1000/000", "tile/0/abc",
    ])
    func refusesNonCanonicalPaths(path: String) {
        #expect(TileResource(path: path) == nil)
    }

    @Test func entryBundlesRoundTrip() {
        let entries: [[UInt8]] = [[], [1], Array(repeating: 7, count: 300), Array("entry".utf8)]
        let bundle = EntryBundle.encode(entries)
        #expect(bundle.count == entries.map { $0.count + 2 }.reduce(0, +))
        #expect(EntryBundle.decode(bundle) == entries)
        #expect(EntryBundle.decode(Array(bundle.dropLast())) == nil)
        #expect(EntryBundle.decode([0]) == nil)
    }
}
