import Foundation
import Testing

/// The fuzz targets of Fuzz/ keep up with the code: every JSON request body the server decodes is fed by the
/// `request-bodies` target, and every target has a committed seed corpus.
@Suite struct FuzzCoverageTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The types that conform to `JSONRequestBody` in the server's sources.
    static func requestBodyTypes() throws -> Set<String> {
        let sources = repository.appending(path: "Sources/ClearinghouseServer")
        var names: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /struct (\w+): JSONRequestBody/) {
                names.insert(String(match.1))
            }
        }
        return names
    }

    @Test func everyRequestBodyIsFuzzed() throws {
        let bodies = try Self.requestBodyTypes()
        #expect(bodies.count >= 16, "the scan found only \(bodies.sorted())")
        let target = try String(
            contentsOf: Self.repository.appending(path: "Fuzz/Targets/request-bodies/RequestBodiesTarget.swift"),
            encoding: .utf8)
        let fuzzed = Set(target.matches(of: /"(\w+Body)": \{/).map { String($0.1) })
        #expect(bodies.subtracting(fuzzed).isEmpty, "bodies no fuzz target decodes: \(bodies.subtracting(fuzzed).sorted())")
        #expect(fuzzed.subtracting(bodies).isEmpty, "fuzzed bodies the server no longer has: \(fuzzed.subtracting(bodies).sorted())")
    }

    @Test func everyTargetHasSeeds() throws {
        let targets = try FileManager.default.contentsOfDirectory(
            atPath: Self.repository.appending(path: "Fuzz/Targets").path)
        #expect(targets.count >= 14)
        for target in targets {
            let seeds = try? FileManager.default.contentsOfDirectory(
                atPath: Self.repository.appending(path: "Fuzz/Corpus/\(target)").path)
            #expect((seeds?.count ?? 0) > 0, "Fuzz/Corpus/\(target) has no seeds; run scripts/fuzz-seeds \(target)")
        }
    }
}
