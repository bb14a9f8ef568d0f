public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var validation: ValidationRepository { ValidationRepository(database: database) }
}

/// Reads and writes validators' keys, validation jobs, claims and attestations.
public struct ValidationRepository: Sendable {
    let database: any SQLDatabase

    // MARK: Keys

    /// Registers a validator's public key.
    public func insert(_ key: ValidatorKey) async throws {
        try await database.insert(
            [
                [
                    key.id.rawValue, key.organization.rawValue, key.keyID, key.publicKey,
                    Timestamp.microseconds(key.createdAt),
                ]
            ], into: "validator_keys", columns: ["id", "organization_id", "key_id", "public_key", "created_at"])
    }

    /// A key by its key id, revoked or not.
    public func key(keyID: String) async throws -> ValidatorKey? {
        try await keys(where: "key_id", keyID).first
    }

    /// A key by its id.
    public func key(_ id: ValidatorKey.ID) async throws -> ValidatorKey? {
        try await keys(where: "id", id.rawValue).first
    }

    /// Marks a key revoked: attestations it signs from now on are refused.
    public func revoke(_ id: ValidatorKey.ID, at date: Date) async throws {
        try await database.update("validator_keys").set("revoked_at", to: Timestamp.microseconds(date))
            .where("id", .equal, id.rawValue).run()
    }

    private func keys(where column: String, _ value: String) async throws -> [ValidatorKey] {
        try await database.select()
            .columns("id", "organization_id", "public_key", "created_at", "revoked_at").from("validator_keys")
            .where(SQLIdentifier(column), .equal, SQLBind(value)).all().map { row in
                let row = try StoredRow(row, table: "validator_keys")
                return ValidatorKey(
                    id: try row.identifier("id"), organization: try row.identifier("organization_id"),
                    publicKey: try row.value("public_key"), createdAt: try row.date("created_at"),
                    revokedAt: try row.optionalDate("revoked_at"))
            }
    }

    // MARK: Jobs

    private static let jobColumns = [
        "id", "case_id", "kind", "target", "artifact", "quorum", "outcome", "created_at", "closed_at",
    ]

    /// Opens a job.
    public func insert(_ job: ValidationJob) async throws {
        try await database.insert(
            [
                [
                    job.id.rawValue, job.caseID.rawValue, job.kind.rawValue, job.target.map(Self.targetText),
                    job.artifact?.hex, job.quorum, job.outcome?.rawValue, Timestamp.microseconds(job.createdAt),
                    job.closedAt.map(Timestamp.microseconds),
                ]
            ], into: "validation_jobs", columns: Self.jobColumns)
    }

    /// A job by id.
    public func job(_ id: ValidationJob.ID) async throws -> ValidationJob? {
        try await database.select().columns(Self.jobColumns).from("validation_jobs").where("id", .equal, id.rawValue)
            .first().map(Self.job)
    }

    /// A case's jobs, oldest first.
    public func jobs(ofCase caseID: Case.ID) async throws -> [ValidationJob] {
        try await database.select().columns(Self.jobColumns).from("validation_jobs")
            .where("case_id", .equal, caseID.rawValue).orderBy("id").all().map(Self.job)
    }

    /// Open jobs, oldest first.
    public func openJobs(limit: Int) async throws -> [ValidationJob] {
        try await database.select().columns(Self.jobColumns).from("validation_jobs")
            .where(SQLIdentifier("closed_at"), .is, SQLLiteral.null).orderBy("id").limit(limit).all().map(Self.job)
    }

    /// Closes a job with its outcome.
    public func close(_ id: ValidationJob.ID, outcome: ValidationJob.Outcome, at date: Date) async throws {
        try await database.update("validation_jobs").set("outcome", to: outcome.rawValue)
            .set("closed_at", to: Timestamp.microseconds(date)).where("id", .equal, id.rawValue).run()
    }

    /// A target as stored: the purl, or `{"repository", "commit"}` as JSON.
    private static func targetText(_ target: FindingTarget) -> String {
        String(decoding: (try? JSONEncoder().encode(target)) ?? Data(), as: UTF8.self)
    }

    private static func job(_ row: any SQLRow) throws -> ValidationJob {
        let row = try StoredRow(row, table: "validation_jobs")
        return ValidationJob(
            id: try row.identifier("id"), caseID: try row.identifier("case_id"), kind: try row.enumeration("kind"),
            target: try row.optionalJSON("target", as: FindingTarget.self, what: "target"),
            artifact: try row.optionalText("artifact").flatMap(ArtifactDigest.init), quorum: try row.value("quorum"),
            outcome: try row.optionalEnumeration("outcome"), createdAt: try row.date("created_at"),
            closedAt: try row.optionalDate("closed_at"))
    }

    // MARK: Claims

    private static let claimColumns = ["id", "job_id", "organization_id", "claimed_at", "expires_at", "attestation_id"]

    /// Records a claim.
    public func insert(_ claim: ValidationClaim) async throws {
        try await database.insert(
            [
                [
                    claim.id.rawValue, claim.jobID.rawValue, claim.organization.rawValue,
                    Timestamp.microseconds(claim.claimedAt), Timestamp.microseconds(claim.expiresAt),
                    claim.attestation?.rawValue,
                ]
            ], into: "validation_claims", columns: Self.claimColumns)
    }

