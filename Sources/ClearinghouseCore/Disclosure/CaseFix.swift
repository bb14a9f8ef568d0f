public import Foundation

/// A fix a vendor (or a coordinator for it) records on a case: the first fixed version of a package, or the commit
/// of a repository that fixes it, from which version it was affected, and a patch artifact when there is one.
/// Validators check it with a fix verification; a published advisory lists it.
public struct CaseFix: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<CaseFix>

    public static let maximumNoteLength = 4_000

    public let id: ID
    public let caseID: Case.ID
    /// The organization that recorded it.
    public let organization: Organization.ID
    /// The fixed version (`pkg:pypi/demo@1.1`) or the fixing commit.
    public let target: FindingTarget
    /// The first affected version of the package; `nil` is every version before the fix.
    public let introduced: String?
    /// A patch, uploaded as an artifact.
    public let patch: ArtifactDigest?
    public let note: String?
    public let recordedAt: Date

    /// Checks a fix as it is given.
    ///
    /// - Throws: `invalid_field` for `target.purl` without its fixed version, `target.commit` missing from a
    ///   repository fix, `introduced` given with a repository fix or not a single line of at most 256 characters, and `note`
    ///   too long or holding control characters; what ``FindingTarget/validated(field:)`` refuses.
    public init(
        id: ID, caseID: Case.ID, organization: Organization.ID, target: FindingTarget, introduced: String?,
        patch: ArtifactDigest?, note: String?, recordedAt: Date
    ) throws(ClearinghouseError) {
        let target = try target.validated(field: "target")
        if case .repository(_, let commit) = target {
            guard commit != nil else {
                throw .invalidField("target.commit", "A fix in a repository names the commit that fixes it.")
            }
            guard introduced == nil else {
                throw .invalidField("introduced", "`introduced` is a package version; a repository fix has none.")
            }
        }
        self.id = id
        self.caseID = caseID
        self.organization = organization
        self.target = target
        self.introduced = try introduced.map { text throws(ClearinghouseError) in
            try TextRules.singleLine(text, field: "introduced", maximumLength: 256)
        }
        self.patch = patch
        self.note = try note.map { text throws(ClearinghouseError) in
            try TextRules.note(text, field: "note", maximumLength: Self.maximumNoteLength)
        }
        self.recordedAt = recordedAt
    }

    /// A fix as it was stored.
    public init(
        stored id: ID, caseID: Case.ID, organization: Organization.ID, target: FindingTarget, introduced: String?,
        patch: ArtifactDigest?, note: String?, recordedAt: Date
    ) {
        self.id = id
        self.caseID = caseID
        self.organization = organization
        self.target = target
        self.introduced = introduced
        self.patch = patch
        self.note = note
        self.recordedAt = recordedAt
    }
}
