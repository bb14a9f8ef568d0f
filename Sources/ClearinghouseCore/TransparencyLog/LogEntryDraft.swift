import Crypto
public import Foundation
public import JSONSupport
public import TransparencyLog

/// An entry to append to the transparency log: the public bytes that become a leaf, and, for a confidential
/// event, the preimage of its commitment, kept in the store to reveal later.
///
/// The leaf bytes are canonical JSON (`JSONTree`): `{"commitment": …, "kind": …, "time": …, "v": 1}` for a
/// confidential event, where `commitment` is the base64 SHA-256 of the preimage
/// `{"event": …, "salt": …}`; `{"body": …, "kind": …, "time": …, "v": 1}` for a public one.
public struct LogEntryDraft: Sendable, Hashable {
    /// What happened, as the audit trail names it (`organization.verify` …).
    public let kind: String
    /// The leaf's bytes, exactly as hashed and served.
    public let data: [UInt8]
    /// The commitment's preimage and who may see it; `nil` for a public entry.
    public let commitment: Commitment?

    /// The secret half of a confidential entry.
    public struct Commitment: Sendable, Hashable {
        /// The canonical JSON text whose SHA-256 is the leaf's `commitment`.
        public let preimage: String
        /// Who may see the revealed event.
        public let visibility: Visibility

        /// Creates a commitment's secret half, as stored.
        public init(preimage: String, visibility: Visibility) {
            self.preimage = preimage
            self.visibility = visibility
        }
    }

    /// The largest leaf the log accepts: what a tlog-tiles entry bundle can hold.
    public static let maximumSize = EntryBundle.maximumEntrySize

    /// A confidential entry: only a salted commitment to the event becomes public.
    ///
    /// - Parameters:
    ///   - kind: What happened.
    ///   - event: The event's details.
    ///   - visibility: Who may see the event once revealed.
    ///   - time: When it happened.
    ///   - salt: 32 random bytes, so that a guessable event cannot be found from its commitment.
    public static func confidential(
        kind: String, event: JSONTree, visibility: Visibility, time: Date, salt: [UInt8]
    ) -> LogEntryDraft {
        let preimage = JSONTree.object([
            "event": event, "salt": .string(Data(salt).base64EncodedString()),
        ]).canonicalText
        let commitment = Data(SHA256.hash(data: Data(preimage.utf8))).base64EncodedString()
        let leaf = JSONTree.object([
            "commitment": .string(commitment), "kind": .string(kind), "time": .string(Self.timestamp(time)),
            "v": .integer(1),
        ])
        return LogEntryDraft(
            kind: kind, data: Array(leaf.canonicalText.utf8),
            commitment: Commitment(preimage: preimage, visibility: visibility))
    }

    /// A public entry: the body itself becomes public.
    public static func published(kind: String, body: JSONTree, time: Date) -> LogEntryDraft {
        let leaf = JSONTree.object([
            "body": body, "kind": .string(kind), "time": .string(Self.timestamp(time)), "v": .integer(1),
        ])
        return LogEntryDraft(kind: kind, data: Array(leaf.canonicalText.utf8), commitment: nil)
    }

    /// The leaf hash.
    public var leafHash: MerkleHash { .leaf(data) }

    /// RFC 3339 in UTC with milliseconds.
    public static func timestamp(_ time: Date) -> String {
        time.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }
}
