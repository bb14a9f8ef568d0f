/// Why a Merkle proof was refused or could not be made.
public enum ProofError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An index or size is outside the tree, or the sizes are in the wrong order.
    case outOfRange(String)
    /// The proof has the wrong number of hashes for the sizes it claims.
    case wrongLength(expected: Int?, actual: Int)
    /// The proof does not lead to the expected root or subtree hash.
    case mismatch
    /// A node the proof needs is missing from the store.
    case missingNode(NodeID)

    public var description: String {
        switch self {
        case .outOfRange(let detail): detail
        case .wrongLength(let expected?, let actual): "the proof has \(actual) hashes; \(expected) were expected"
        case .wrongLength(nil, let actual): "the proof's \(actual) hashes do not fit the sizes"
        case .mismatch: "the proof does not lead to the expected hash"
        case .missingNode(let node): "node \(node) is missing"
        }
    }
}
