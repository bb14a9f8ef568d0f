public import Foundation
public import JSONSupport

/// A validator organization's signed account of running a job's proof.
public struct Attestation: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Attestation>

    /// What the validator observed.
    public enum Result: String, Sendable, Hashable, CaseIterable {
        case reproduced
        case notReproduced = "not_reproduced"
        /// The run said nothing either way (it timed out, or the environment could not run the proof).
        case inconclusive
    }

    public var id: ID
    public var jobID: ValidationJob.ID
    public var organization: Organization.ID
    public var statement: AttestationStatement
    /// The Ed25519 signature of the statement's canonical text.
    public var signature: Data
    /// The key that made the signature.
    public var keyID: String
    public var submittedAt: Date

    public init(
        id: ID, jobID: ValidationJob.ID, organization: Organization.ID, statement: AttestationStatement,
        signature: Data, keyID: String, submittedAt: Date
    ) {
        self.id = id
        self.jobID = jobID
        self.organization = organization
        self.statement = statement
        self.signature = signature
        self.keyID = keyID
        self.submittedAt = submittedAt
    }

    public var result: Result { statement.result }
}

/// What a validator signs: the job, what was run, what it found, and who found it.
///
/// The signed bytes are the statement's canonical JSON (RFC 8785 for these values):
/// `{"artifact": "sha256:…"|null, "case_id", "environment_digest", "job_id", "kind", "observed_signature",
/// "result", "target": "pkg:…"|"URL@commit"|null, "v": 1, "validator"}`. Anyone with the validator's public key can
/// check an attestation from the statement alone.
public struct AttestationStatement: Sendable, Hashable {
    public var jobID: ValidationJob.ID
    public var caseID: Case.ID
    public var kind: ValidationJob.Kind
    public var target: String?
    public var artifact: ArtifactDigest?
    public var result: Attestation.Result
    /// A digest of the environment the proof ran in (image, toolchain, command), as the validator computes it.
    public var environmentDigest: String
    /// What the run showed: a crash's type and frames, or an exit status.
    public var observedSignature: String
    public var validator: Organization.ID

    public init(
        job: ValidationJob, result: Attestation.Result, environmentDigest: String, observedSignature: String,
        validator: Organization.ID
    ) {
        self.init(
            jobID: job.id, caseID: job.caseID, kind: job.kind, target: job.target?.text, artifact: job.artifact,
            result: result, environmentDigest: environmentDigest, observedSignature: observedSignature,
            validator: validator)
    }

    /// A statement from a job as a client reads it over HTTP (its target as text).
    public init(
        jobID: ValidationJob.ID, caseID: Case.ID, kind: ValidationJob.Kind, target: String?,
        artifact: ArtifactDigest?, result: Attestation.Result, environmentDigest: String, observedSignature: String,
        validator: Organization.ID
    ) {
        self.jobID = jobID
        self.caseID = caseID
        self.kind = kind
        self.target = target
        self.artifact = artifact
        self.result = result
        self.environmentDigest = environmentDigest
        self.observedSignature = observedSignature
        self.validator = validator
    }

    /// The bytes that are signed.
    public var canonicalText: String {
        JSONTree.object([
            "artifact": artifact.map { .string($0.description) } ?? .null,
            "case_id": .string(caseID.rawValue),
            "environment_digest": .string(environmentDigest),
            "job_id": .string(jobID.rawValue),
            "kind": .string(kind.rawValue),
            "observed_signature": .string(observedSignature),
            "result": .string(result.rawValue),
            "target": target.map(JSONTree.string) ?? .null,
            "v": .integer(1),
            "validator": .string(validator.rawValue),
        ]).canonicalText
    }

    /// Checks the fields a validator reports.
    ///
    /// - Throws: `ClearinghouseError.invalidField` naming `environment_digest` or `observed_signature`.
    public static func validatedReport(
        environmentDigest: String, observedSignature: String
    ) throws(ClearinghouseError) -> (environmentDigest: String, observedSignature: String) {
        (
            try TextRules.singleLine(environmentDigest, field: "environment_digest", maximumLength: 200),
            try TextRules.note(observedSignature, field: "observed_signature", maximumLength: 2_000)
        )
    }
}
