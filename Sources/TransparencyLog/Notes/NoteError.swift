/// Why a signed note, a key or a checkpoint was refused.
public enum NoteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text does not follow the format; the string says where.
    case malformed(String)
    /// No signature by a known key verified.
    case noVerifiedSignature
    /// A signature by a known key (name and key ID) failed to verify.
    case badSignature(keyName: String)

    public var description: String {
        switch self {
        case .malformed(let detail): detail
        case .noVerifiedSignature: "the note carries no valid signature by a trusted key"
        case .badSignature(let name): "the signature by \(name) does not verify"
        }
    }
}
