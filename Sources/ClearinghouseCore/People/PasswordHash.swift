import Crypto
import Foundation
import _CryptoExtras

/// A person's password as the store keeps it: scrypt (RFC 7914), memory-hard, with a random salt, written as
/// `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64). The password itself is never stored.
public struct PasswordHash: Sendable, Hashable, CustomStringConvertible {
    /// scrypt's cost parameters.
    public struct Cost: Sendable, Hashable {
        /// log2 of N, the CPU and memory cost.
        public var logN: Int
        /// The block size.
        public var r: Int
        /// The parallelism.
        public var p: Int

        /// N = 2^15, r = 8, p = 1: 32 MiB and about 50 ms a hash on one core of a small server, the cost
        /// RFC 7914 and OWASP suggest for interactive sign-in.
        public static let interactive = Cost(logN: 15, r: 8, p: 1)

        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// The memory one hash needs, in bytes: 128 · r · N, plus 128 · r · p.
        var memory: Int { 128 * r * (1 << logN) + 128 * r * p }

        /// Costs this server computes: enough to be memory-hard, bounded so that a stored value cannot ask for
        /// gigabytes.
        var isAcceptable: Bool { (10...20).contains(logN) && (1...32).contains(r) && (1...16).contains(p) }
    }

    public let cost: Cost
    public let salt: [UInt8]
    public let hash: [UInt8]

    /// The bytes of a salt.
    public static let saltLength = 16
    /// The bytes of a hash.
    public static let hashLength = 32

    /// Hashes a password that ``PasswordPolicy`` accepted.
    public init(password: String, salt: [UInt8], cost: Cost = .interactive) throws(ClearinghouseError) {
        guard cost.isAcceptable else {
            throw ClearinghouseError(.internalError, "The scrypt cost \(cost) is outside what this server computes.")
        }
        self.cost = cost
        self.salt = salt
        self.hash = try Self.derive(password, salt: salt, cost: cost)
    }

    /// Reads a stored value.
    ///
    /// - Returns: `nil` for text that is not one this type writes, or whose cost is outside the accepted bounds.
    public init?(encoded text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), let r = Int(parts[2]),
            let p = Int(parts[3]), let salt = Data(base64Encoded: String(parts[4])),
            let hash = Data(base64Encoded: String(parts[5])), !salt.isEmpty, hash.count == Self.hashLength
        else { return nil }
        let cost = Cost(logN: logN, r: r, p: p)
        guard cost.isAcceptable else { return nil }
        self.cost = cost
        self.salt = Array(salt)
        self.hash = Array(hash)
    }

    /// The stored form.
    public var encoded: String {
        "scrypt$\(cost.logN)$\(cost.r)$\(cost.p)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Whether a typed password is this one, comparing in constant time. A password longer than the policy
    /// allows is refused before hashing, so that nobody can make the server hash megabytes.
    public func verifies(_ password: String) -> Bool {
        guard password.utf8.count <= PasswordPolicy.maximumBytes,
            let derived = try? Self.derive(password, salt: salt, cost: cost)
        else { return false }
        return constantTimeEquals(derived, hash)
    }

    /// Whether the hash was made at a lower cost than `cost`, so that a successful sign-in should store it again.
    public func needsRehash(for cost: Cost = .interactive) -> Bool {
        self.cost != cost
    }

    /// Never prints the hash.
    public var description: String { "scrypt$\(cost.logN)$\(cost.r)$\(cost.p)$…" }

    /// scrypt of a password's UTF-8 bytes.
    static func derive(
        _ password: String, salt: [UInt8], cost: Cost, length: Int = hashLength
    ) throws(ClearinghouseError) -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: salt, outputByteCount: length, rounds: 1 << cost.logN,
                blockSize: cost.r, parallelism: cost.p, maxMemory: cost.memory + 1_048_576)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw ClearinghouseError(.internalError, "scrypt failed: \(error)")
        }
    }
}
