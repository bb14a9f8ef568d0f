import ClearinghouseTestSupport
import Foundation
import SBOM
import Testing

/// Mutated SBOMs are read or refused with a message; nothing crashes.
@Suite struct SoftwareBillFuzzTests {
    @Test func mutatedDocumentsNeverCrash() throws {
        let samples = try [
            "spdx/software/example11-sbom.spdx.json", "cyclonedx/CBOM/Example-With-Dependencies/bom.json",
        ]
        .map { try Data(contentsOf: SoftwareBillTests.resources.appendingPathComponent($0)) }
        var mutator = InputMutator(seed: 51)
        var read = 0
        for index in 0..<4_000 {
            let data = Data(mutator.mutate(Array(samples[index % samples.count])))
            do {
                let bill = try SoftwareBill.read(data)
                read += 1
                #expect(Set(bill.components.map(\.reference)).count <= bill.components.count)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(read > 0)
    }
}
