import ClearinghouseTestSupport
import Testing
import Versions

/// Mutated versions and ranges never crash the parsers; what they accept orders consistently and round-trips.
@Suite struct VersionsFuzzTests {
    static let samples: [String] = VersSpecSuite.cases.flatMap { test -> [String] in
        (test.input["versions"] as? [String] ?? [])
            + [test.inputText, test.input["native_range"] as? String]
            .compactMap { $0 }
    }

    @Test(arguments: VersionSchemes.all.keys.sorted())
    func mutatedVersionsOrderConsistently(scheme name: String) throws {
        let scheme = try #require(VersionSchemes.named(name))
        var mutator = InputMutator(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        var accepted: [String] = []
        for index in 0..<8_000 {
            let sample = Self.samples[index % Self.samples.count]
            let text = String(decoding: mutator.mutate(Array(sample.utf8)), as: UTF8.self)
            if scheme.isValid(text) { accepted.append(text) }
        }
        #expect(!accepted.isEmpty)
        for index in 0..<min(accepted.count, 2_000) {
            let a = accepted[index]
            let b = accepted[(index * 7 + 3) % accepted.count]
            let c = accepted[(index * 13 + 5) % accepted.count]
            let ab = try scheme.compare(a, b)
            #expect(ab == -(try scheme.compare(b, a)), "\(name): \(a.debugDescription) vs \(b.debugDescription)")
            #expect(try scheme.compare(a, a) == 0)
            // pacman's vercmp treats a missing release as equal to any, so its order is not transitive.
            if name != "alpm", ab <= 0, try scheme.compare(b, c) <= 0 {
                #expect(try scheme.compare(a, c) <= 0, "\(name): \(a) <= \(b) <= \(c)")
            }
        }
    }

    @Test func mutatedRangesAreRefusedOrCanonical() {
        var mutator = InputMutator(seed: 77)
        let ranges = Self.samples.filter { $0.hasPrefix("vers:") }
        var accepted = 0
        for index in 0..<20_000 {
            let text = String(decoding: mutator.mutate(Array(ranges[index % ranges.count].utf8)), as: UTF8.self)
            guard let range = try? VersionRange(normalizing: text) else { continue }
            accepted += 1
            let again = try? VersionRange(parsing: range.description)
            #expect(again?.description == range.description, "\(text.debugDescription) → \(range)")
            _ = try? range.contains("1.0.0")
        }
        #expect(accepted > 100)
    }

    /// Found by the `vers` fuzz target: a loosely written range within the length bound whose canonical form,
    /// with every non-ASCII byte percent-encoded, was over it, so that the canonical form did not read back.
    @Test func aRangeWhoseCanonicalFormIsTooLongIsRefused() throws {
        func loose(_ count: Int) -> String {
            "vers:rpm/" + (1...count).map { "<\($0)" + String(repeating: "é", count: 120) }.joined(separator: "|")
        }
        #expect(loose(6).utf8.count <= VersionSchemes.maximumRangeLength)
        let error = try #require(throws: VersionError.self) { try VersionRange(normalizing: loose(6)) }
        #expect(error.message.contains("written canonically"), "\(error)")
        // With fewer constraints the canonical form fits, and reads back.
        let range = try VersionRange(normalizing: loose(5))
        #expect(try VersionRange(parsing: range.description).description == range.description)
    }

    @Test func mutatedNativeRangesNeverCrash() {
        var mutator = InputMutator(seed: 78)
        let natives = VersSpecSuite.cases.compactMap { test in
            (test.input["native_range"] as? String).map { ($0, test.scheme) }
        }
        for index in 0..<20_000 {
            let (sample, scheme) = natives[index % natives.count]
            let text = String(decoding: mutator.mutate(Array(sample.utf8)), as: UTF8.self)
            if let range = try? NativeRange.parse(text, scheme: scheme) {
                #expect(
                    (try? VersionRange(parsing: range.description))?.description == range.description,
                    "\(scheme) \(text.debugDescription) → \(range)")
            }
        }
    }

    @Test(arguments: [
        ("vers:npm/>=1.0.0| <2.0.0", "no spaces"),
        ("npm/1.0.0", "starts with `vers:`"),
        ("vers:/1.0", "names its scheme"),
        ("vers:npm/", "no constraints"),
        ("vers:npm/>=2.0.0|<1.0.0", "not in order"),
        ("vers:npm/1.0.0||2.0.0", "empty one"),
        ("vers:npm/*|1.0.0", "`*` stands alone"),
        ("vers:npm/>=", "has no version"),
        ("vers:npm/1.0", "not a npm version"),
        ("vers:cobol/1", "not supported"),
        ("vers:npm/1.0.0%2", "two hexadecimal digits"),
        ("vers:NPM/1.0.0", "must be lower-case"),
    ])
    func badRangesNameThePartAtFault(text: String, fragment: String) {
        #expect {
            try VersionRange(parsing: text)
        } throws: { error in
            (error as? VersionError)?.message.contains(fragment) == true
        }
    }
}
