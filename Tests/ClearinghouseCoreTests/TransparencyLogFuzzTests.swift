import ClearinghouseTestSupport
import Foundation
import Testing
import TransparencyLog

/// The transparency log's parsers of untrusted text never crash, and what they accept is what they would write.
@Suite struct TransparencyLogFuzzTests {
    static let iterations = 20_000
    static let signer = try! NoteSigner(name: "clearinghouse.test/log", seed: [UInt8](repeating: 4, count: 32))

    @Test func mutatedCheckpointsNeverVerifyUnlessUnchanged() throws {
        let checkpoint = try Checkpoint(origin: Self.signer.name, size: 1234, root: .leaf([1, 2, 3]))
        let note = try SignedNote(text: checkpoint.text, signers: [Self.signer]).serialized
        var mutator = InputMutator(seed: 11)
        var parsed = 0
        for _ in 0..<Self.iterations {
            let text = String(decoding: mutator.mutate(Array(note.utf8)), as: UTF8.self)
            guard let signed = try? SignedNote(parsing: text) else { continue }
            parsed += 1
            if (try? signed.verify(with: [Self.signer.verifier])) != nil {
                // A note that still verifies carries the signed text unchanged.
                #expect(signed.text == checkpoint.text, "\(text.debugDescription)")
                #expect(try Checkpoint(text: signed.text) == checkpoint)
            }
            if let body = try? Checkpoint(text: signed.text) {
                #expect(body.text == signed.text)
            }
        }
        #expect(parsed > 0)
    }

    @Test func mutatedKeysAreRefusedOrRoundTrip() {
        var mutator = InputMutator(seed: 12)
        for _ in 0..<Self.iterations {
            let verifierText = String(
                decoding: mutator.mutate(Array(Self.signer.verifier.verifierKey.utf8)), as: UTF8.self)
            if let verifier = try? NoteVerifier(verifierKey: verifierText) {
                #expect(verifier.verifierKey == verifierText.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let signerText = String(decoding: mutator.mutate(Array(Self.signer.signerKey.utf8)), as: UTF8.self)
            if let signer = try? NoteSigner(signerKey: signerText) {
                #expect(signer.signerKey == signerText.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
    }

    @Test func mutatedTilePathsAreRefusedOrCanonical() {
        var mutator = InputMutator(seed: 13)
        let samples = ["tile/0/x001/234", "tile/entries/000.p/7", "tile/3/x123/x456/789.p/255"]
        var accepted = 0
        for index in 0..<Self.iterations {
            let text = String(decoding: mutator.mutate(Array(samples[index % samples.count].utf8)), as: UTF8.self)
            if let resource = TileResource(path: text) {
                accepted += 1
                #expect(resource.path == text)
            }
        }
        #expect(accepted < Self.iterations / 2)
    }

    @Test func mutatedEntryBundlesDecodeOrAreRefused() {
        var mutator = InputMutator(seed: 14)
        let bundle = EntryBundle.encode([Array("first".utf8), [], Array(repeating: 7, count: 300)])
        for _ in 0..<Self.iterations {
            let bytes = mutator.mutate(bundle)
            if let entries = EntryBundle.decode(bytes) {
                #expect(EntryBundle.encode(entries) == bytes)
            }
        }
    }
}
