public import Foundation

/// Work for validators: reproduce a case's proof (is it real?) or check a fix (does the proof no longer
/// reproduce on the fixed version?). Validator organizations claim a job, run the proof in their own sandbox, and
/// sign an attestation; the job closes when enough of them agree.
public struct ValidationJob: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ValidationJob>

    /// What validators are asked.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Does the proof reproduce on the reported target?
        case reproduce
        /// Does the proof still reproduce on the fixed target? It should not.
        case fix
    }

    /// How a job ended.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Enough validators reproduced the vulnerability.
        case reproduced
        /// Enough validators could not reproduce it.
        case notReproduced = "not_reproduced"
    }

    public var id: ID
    public var caseID: Case.ID
    public var kind: Kind
    /// What to run the proof against.
    public var target: FindingTarget?
    /// The proof, when the case has one.
    public var artifact: ArtifactDigest?
    /// How many distinct validator organizations must agree.
    public var quorum: Int
    public var outcome: Outcome?
    public var createdAt: Date
    public var closedAt: Date?

    public init(
        id: ID, caseID: Case.ID, kind: Kind, target: FindingTarget?, artifact: ArtifactDigest?, quorum: Int,
        outcome: Outcome? = nil, createdAt: Date, closedAt: Date? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.target = target
        self.artifact = artifact
        self.quorum = quorum
        self.outcome = outcome
        self.createdAt = createdAt
        self.closedAt = closedAt
    }

    public var isOpen: Bool { closedAt == nil }
}

/// A validator organization's claim on a job: it will attest before `expiresAt`.
public struct ValidationClaim: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<ValidationClaim>

    public var id: ID
    public var jobID: ValidationJob.ID
    public var organization: Organization.ID
    public var claimedAt: Date
    public var expiresAt: Date
    /// Set once the organization attested.
    public var attestation: Attestation.ID?

    public init(
        id: ID, jobID: ValidationJob.ID, organization: Organization.ID, claimedAt: Date, expiresAt: Date,
        attestation: Attestation.ID? = nil
    ) {
        self.id = id
        self.jobID = jobID
        self.organization = organization
        self.claimedAt = claimedAt
        self.expiresAt = expiresAt
        self.attestation = attestation
    }
}
