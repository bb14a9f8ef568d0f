import Crypto
import Foundation

/// The text of an API token, as a caller presents it: `chtok_<prefix>_<secret>`.
///
/// The prefix is 16 lowercase hexadecimal digits (64 random bits) that identify the token in the store and in
/// logs; the secret is 32 random bytes (256 bits) in unpadded base64url. Only the SHA-256 of the whole text is
/// stored, so a database leak yields no usable token.
public struct TokenSecret: Sendable, Hashable, CustomStringConvertible {
    /// The text every token starts with, so that secret scanners can recognise leaked tokens.
    public static let scheme = "chtok_"

    /// The whole token text. Show it once, to the party that asked for the token.
    public let text: String
    /// The public lookup prefix.
    public let prefix: String

    /// Makes a new token from random bytes.
    public init(randomBytes: (Int) -> [UInt8]) {
        let prefix = randomBytes(8).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }.joined()
        let secret = Data(randomBytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        self.prefix = prefix
        self.text = Self.scheme + prefix + "_" + secret
    }

    /// Reads a presented token without checking it against the store.
    ///
    /// - Returns: `nil` when the text does not have the shape of a token.
    public init?(presented text: some StringProtocol) {
        let text = String(text)
        guard text.utf8.count == Self.scheme.utf8.count + 16 + 1 + 43, text.hasPrefix(Self.scheme) else { return nil }
        let body = text.utf8.dropFirst(Self.scheme.utf8.count)
        let prefix = body.prefix(16)
        let separator = body.dropFirst(16).first
        let secret = body.dropFirst(17)
        guard prefix.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }), separator == 0x5F,
            secret.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x5F
            })
        else { return nil }
        self.text = text
        self.prefix = String(decoding: prefix, as: UTF8.self)
    }

    /// SHA-256 of the whole token text: what the store keeps.
    public var hash: [UInt8] {
        Array(SHA256.hash(data: Data(text.utf8)))
    }

    /// Never prints the secret.
    public var description: String { Self.scheme + prefix + "_…" }
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
