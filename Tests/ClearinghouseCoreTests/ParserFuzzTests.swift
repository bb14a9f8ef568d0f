import ClearinghouseCore
import ClearinghouseTestSupport
import TLP
import Testing

/// The parsers of caller input never crash, and refuse with a `ClearinghouseError` that has a message.
@Suite struct ParserFuzzTests {
    static let iterations = 20_000

    @Test func tokenParsingRefusesMutatedTokens() {
        var mutator = InputMutator(seed: 1)
        let valid = TokenSecret(randomBytes: Dependencies.test().randomBytes).text
        var accepted = 0
        for _ in 0..<Self.iterations {
            let text = String(decoding: mutator.mutate(Array(valid.utf8)), as: UTF8.self)
            if let parsed = TokenSecret(presented: text) {
                accepted += 1
                #expect(parsed.text == text)
                #expect(parsed.text.hasPrefix("chtok_" + parsed.prefix + "_"))
            }
        }
        #expect(accepted < Self.iterations / 2)
    }

    @Test func cursorAndLimitParsingNeverCrash() {
        var mutator = InputMutator(seed: 2)
        let valid = Cursor.encode("01a1ffb2-b52c-7eae-b77c-a56b41a773a6")
        for _ in 0..<Self.iterations {
            let cursor = String(decoding: mutator.mutate(Array(valid.utf8)), as: UTF8.self)
            let limit = mutator.text(upTo: 6)
            do {
                let request = try PageRequest(limit: limit, cursor: cursor)
                #expect((1...PageRequest.maximumLimit).contains(request.limit))
            } catch {
                #expect(!error.message.isEmpty)
                #expect(error.field == "limit" || error.field == "cursor")
            }
        }
    }

    @Test func registrationValidationNeverCrashes() {
        var mutator = InputMutator(seed: 3)
        let dependencies = Dependencies.test()
        for _ in 0..<Self.iterations {
            let registration = OrganizationRegistration(
                name: mutator.text(upTo: 30), kind: mutator.next(2) == 0 ? "operator" : mutator.text(upTo: 12),
                sector: mutator.next(2) == 0 ? nil : mutator.text(upTo: 12),
                contacts: (0..<mutator.next(3)).map { _ in
                    Contact(name: mutator.text(upTo: 10), email: mutator.text(upTo: 20))
                })
            do {
                let organization = try registration.validated(id: dependencies.makeID(), now: dependencies.now())
                #expect(!organization.name.isEmpty)
                #expect((organization.kind == .operator) == (organization.sector != nil))
            } catch {
                #expect(error.code == .invalidField)
                #expect(error.field != nil)
            }
        }
    }

    @Test func labelParsingAcceptsOnlyLabels() {
        var mutator = InputMutator(seed: 4)
        for _ in 0..<Self.iterations {
            let text = String(decoding: mutator.mutate(Array("TLP:AMBER+STRICT".utf8)), as: UTF8.self)
            if let label = TLPLabel(parsing: text) {
                let normalized = text.trimmingCharacters(in: .whitespaces).uppercased()
                #expect(normalized.hasSuffix(label.rawValue) || (label == .clear && normalized.hasSuffix("WHITE")))
            }
        }
    }
}
