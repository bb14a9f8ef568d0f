import ClearinghouseCore
import Foundation
import Testing

/// TOTP against the test vectors of RFC 6238 (Appendix B) and RFC 4226 (Appendix D); see THIRD_PARTY_DATA.md.
@Suite struct TOTPTests {
    /// The seeds of RFC 6238's reference implementation: the ASCII digits repeated to the hash's length.
    static func seed(_ length: Int) -> [UInt8] {
        Array(String(String(repeating: "1234567890", count: 7).prefix(length)).utf8)
    }

    /// RFC 6238, Appendix B: time, then the 8-digit codes for SHA-1, SHA-256 and SHA-512.
    static let rfc6238: [(TimeInterval, String, String, String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test(arguments: rfc6238)
    func rfc6238Vectors(time: TimeInterval, sha1: String, sha256: String, sha512: String) throws {
        let date = Date(timeIntervalSince1970: time)
        #expect(try TOTP(secret: Self.seed(20), algorithm: .sha1, digits: 8).code(at: date) == sha1)
        #expect(try TOTP(secret: Self.seed(32), algorithm: .sha256, digits: 8).code(at: date) == sha256)
        #expect(try TOTP(secret: Self.seed(64), algorithm: .sha512, digits: 8).code(at: date) == sha512)
    }

    /// RFC 4226, Appendix D: the HOTP values of counters 0 to 9 for the SHA-1 seed.
    @Test func rfc4226Vectors() throws {
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489",
        ]
        let hotp = try TOTP(secret: Self.seed(20))
        #expect((0..<10).map { hotp.code(step: UInt64($0)) } == expected)
    }

    @Test func aCodeIsAcceptedOnceWithinOneStepEitherSide() throws {
        let totp = try TOTP(secret: Self.seed(20))
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(of: totp.code(step: step), at: now, after: nil) == step)
        #expect(totp.matchingStep(of: totp.code(step: step - 1), at: now, after: nil) == step - 1)
        #expect(totp.matchingStep(of: totp.code(step: step + 1), at: now, after: nil) == step + 1)
        #expect(totp.matchingStep(of: totp.code(step: step - 2), at: now, after: nil) == nil)
        #expect(totp.matchingStep(of: totp.code(step: step + 2), at: now, after: nil) == nil)
        // Replaying a code, or using an older one after a newer, fails.
        #expect(totp.matchingStep(of: totp.code(step: step), at: now, after: step) == nil)
        #expect(totp.matchingStep(of: totp.code(step: step - 1), at: now, after: step) == nil)
        // People type spaces; anything but the right number of digits is refused.
        let code = totp.code(step: step)
        #expect(totp.matchingStep(of: code.prefix(3) + " " + code.dropFirst(3), at: now, after: nil) == step)
        #expect(totp.matchingStep(of: "12345", at: now, after: nil) == nil)
        #expect(totp.matchingStep(of: "12345a", at: now, after: nil) == nil)
        #expect(totp.matchingStep(of: "١٢٣٤٥٦", at: now, after: nil) == nil)
    }

    @Test func secretsAndShapesAreBounded() {
        #expect(throws: ClearinghouseError.self) { try TOTP(secret: Array(repeating: 1, count: 15)) }
        #expect(throws: ClearinghouseError.self) { try TOTP(secret: Array(repeating: 1, count: 65)) }
        #expect(throws: ClearinghouseError.self) { try TOTP(secret: Self.seed(20), digits: 7) }
        #expect(throws: ClearinghouseError.self) { try TOTP(secret: Self.seed(20), period: 5) }
    }

    @Test func theProvisioningURIIsWhatAuthenticatorAppsRead() throws {
        let totp = try TOTP(secret: Self.seed(20))
        #expect(
            totp.provisioningURI(issuer: "Clearinghouse", account: "ana@valley.example")
                == "otpauth://totp/Clearinghouse:ana%40valley.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Clearinghouse&algorithm=SHA1&digits=6&period=30")
        var counter: UInt8 = 0
        let generated = TOTP.generate { count in
            (0..<count).map { _ in
                counter &+= 1
                return counter
            }
        }
        #expect(generated.secret.count == 20)
    }
}
