import ClearinghouseTestSupport
import PackageURL
import Testing

/// Mutated Package URLs never crash the parser; whatever it accepts has a canonical form that parses back to
/// the same value, and whatever it refuses comes with a message.
@Suite struct PackageURLFuzzTests {
    static let samples = PurlSpecTests.cases.compactMap(\.input.string)

    @Test func mutatedPurlsAreRefusedOrCanonicalizeStably() throws {
        var mutator = InputMutator(seed: 41)
        var accepted = 0
        for index in 0..<30_000 {
            let sample = Self.samples[index % Self.samples.count]
            let text = String(decoding: mutator.mutate(Array(sample.utf8)), as: UTF8.self)
            do {
                let purl = try PackageURL(parsing: text)
                accepted += 1
                let again = try PackageURL(parsing: purl.description)
                #expect(again == purl, "\(text.debugDescription) → \(purl)")
                #expect(again.description == purl.description)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(accepted > 1_000)
    }

    @Test func randomTextIsRefusedWithAReason() {
        var mutator = InputMutator(seed: 42)
        for _ in 0..<10_000 {
            let text = "pkg:" + mutator.text(upTo: 40)
            if let purl = try? PackageURL(parsing: text) {
                #expect((try? PackageURL(parsing: purl.description)) == purl, "\(text.debugDescription)")
            }
        }
    }

    @Test(
        arguments: [
            ("npm/foo", nil),
            ("pkg:", "type and a name"),
            ("pkg:npm", "type and a name"),
            ("pkg:1npm/foo", "type `1npm`"),
            ("pkg:npm/foo@1.0?a", "qualifier `a` has no `=`"),
            ("pkg:npm/foo?a=1&a=2", "`a` appears more than once"),
            ("pkg:npm/foo%zz", "name has a `%`"),
            ("pkg:maven/foo@1", "needs a namespace"),
            ("pkg:pypi/a/b", "has no namespace"),
            ("pkg:julia/Example", "`uuid` qualifier"),
            ("pkg:cpan/LWP::UserAgent", "never contains `::`"),
        ] as [(String, String?)])
    func badPurlsNameThePartAtFault(text: String, fragment: String?) {
        #expect {
            try PackageURL(parsing: text)
        } throws: { error in
            guard let error = error as? PackageURLError else { return false }
            return error.message.contains(fragment ?? "starts with `pkg:`")
        }
    }
}
