import Crypto
public import Foundation

/// A proof-of-vulnerability testcase or reproduction bundle, stored once per content and named by its SHA-256.
public struct Artifact: Sendable, Hashable {
    public var digest: ArtifactDigest
    public var size: Int
    /// The media type the uploader declared (`application/octet-stream` when it declared none).
    public var mediaType: String
    /// When it was first stored.
    public var createdAt: Date

    public init(digest: ArtifactDigest, size: Int, mediaType: String, createdAt: Date) {
        self.digest = digest
        self.size = size
        self.mediaType = mediaType
        self.createdAt = createdAt
    }
}

/// The SHA-256 digest that names an artifact: 64 lowercase hexadecimal digits.
public struct ArtifactDigest: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hex: String

    /// Reads `sha256:HEX` or a bare `HEX`, in any letter case.
    ///
    /// - Returns: `nil` for anything else.
    public init?(_ text: String) {
        let hex = (text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text).lowercased()
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.hex = hex
    }

    /// The digest of some bytes.
    public init(of data: Data) {
        hex = SHA256.hash(data: data).hex
    }

    /// `sha256:HEX`.
    public var description: String { "sha256:\(hex)" }

    public static func < (lhs: ArtifactDigest, rhs: ArtifactDigest) -> Bool { lhs.hex < rhs.hex }
}
