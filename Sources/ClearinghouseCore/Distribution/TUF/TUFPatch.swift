public import Foundation

/// A patch a vendor attached to a fix of a case, published with the case's advisory as a TUF target at
/// `patches/CHX-2026-0001/<sha256>`: its bytes are the artifact's, so its hash is the artifact's digest.
public struct TUFPatch: Sendable, Hashable {
    public let advisory: AdvisoryID
    public let digest: ArtifactDigest
    public let length: Int

    public init(advisory: AdvisoryID, digest: ArtifactDigest, length: Int) {
        self.advisory = advisory
        self.digest = digest
        self.length = length
    }

    public var target: TUFTarget {
        TUFTarget(path: "patches/\(advisory)/\(digest.hex)", length: length, sha256: digest.hex)
    }
}

/// What a target's path serves.
public enum TUFTargetContent: Sendable, Hashable {
    /// An advisory's OSV document.
    case document(String)
    /// A patch's bytes.
    case patch(Data)
}
