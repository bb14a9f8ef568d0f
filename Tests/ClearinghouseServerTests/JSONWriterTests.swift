import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import JSONSupport
import Testing

@testable import ClearinghouseServer

@Suite struct JSONWriterTests {
    static func parse(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func writesObjectsArraysAndOptionalFields() throws {
        var json = JSONWriter()
        json.object { json in
            json.field("text", "plain")
            json.field("number", -42)
            json.field("flag", false)
            json.field("absent", Optional<String>.none)
            json.nullableField("null", Optional<String>.none)
            json.field("when", Date(timeIntervalSince1970: 1_800_000_000))
            json.field("list", [["a"], [], ["b", "c"]])
            json.field("nested", Contact(name: "Dana", email: "d@x.example", phone: nil, role: "CISO"))
        }
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(
            text
                == #"{"text":"plain","number":-42,"flag":false,"null":null,"when":"2027-01-15T08:00:00Z","list":[["a"],[],["b","c"]],"nested":{"name":"Dana","email":"d@x.example","role":"CISO"}}"#
        )
        #expect(try Self.parse(json.bytes).count == 7)
    }

    @Test func escapesWhatJSONRequires() throws {
        var json = JSONWriter()
        json.object { $0.field("k", "quote \" backslash \\ slash / line\nbreak tab\t bell\u{7} é 🙂") }
        let parsed = try Self.parse(json.bytes)
        #expect(parsed["k"] as? String == "quote \" backslash \\ slash / line\nbreak tab\t bell\u{7} é 🙂")
        #expect(String(decoding: json.bytes, as: UTF8.self).contains(#"\u0007"#))
    }

    /// Random strings survive a round trip through the writer and Foundation's parser.
    @Test func randomStringsRoundTrip() throws {
        var mutator = InputMutator(seed: 7)
        for _ in 0..<5_000 {
            let text = mutator.text(upTo: 40)
            var json = JSONWriter()
            json.object { $0.field("k", text) }
            #expect(try Self.parse(json.bytes)["k"] as? String == text)
        }
    }

    @Test func domainValuesKeepTheirSecretsOut() throws {
        let dependencies = Dependencies.test()
        let issued = try TokenRequest(role: "admin", name: "ci", expiresAt: nil)
            .issue(for: dependencies.makeID(), createdBy: nil, dependencies: dependencies)
        let record = try Self.parse(JSONWriter.bytes(of: issued.token))
        #expect(record["token"] == nil)
        #expect(record["secret_hash"] == nil)
        #expect(record["prefix"] as? String == issued.secret.prefix)
        let minted = try Self.parse(JSONWriter.bytes(of: issued))
        #expect(minted["token"] as? String == issued.secret.text)
        #expect(minted["id"] as? String == issued.token.id.rawValue)
    }
}
