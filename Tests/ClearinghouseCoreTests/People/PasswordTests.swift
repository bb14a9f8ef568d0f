@testable import ClearinghouseCore
import Testing

/// scrypt against RFC 7914's test vectors (section 12; the two that fit a test's memory), and passwords as stored.
@Suite struct PasswordTests {
    static let rfc7914: [(password: String, salt: String, cost: PasswordHash.Cost, hex: String)] = [
        (
            "", "", .init(logN: 4, r: 1, p: 1),
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        ),
        (
            "password", "NaCl", .init(logN: 10, r: 8, p: 16),
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        ),
        (
            "pleaseletmein", "SodiumChloride", .init(logN: 14, r: 8, p: 1),
            "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
        ),
    ]

    @Test(arguments: rfc7914)
    func rfc7914Vectors(password: String, salt: String, cost: PasswordHash.Cost, hex: String) throws {
        let derived = try PasswordHash.derive(password, salt: Array(salt.utf8), cost: cost, length: 64)
        #expect(derived.map { String(format: "%02x", $0) }.joined() == hex)
    }

    /// A cheap cost, so that the suite stays fast; production hashes use `.interactive`.
    static let cheap = PasswordHash.Cost(logN: 10, r: 8, p: 1)

    @Test func aStoredHashVerifiesItsPasswordOnly() throws {
        let salt = Array(repeating: UInt8(7), count: PasswordHash.saltLength)
        let stored = try PasswordHash(password: "correct horse battery staple", salt: salt, cost: Self.cheap)
        let read = try #require(PasswordHash(encoded: stored.encoded))
        #expect(read == stored)
        #expect(read.verifies("correct horse battery staple"))
        #expect(!read.verifies("correct horse battery stapler"))
        #expect(!read.verifies(""))
        #expect(!read.verifies(String(repeating: "x", count: PasswordPolicy.maximumBytes + 1)))
        #expect(read.needsRehash())
        #expect(!read.needsRehash(for: Self.cheap))
        #expect(!stored.description.contains(stored.encoded.split(separator: "$").last!))
        // The same password with another salt is another hash.
        let other = try PasswordHash(password: "correct horse battery staple", salt: [1] + salt.dropFirst(), cost: Self.cheap)
        #expect(other.hash != stored.hash)
    }

    @Test func storedValuesOutsideTheBoundsAreRefused() {
        let hash = String(repeating: "A", count: 43) + "="
        #expect(PasswordHash(encoded: "scrypt$15$8$1$c2FsdA==$\(hash)") != nil)
        #expect(PasswordHash(encoded: "scrypt$30$8$1$c2FsdA==$\(hash)") == nil)  // gigabytes of memory
        #expect(PasswordHash(encoded: "scrypt$15$8$1$$\(hash)") == nil)  // no salt
        #expect(PasswordHash(encoded: "scrypt$15$8$1$c2FsdA==$c2hvcnQ=") == nil)  // short hash
        #expect(PasswordHash(encoded: "bcrypt$15$8$1$c2FsdA==$\(hash)") == nil)
        #expect(PasswordHash(encoded: "") == nil)
    }

    @Test func thePolicyAsksForLengthOnly() throws {
        try PasswordPolicy.check("correct horse battery staple", context: ["Ana Ortiz", "ana@valley.example"])
        #expect(throws: ClearinghouseError.self) { try PasswordPolicy.check("short words") }
        #expect(throws: ClearinghouseError.self) { try PasswordPolicy.check(String(repeating: "ab", count: 10)) }
        #expect(throws: ClearinghouseError.self) {
            try PasswordPolicy.check("my name is ana ortiz, hello", context: ["Ana Ortiz"])
        }
        #expect(throws: ClearinghouseError.self) {
            try PasswordPolicy.check(String(repeating: "correct horse ", count: 100))
        }
    }
}
