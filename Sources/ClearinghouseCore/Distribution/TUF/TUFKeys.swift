import Crypto
public import Foundation
public import JSONSupport

/// The four top-level roles of a TUF repository (The Update Framework specification, 1.0).
public enum TUFRole: String, Sendable, CaseIterable, Codable {
    /// Names the keys of every role; signed offline, by the root key.
    case root
    /// Lists the targets (published advisories) with their lengths and hashes.
    case targets
    /// Names the version of `targets.json` current now, so that a client cannot be shown an older one.
    case snapshot
    /// Names the current snapshot, and expires soon: what keeps a client from being frozen on old metadata.
    case timestamp

    /// The roles this server signs by itself, with the keys it holds; `root` is signed offline.
    public static let online: [TUFRole] = [.targets, .snapshot, .timestamp]
}

/// An Ed25519 public key as TUF metadata describes it.
public struct TUFPublicKey: Sendable, Hashable {
    /// The 32 bytes of the key.
    public let raw: Data

    public init(raw: Data) {
        self.raw = raw
    }

    /// The key's description in metadata.
    public var tree: JSONTree {
        .object([
            "keytype": .string("ed25519"), "scheme": .string("ed25519"),
            "keyval": .object(["public": .string(raw.hex)]),
        ])
    }

    /// The key's id: the SHA-256 of the canonical JSON of its description.
    public var id: String {
        SHA256.hash(data: Data(tree.canonicalText.utf8)).hex
    }
}

/// An Ed25519 private key that signs one role's metadata.
public struct TUFSigningKey: Sendable {
    /// The 32-byte seed, for the key file.
    public let seed: Data

    /// A new random key.
    public init() {
        seed = Curve25519.Signing.PrivateKey().rawRepresentation
    }

    /// The key with this 32-byte seed.
    ///
    /// - Throws: `invalid_field` for a seed of the wrong length.
    public init(seed: Data) throws(ClearinghouseError) {
        guard seed.count == 32 else {
            throw ClearinghouseError.invalidField("key", "An Ed25519 key seed is 32 bytes; this one is \(seed.count).")
        }
        self.seed = seed
    }

    private var key: Curve25519.Signing.PrivateKey {
        // A 32-byte seed always makes a key.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public var publicKey: TUFPublicKey { TUFPublicKey(raw: key.publicKey.rawRepresentation) }

    /// A signature over `message`, in lowercase hex.
    func sign(_ message: Data) throws -> String {
        try key.signature(for: message).hex
    }
}

/// The keys the server signs with: one for each online role.
public struct TUFOnlineKeys: Sendable {
    public let targets: TUFSigningKey
    public let snapshot: TUFSigningKey
    public let timestamp: TUFSigningKey

    public init(targets: TUFSigningKey, snapshot: TUFSigningKey, timestamp: TUFSigningKey) {
        self.targets = targets
        self.snapshot = snapshot
        self.timestamp = timestamp
    }

    /// New random keys.
    public static func generate() -> TUFOnlineKeys {
        TUFOnlineKeys(targets: TUFSigningKey(), snapshot: TUFSigningKey(), timestamp: TUFSigningKey())
    }

    /// The public keys, by role, as root metadata names them.
    public var publicKeys: [TUFRole: TUFPublicKey] {
        [.targets: targets.publicKey, .snapshot: snapshot.publicKey, .timestamp: timestamp.publicKey]
    }

    public func key(for role: TUFRole) -> TUFSigningKey? {
        switch role {
        case .root: nil
        case .targets: targets
        case .snapshot: snapshot
        case .timestamp: timestamp
        }
    }
}
