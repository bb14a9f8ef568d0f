import Foundation

/// A C2SP tlog-checkpoint: the origin of a log, a tree size and the root hash at that size, the text of a signed
/// note.
public struct Checkpoint: Sendable, Hashable {
    public let origin: String
    public let size: UInt64
    public let root: MerkleHash
    /// Optional extension lines (not recommended; kept as read).
    public let extensions: [String]

    /// Creates a checkpoint.
    ///
    /// - Throws: `NoteError.malformed` for an empty origin or one with a newline.
    public init(origin: String, size: UInt64, root: MerkleHash, extensions: [String] = []) throws(NoteError) {
        guard !origin.isEmpty, !origin.contains("\n") else {
            throw .malformed("a checkpoint origin is one non-empty line")
        }
        guard extensions.allSatisfy({ !$0.isEmpty && !$0.contains("\n") }) else {
            throw .malformed("checkpoint extension lines are non-empty single lines")
        }
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// Reads a checkpoint from a note's text.
    ///
    /// - Throws: `NoteError.malformed` naming the line at fault.
    public init(text: String) throws(NoteError) {
        guard text.hasSuffix("\n") else { throw .malformed("checkpoint text ends with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3 else { throw .malformed("a checkpoint has an origin, a tree size and a root hash") }
        let sizeText = lines[1]
        guard !sizeText.isEmpty, sizeText.allSatisfy(\.isASCII), sizeText.allSatisfy(\.isNumber),
            sizeText == "0" || !sizeText.hasPrefix("0"), let size = UInt64(sizeText)
        else {
            throw .malformed("the checkpoint's tree size `\(sizeText)` is not a decimal number without leading zeros")
        }
        guard let root = MerkleHash(base64: lines[2]), Data(root.bytes).base64EncodedString() == lines[2] else {
            throw .malformed("the checkpoint's root hash is not the base64 of 32 bytes")
        }
        try self.init(origin: String(lines[0]), size: size, root: root, extensions: lines.dropFirst(3).map(String.init))
    }

    /// The note text: origin, size and root hash, one per line.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).joined(separator: "\n") + "\n"
    }
}
