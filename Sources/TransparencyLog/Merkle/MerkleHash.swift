import Crypto
public import Foundation

/// A SHA-256 hash in an RFC 9162 Merkle tree: a leaf hash, an interior node hash or a root.
///
/// Stored inline as four 64-bit words, so that hashing a proof allocates nothing.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes in a hash.
    public static let size = 32

    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The hash of the empty tree, SHA-256 of no bytes.
    public static let emptyTree = MerkleHash(digest: SHA256.hash(data: Data()))

    /// Wraps 32 bytes.
    ///
    /// - Returns: `nil` unless `bytes` holds exactly 32 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.size else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { buffer in
            // Contiguous storage (arrays, most `Data`) is copied at once rather than byte by byte.
            let copied = bytes.withContiguousStorageIfAvailable { buffer.copyMemory(from: UnsafeRawBufferPointer($0)) }
            if copied == nil {
                _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
            }
        }
        self.words = words
    }

    /// Reads the standard base64 (RFC 4648 section 4) encoding of 32 bytes, as logs and proofs write hashes.
    public init?(base64: some StringProtocol) {
        guard let data = Data(base64Encoded: String(base64)) else { return nil }
        self.init(bytes: data)
    }

    /// Reads 64 hexadecimal digits.
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes: bytes)
    }

    init(digest: SHA256.Digest) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { target in
            digest.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
        self.words = words
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// Gives access to the 32 bytes without copying them.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: words, body)
    }

    /// The standard base64 encoding, as checkpoints and proofs write hashes.
    public var base64: String {
        withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Lowercase hexadecimal.
    public var hex: String {
        withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }

    public var description: String { hex }

    public static func == (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

extension MerkleHash {
    /// The hash of a leaf: SHA-256(0x00 || data) (RFC 9162 section 2.1.1).
    public static func leaf(_ data: some DataProtocol) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: data)
        return MerkleHash(digest: hasher.finalize())
    }

    /// The hash of an interior node: SHA-256(0x01 || left || right) (RFC 9162 section 2.1.1).
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        withUnsafeTemporaryAllocation(byteCount: 1 + 2 * size, alignment: 8) { buffer in
            buffer[0] = 0x01
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1...size]).copyMemory(from: $0) }
            right.withUnsafeBytes {
                UnsafeMutableRawBufferPointer(rebasing: buffer[(1 + size)...]).copyMemory(from: $0)
            }
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return MerkleHash(digest: hasher.finalize())
        }
    }
}