    /// How many claims an organization holds open at `date`: not attested, not lapsed.
    public func openClaimCount(of organization: Organization.ID, at date: Date) async throws -> Int {
        try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "open")
            .from("validation_claims").where("organization_id", .equal, organization.rawValue)
            .where("attestation_id", .is, SQLLiteral.null).where("expired_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, Timestamp.microseconds(date))
            .first()?.decode(column: "open", as: Int.self) ?? 0
    }

    /// Whether an organization keeps a reason to be on a case's need-to-know list through validation: an
    /// attestation on one of the case's jobs, or a claim on one still open at `date`.
    public func keepsValidationAccess(
        _ organization: Organization.ID, toCase caseID: Case.ID, at date: Date
    ) async throws -> Bool {
        let jobs = try await database.select().column("id").from("validation_jobs")
            .where("case_id", .equal, caseID.rawValue).all().map { try $0.decode(column: "id", as: String.self) }
        guard !jobs.isEmpty else { return false }
        let kept = try await database.select().column("id").from("validation_claims")
            .where("organization_id", .equal, organization.rawValue).where("job_id", .in, jobs)
            .where { group in
                group.where("attestation_id", .isNot, SQLLiteral.null).orWhere { open in
                    open.where("expired_at", .is, SQLLiteral.null)
                        .where("expires_at", .greaterThan, Timestamp.microseconds(date))
                }
            }
            .first()
        return kept != nil
    }

    /// Up to `limit` claims that lapsed by `date` without an attestation and are not closed yet, oldest first.
    public func lapsedClaims(at date: Date, limit: Int) async throws -> [ValidationClaim] {
        try await database.select().columns(Self.claimColumns).from("validation_claims")
            .where("expires_at", .lessThanOrEqual, Timestamp.microseconds(date))
            .where("attestation_id", .is, SQLLiteral.null).where("expired_at", .is, SQLLiteral.null)
            .orderBy("expires_at").orderBy("id").limit(limit).all().map(Self.claim)
    }

    /// Closes lapsed claims: they stay on record, marked with when they were closed.
    public func closeLapsed(_ ids: [ValidationClaim.ID], at date: Date) async throws {
        for chunk in ids.inListChunks() {
            try await database.update("validation_claims").set("expired_at", to: Timestamp.microseconds(date))
                .where("id", .in, chunk.map(\.rawValue)).where("expired_at", .is, SQLLiteral.null).run()
        }
    }

    private static func claim(_ row: any SQLRow) throws -> ValidationClaim {
        let row = try StoredRow(row, table: "validation_claims")
        return ValidationClaim(
            id: try row.identifier("id"), jobID: try row.identifier("job_id"),
            organization: try row.identifier("organization_id"), claimedAt: try row.date("claimed_at"),
            expiresAt: try row.date("expires_at"), attestation: try row.optionalIdentifier("attestation_id"))
    }

    /// The claims on these jobs.
    public func claims(onJobs ids: [ValidationJob.ID]) async throws -> [ValidationClaim] {
        guard !ids.isEmpty else { return [] }
        return try await database.select().columns(Self.claimColumns).from("validation_claims")
            .where("job_id", .in, ids.map(\.rawValue)).orderBy("id").all().map(Self.claim)
    }

    /// An organization's latest claims, newest first.
    public func claims(of organization: Organization.ID, limit: Int) async throws -> [ValidationClaim] {
        try await database.select().columns(Self.claimColumns).from("validation_claims")
            .where("organization_id", .equal, organization.rawValue).orderBy("id", .descending).limit(limit).all()
            .map(Self.claim)
    }

    // MARK: Attestations

    private static let attestationColumns = [
        "id", "job_id", "organization_id", "key_id", "result", "environment_digest", "observed_signature",
        "signature", "submitted_at",
    ]

    /// Stores an attestation and marks the organization's claim on the job as attested.
    public func insert(_ attestation: Attestation) async throws {
        let statement = attestation.statement
        try await database.insert(
            [
                [
                    attestation.id.rawValue, attestation.jobID.rawValue, attestation.organization.rawValue,
                    attestation.keyID, statement.result.rawValue, statement.environmentDigest,
                    statement.observedSignature, attestation.signature, Timestamp.microseconds(attestation.submittedAt),
                ]
            ], into: "attestations", columns: Self.attestationColumns)
        try await database.update("validation_claims").set("attestation_id", to: attestation.id.rawValue)
            .where("job_id", .equal, attestation.jobID.rawValue)
            .where("organization_id", .equal, attestation.organization.rawValue).run()
    }

    /// A job's attestations, oldest first, with their statements rebuilt from the job.
    public func attestations(of job: ValidationJob) async throws -> [Attestation] {
        try await database.select().columns(Self.attestationColumns).from("attestations")
            .where("job_id", .equal, job.id.rawValue).orderBy("id").all().map { row in
                let row = try StoredRow(row, table: "attestations")
                let organization: Organization.ID = try row.identifier("organization_id")
                return Attestation(
                    id: try row.identifier("id"), jobID: job.id, organization: organization,
                    statement: AttestationStatement(
                        job: job, result: try row.enumeration("result"),
                        environmentDigest: try row.text("environment_digest"),
                        observedSignature: try row.text("observed_signature"), validator: organization),
                    signature: try row.value("signature"), keyID: try row.text("key_id"),
                    submittedAt: try row.date("submitted_at"))
            }
    }
}
