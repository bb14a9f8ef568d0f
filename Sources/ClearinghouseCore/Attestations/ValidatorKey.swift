import Crypto
public import Foundation

/// An Ed25519 public key that a validator organization registered to sign its attestations.
public struct ValidatorKey: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ValidatorKey>

    public var id: ID
    public var organization: Organization.ID
    /// The 32 bytes of the Ed25519 public key.
    public var publicKey: Data
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: ID, organization: Organization.ID, publicKey: Data, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.organization = organization
        self.publicKey = publicKey
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// How attestations name the key: `ed25519:` and the first 16 hexadecimal digits of its SHA-256.
    public var keyID: String { Self.keyID(of: publicKey) }

    /// The key id of a public key.
    public static func keyID(of publicKey: Data) -> String {
        "ed25519:" + SHA256.hash(data: publicKey).hex.prefix(16)
    }

    /// Reads a public key as registered: the base64 of its 32 bytes.
    ///
    /// - Throws: `ClearinghouseError.invalidField` for `public_key` when it is not one.
    public static func publicKey(base64 text: String) throws(ClearinghouseError) -> Data {
        guard let data = Data(base64Encoded: text), data.count == 32,
            (try? Curve25519.Signing.PublicKey(rawRepresentation: data)) != nil
        else {
            throw .invalidField(
                "public_key", "`public_key` must be the base64 of a 32-byte Ed25519 public key.")
        }
        return data
    }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    public func verifies(_ signature: Data, of message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
