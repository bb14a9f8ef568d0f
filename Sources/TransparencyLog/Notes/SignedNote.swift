public import Foundation

/// One signature line of a note: `— <name> base64(key ID || signature)`.
public struct NoteSignature: Sendable, Hashable {
    public let name: String
    public let keyID: UInt32
    public let signature: Data

    /// Creates a signature line's content.
    public init(name: String, keyID: UInt32, signature: Data) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    var line: String {
        var id = keyID.bigEndian
        let prefix = withUnsafeBytes(of: &id) { Data($0) }
        return "\u{2014} \(name) \((prefix + signature).base64EncodedString())\n"
    }
}

/// A C2SP signed note: a text ending in a newline, a blank line, then one or more signature lines.
public struct SignedNote: Sendable, Hashable {
    /// The most signatures a note may carry here (the format asks verifiers to accept at least 16).
    public static let maximumSignatures = 64
    /// The largest note read, in bytes.
    public static let maximumSize = 1 << 20

    /// The signed text, with its final newline.
    public let text: String
    public let signatures: [NoteSignature]

    /// Signs a text.
    ///
    /// - Throws: `NoteError.malformed` when the text does not end in a newline or holds control characters.
    public init(text: String, signers: [NoteSigner]) throws(NoteError) {
        try Self.validate(text: text)
        self.text = text
        self.signatures = signers.map { $0.sign(text) }
    }

    /// Reads a signed note.
    ///
    /// - Throws: `NoteError.malformed` naming what is wrong.
    public init(parsing note: String) throws(NoteError) {
        guard note.utf8.count <= Self.maximumSize else { throw .malformed("the note is larger than 1 MiB") }
        guard let separator = note.range(of: "\n\n", options: .backwards) else {
            throw .malformed("a note needs a blank line between its text and its signatures")
        }
        let text = String(note[..<separator.lowerBound]) + "\n"
        try Self.validate(text: text)
        let block = note[separator.upperBound...]
        guard block.hasSuffix("\n") else { throw .malformed("the last signature line must end with a newline") }
        var signatures: [NoteSignature] = []
        for line in block.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            signatures.append(try Self.signature(line))
        }
        guard !signatures.isEmpty else { throw .malformed("the note has no signature") }
        guard signatures.count <= Self.maximumSignatures else { throw .malformed("the note has too many signatures") }
        self.text = text
        self.signatures = signatures
    }

    private static func validate(text: String) throws(NoteError) {
        guard text.hasSuffix("\n") else { throw .malformed("the note text must end with a newline") }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw .malformed("the note holds control characters other than newlines")
        }
    }

    private static func signature(_ line: Substring) throws(NoteError) -> NoteSignature {
        guard line.hasPrefix("\u{2014} ") else {
            throw .malformed("a signature line starts with an em dash and a space: `\(line.prefix(40))`")
        }
        let parts = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let bytes = Data(base64Encoded: String(parts[1])), bytes.count > 4
        else {
            throw .malformed("a signature line reads `— <key name> <base64 signature>`")
        }
        let keyID = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(name: String(parts[0]), keyID: keyID, signature: Data(bytes.dropFirst(4)))
    }

    /// The note as text.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Checks the signatures of known keys.
    ///
    /// Signatures by unknown keys are ignored; a known key's signature that fails rejects the whole note.
    ///
    /// - Returns: The known keys whose signatures verified.
    /// - Throws: `NoteError.badSignature` or `NoteError.noVerifiedSignature`.
    @discardableResult
    public func verify(with verifiers: [NoteVerifier]) throws(NoteError) -> [NoteVerifier] {
        var verified: [NoteVerifier] = []
        for signature in signatures {
            for verifier in verifiers where verifier.name == signature.name && verifier.keyID == signature.keyID {
                guard verifier.isValidSignature(signature.signature, for: text) else {
                    throw .badSignature(keyName: signature.name)
                }
                verified.append(verifier)
            }
        }
        guard !verified.isEmpty else { throw .noVerifiedSignature }
        return verified
    }
}
