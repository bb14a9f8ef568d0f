import Crypto

/// A key under which findings that describe the same vulnerability meet: a finding whose fingerprint a case
/// already holds joins that case.
///
/// The key is the kind and a 128-bit digest of the normalized parts, so that keys have one length whatever the
/// paths and frames were, and the store's index stays small.
public struct Fingerprint: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What the fingerprint was computed from, from the most to the least specific.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The tool's own fingerprint (SARIF `fingerprints`, `partialFingerprints`), within one project.
        case tool
        /// The project, file, function and weakness (CWE, else the rule).
        case location
        /// The project and the top three normalized frames of a crash's stack.
        case crash
        /// An advisory identifier (CVE, GHSA, PYSEC ...), which names one vulnerability everywhere.
        case alias
        /// The project, weakness and title, for a finding that has no other fingerprint: it meets only a report of
        /// the same words about the same project.
        case summary
    }

    public let kind: Kind
    /// `kind:` and 32 hexadecimal digits.
    public let key: String

    /// A fingerprint of normalized parts; the parts are separated so that no two lists give one key.
    public init(_ kind: Kind, parts: [String]) {
        var hasher = SHA256()
        for part in parts {
            hasher.update(data: Array(part.utf8) + [0])
        }
        self.kind = kind
        key = kind.rawValue + ":" + hasher.finalize().hex.prefix(32)
    }

    /// Reads a stored key.
    public init?(key: String) {
        guard let colon = key.firstIndex(of: ":"), let kind = Kind(rawValue: String(key[..<colon])) else {
            return nil
        }
        self.kind = kind
        self.key = key
    }

    public var description: String { key }

    public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool { lhs.key < rhs.key }
}
