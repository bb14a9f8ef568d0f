import ClearinghouseTestSupport
import Foundation
import Testing
import VEX

/// Mutated VEX documents are read or refused with a message; nothing crashes.
@Suite struct VEXFuzzTests {
    @Test func mutatedDocumentsNeverCrash() throws {
        let samples = try [
            "openvex/v0.2.0.json", "csaf/2022-evd-uc-03-ms-001.json", "cyclonedx/CISA-Use-Cases/Case-7/vex.json",
        ]
        .map { try Data(contentsOf: VEXDocumentTests.resources.appendingPathComponent($0)) }
        var mutator = InputMutator(seed: 52)
        var read = 0
        for index in 0..<4_000 {
            let data = Data(mutator.mutate(Array(samples[index % samples.count])))
            do {
                _ = try VEXDocument.read(data)
                read += 1
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(read > 0)
    }
}
