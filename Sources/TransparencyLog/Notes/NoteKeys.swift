import Crypto
public import Foundation

/// The Ed25519 signature type of C2SP signed notes, and the key ID scheme they share.
enum NoteKeyScheme {
    /// The signature type byte of Ed25519 note signatures.
    static let ed25519: UInt8 = 0x01

    /// `SHA-256(name || 0x0A || 0x01 || public key)[:4]`, big-endian.
    static func keyID(name: String, publicKey: Data) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Data(name.utf8) + [0x0A, ed25519])
        hasher.update(data: publicKey)
        return hasher.finalize().prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Key names are non-empty and contain no Unicode spaces and no `+`.
    static func validate(name: String) throws(NoteError) {
        guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: \.properties.isWhitespace),
            !name.unicodeScalars.contains(where: { $0.value < 0x20 })
        else {
            throw .malformed("key name `\(name)` must be non-empty and contain neither spaces nor `+`")
        }
    }

    static func hex(_ keyID: UInt32) -> String {
        let text = String(keyID, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}

/// A public key that verifies note signatures, written as a verifier key:
/// `<name>+<hex key ID>+<base64(0x01 || Ed25519 public key)>`.
public struct NoteVerifier: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let keyID: UInt32
    /// The 32-byte Ed25519 public key (swift-crypto's key type is not `Sendable`, its bytes are).
    private let publicKeyBytes: Data

    /// Reads a verifier key.
    ///
    /// - Throws: `NoteError.malformed` naming the part at fault; the key ID must match the key.
    public init(verifierKey text: String) throws(NoteError) {
        // Names never contain `+`; base64 keys may, so the key is whatever follows the second `+`.
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformed("a verifier key has three parts separated by `+`: name, key ID, key")
        }
        let name = String(parts[0])
        try NoteKeyScheme.validate(name: name)
        guard parts[1].count == 8, let keyID = UInt32(parts[1], radix: 16) else {
            throw .malformed("the key ID of a verifier key is 8 hexadecimal digits")
        }
        guard let material = Data(base64Encoded: String(parts[2])), material.count == 33,
            material.first == NoteKeyScheme.ed25519
        else {
            throw .malformed("the verifier key is not an Ed25519 key (type 0x01 and 32 bytes, in base64)")
        }
        let keyBytes = material.dropFirst()
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes) else {
            throw .malformed("the verifier key's Ed25519 public key is invalid")
        }
        guard NoteKeyScheme.keyID(name: name, publicKey: Data(keyBytes)) == keyID else {
            throw .malformed("the verifier key's key ID does not match its name and key")
        }
        self.init(name: name, keyID: keyID, publicKey: publicKey.rawRepresentation)
    }

    init(name: String, keyID: UInt32, publicKey: Data) {
        self.name = name
        self.keyID = keyID
        self.publicKeyBytes = publicKey
    }

    /// The verifier key text.
    public var verifierKey: String {
        "\(name)+\(NoteKeyScheme.hex(keyID))+" + (Data([NoteKeyScheme.ed25519]) + publicKeyBytes).base64EncodedString()
    }

    public var description: String { verifierKey }

    /// Whether a signature over a note's text is this key's.
    public func isValidSignature(_ signature: Data, for text: String) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes) else { return false }
        return key.isValidSignature(signature, for: Data(text.utf8))
    }

    public static func == (lhs: NoteVerifier, rhs: NoteVerifier) -> Bool {
        lhs.name == rhs.name && lhs.keyID == rhs.keyID && lhs.publicKeyBytes == rhs.publicKeyBytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(publicKeyBytes)
    }
}

/// A private key that signs notes, with its name.
///
/// Written to files as `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || Ed25519 seed)>`, the signer-key text of
/// the Go checksum database's note package, so that keys can move between tools.
public struct NoteSigner: Sendable {
    public let name: String
    public let keyID: UInt32
    /// The 32-byte Ed25519 seed.
    private let seed: Data

    /// Makes a signer from a 32-byte Ed25519 seed.
    ///
    /// - Throws: `NoteError.malformed` for a bad name or seed.
    public init(name: String, seed: some DataProtocol) throws(NoteError) {
        try NoteKeyScheme.validate(name: name)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: Data(seed)) else {
            throw .malformed("an Ed25519 private key is a 32-byte seed")
        }
        self.name = name
        self.seed = key.rawRepresentation
        self.keyID = NoteKeyScheme.keyID(name: name, publicKey: key.publicKey.rawRepresentation)
    }

    /// Reads a signer key text.
    ///
    /// - Throws: `NoteError.malformed` naming the part at fault.
    public init(signerKey text: String) throws(NoteError) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .malformed("a signer key reads PRIVATE+KEY+<name>+<key ID>+<key>")
        }
        guard let material = Data(base64Encoded: String(parts[4])), material.count == 33,
            material.first == NoteKeyScheme.ed25519
        else {
            throw .malformed("the signer key is not an Ed25519 key (type 0x01 and a 32-byte seed, in base64)")
        }
        try self.init(name: String(parts[2]), seed: material.dropFirst())
        guard NoteKeyScheme.hex(keyID) == parts[3] else {
            throw .malformed("the signer key's key ID does not match its name and key")
        }
    }

    /// The signer key text. Keep it secret.
    public var signerKey: String {
        "PRIVATE+KEY+\(name)+\(NoteKeyScheme.hex(keyID))+"
            + (Data([NoteKeyScheme.ed25519]) + seed).base64EncodedString()
    }

    private var privateKey: Curve25519.Signing.PrivateKey {
        // The seed was checked when the signer was made.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// The matching verifier.
    public var verifier: NoteVerifier {
        NoteVerifier(name: name, keyID: keyID, publicKey: privateKey.publicKey.rawRepresentation)
    }

    /// Signs a note's text.
    public func sign(_ text: String) -> NoteSignature {
        let signature = (try? privateKey.signature(for: Data(text.utf8))) ?? Data()
        return NoteSignature(name: name, keyID: keyID, signature: signature)
    }
}
