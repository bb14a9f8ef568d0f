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

    /// Found by the `purl` libFuzzer target (Fuzz/Findings): 600 bytes, mostly not UTF-8, whose U+FFFD
    /// replacements percent-encode to a canonical form over the length bound, which then did not read back.
    @Test func aPurlWhoseCanonicalFormIsTooLongIsRefused() throws {
        let bytes = Array("pkg:hex/phoenix_html@2.13.3#priv/stat".utf8) + Array(repeating: 0xAB, count: 460)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.utf8.count <= PackageURL.maximumLength)
        #expect(throws: PackageURLError.self) { try PackageURL(parsing: text) }
        // Just under the bound, it reads and reads back.
        let shorter = String(decoding: Array(bytes.prefix(37 + 450)), as: UTF8.self)
        let purl = try PackageURL(parsing: shorter)
        #expect(try PackageURL(parsing: purl.description, strict: true) == purl)
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
