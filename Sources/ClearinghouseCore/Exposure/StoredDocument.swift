import Crypto

/// A member's document as it is stored (an SBOM, a VEX document): its text as received, and the SHA-256 of that
/// text, which tells a node whether the version it holds in memory is still the one stored.
public struct StoredDocument: Sendable {
    public let text: String
    /// Lowercase hexadecimal.
    public let sha256: String

    public init(text: String) {
        self.text = text
        var bytes = text
        sha256 = bytes.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)).hex }
    }
}
