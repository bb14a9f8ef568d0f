import Crypto
import Foundation

/// The text of a bearer secret, as a caller presents it: `<scheme><prefix>_<secret>`, for API tokens
/// (`chtok_`), invitations (`chinv_`) and sign-in sessions (`chses_`).
///
/// The prefix is 16 lowercase hexadecimal digits (64 random bits) that identify the secret in the store and in
/// logs; the secret is 32 random bytes (256 bits) in unpadded base64url. Only the SHA-256 of the whole text is
/// stored, so a database leak yields nothing usable.
public struct TokenSecret: Sendable, Hashable, CustomStringConvertible {
    /// What a secret opens; its scheme is the text it starts with, so that secret scanners recognise leaks.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case apiToken = "chtok_"
        case invitation = "chinv_"
        case session = "chses_"
    }

    public let kind: Kind
    /// The whole text. Show it once, to the party that asked for it.
    public let text: String
    /// The public lookup prefix.
    public let prefix: String

    /// Makes a new secret from random bytes.
    public init(_ kind: Kind = .apiToken, randomBytes: (Int) -> [UInt8]) {
        let prefix = randomBytes(8).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }.joined()
        let secret = Data(randomBytes(32)).base64URLEncodedString
        self.kind = kind
        self.prefix = prefix
        self.text = kind.rawValue + prefix + "_" + secret
    }

    /// Reads a presented secret of one kind without checking it against the store.
    ///
    /// - Returns: `nil` when the text does not have the shape of a secret of that kind.
    public init?(presented text: some StringProtocol, kind: Kind = .apiToken) {
        let text = String(text)
        let scheme = kind.rawValue
        guard text.utf8.count == scheme.utf8.count + 16 + 1 + 43, text.hasPrefix(scheme) else { return nil }
        let body = text.utf8.dropFirst(scheme.utf8.count)
        let prefix = body.prefix(16)
        let separator = body.dropFirst(16).first
        let secret = body.dropFirst(17)
        guard prefix.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }), separator == 0x5F,
            secret.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x5F
            })
        else { return nil }
        self.kind = kind
        self.text = text
        self.prefix = String(decoding: prefix, as: UTF8.self)
    }

    /// SHA-256 of the whole token text: what the store keeps.
    public var hash: [UInt8] {
        Array(SHA256.hash(data: Data(text.utf8)))
    }

    /// Never prints the secret.
    public var description: String { kind.rawValue + prefix + "_…" }
}

/// Compares two byte strings in time that depends only on their lengths, never on where they differ.
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices {
        difference |= lhs[index] ^ rhs[index]
    }
    return difference == 0
}
