import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Hummingbird

/// k-of-n validation: validators register signing keys, claim jobs, and attest; a case is validated or rejected
/// when enough independent validators agree, and a fix is verified the same way.
struct ValidationController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/validator-keys", use: registerKey)
        routes.on(.delete, "/v1/validator-keys/{id}", use: revokeKey)
        routes.on(.post, "/v1/validation-jobs/claim", use: claim)
        routes.on(.get, "/v1/validation-jobs/{id}", use: show)
        routes.on(.post, "/v1/validation-jobs/{id}/attestations", use: attest)
        routes.on(.post, "/v1/cases/{id}/fix-verifications", use: requestFixVerification)
    }

    /// `POST /v1/validator-keys` with `{"public_key": BASE64}`: a validator organization's admins register the
    /// Ed25519 key that signs its attestations.
    @Sendable func registerKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        try await environment.authorizeMutation(
            .manageValidatorKeys, auditing: .validatorKeyRegister, target: nil, context: context)
        let body = try await request.decodeJSON(ValidatorKeyBody.self, limit: environment.configuration.maximumBodySize)
        let key = ValidatorKey(
            id: environment.dependencies.makeID(), organization: member.organizationID,
            publicKey: try ValidatorKey.publicKey(base64: body.publicKey), createdAt: environment.dependencies.now())
        let event = environment.auditEvent(
            .validatorKeyRegister, target: .validatorKey(key.id), context: context, detail: key.keyID)
        try await environment.store.write(event) { try await $0.validation.insert(key) }
        return .json(key, status: .created)
    }

    /// `DELETE /v1/validator-keys/{id}`: the organization's admins revoke a key; attestations it signed stay.
    @Sendable func revokeKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let id: ValidatorKey.ID = try context.parameters.identifier("id", of: "validator key")
        guard let key = try await environment.store.read({ try await $0.validation.key(id) }),
            key.organization == member.organizationID
        else { throw ClearinghouseError.notFound("validator key") }
        try await environment.authorizeMutation(
            .manageValidatorKeys, auditing: .validatorKeyRevoke, target: .validatorKey(id), context: context)
        let now = environment.dependencies.now()
        let event = environment.auditEvent(.validatorKeyRevoke, target: .validatorKey(id), context: context)
        try await environment.store.write(event) { try await $0.validation.revoke(id, at: now) }
        return Response(status: .noContent)
    }

    /// `POST /v1/validation-jobs/claim`: the oldest open job that the caller's organization may take (it reported
    /// no finding of the case, has not claimed the job, and the job still needs validators). Answers the job (whose
    /// fields make the statement to sign), the claim's expiry and the artifact's URL, or `204` when there is none.
    /// The organization joins the case's need-to-know list, so that it can read the case and its proof.
    @Sendable func claim(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        try await environment.authorizeMutation(
            .validate, auditing: .validationClaim, target: nil, context: context)
        let organization = member.organizationID
        let now = environment.dependencies.now()
        guard let job = try await offeredJob(to: organization, now: now) else {
            return Response(status: .noContent)
        }
        let claim = ValidationClaim(
            id: environment.dependencies.makeID(), jobID: job.id, organization: organization, claimedAt: now,
            expiresAt: now.addingTimeInterval(environment.configuration.validationClaimDuration))
        let event = environment.auditEvent(.validationClaim, target: .validationJob(job.id), context: context)
        try await environment.store.write(event) { repositories in
            try await repositories.validation.insert(claim)
            try await repositories.cases.addParticipant(organization, to: job.caseID, at: now)
        }
        return .json(ClaimBody(job: job, claim: claim))
    }

    private func offeredJob(to organization: Organization.ID, now: Date) async throws -> ValidationJob? {
        let quorumSize = environment.configuration.validationQuorum
        return try await environment.store.read { repositories in
            let jobs = try await repositories.validation.openJobs(limit: 500)
            let claims = Dictionary(
                grouping: try await repositories.validation.claims(onJobs: jobs.map(\.id)), by: \.jobID)
            for job in jobs where !(claims[job.id] ?? []).contains(where: { $0.organization == organization }) {
                let reporters = try await repositories.cases.reporters(of: job.caseID)
                guard !reporters.contains(organization) else { continue }
                let quorum = Quorum(size: quorumSize, reporters: reporters)
                let attestations = try await repositories.validation.attestations(of: job)
                if quorum.needsClaims(claims[job.id] ?? [], attestations: attestations, now: now) {
                    return job
                }
            }
            return nil
        }
    }

    /// `GET /v1/validation-jobs/{id}`: a job and its attestations, for those who may see its case.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (job, _) = try await visibleJob(context)
        let attestations = try await environment.store.read { try await $0.validation.attestations(of: job) }
        return .json(JobBody(job: job, attestations: attestations))
    }

    /// `POST /v1/validation-jobs/{id}/attestations` with `{"result", "environment_digest", "observed_signature",
    /// "key_id", "signature"}`: the claimant's signed result. When enough validators agree, the job closes and the
    /// case moves (validated or rejected; fixed for a fix that holds), in the same transaction.
    @Sendable func attest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let (job, owner) = try await visibleJob(context)
        try await environment.authorizeMutation(
            .validate, auditing: .validationAttest, target: .validationJob(job.id), context: context)
        let body = try await request.decodeJSON(AttestationBody.self, limit: environment.configuration.maximumBodySize)
        let result = try Attestation.Result.parse(body.result, field: "result")
        let report = try AttestationStatement.validatedReport(
            environmentDigest: body.environmentDigest, observedSignature: body.observedSignature)
        guard let signature = Data(base64Encoded: body.signature) else {
            throw ClearinghouseError.invalidField("signature", "`signature` must be base64.")
        }
        let statement = AttestationStatement(
            job: job, result: result, environmentDigest: report.environmentDigest,
            observedSignature: report.observedSignature, validator: member.organizationID)
        let dependencies = environment.dependencies
        let attestation = Attestation(
            id: dependencies.makeID(), jobID: job.id, organization: member.organizationID, statement: statement,
            signature: signature, keyID: body.keyID, submittedAt: dependencies.now())
        let event = environment.auditEvent(
            .validationAttest, target: .validationJob(job.id), context: context, detail: result.rawValue)
        let quorumSize = environment.configuration.validationQuorum
        let closed = try await environment.write(event) { repositories -> (ValidationJob, [LogEntryDraft]) in
            try await Self.checkSigner(attestation, repositories: repositories)
            try await Self.checkClaim(attestation, job: job, repositories: repositories)
            try await repositories.validation.insert(attestation)
            var entries = [LogEntryDraft.attested(attestation, of: owner, dependencies: dependencies)]
            let reporters = try await repositories.cases.reporters(of: job.caseID)
            let all = try await repositories.validation.attestations(of: job)
            var current = job
            if let outcome = Quorum(size: quorumSize, reporters: reporters).outcome(of: all) {
                try await repositories.validation.close(job.id, outcome: outcome, at: attestation.submittedAt)
                current.outcome = outcome
                current.closedAt = attestation.submittedAt
                if let moved = try await Self.moveCase(
                    job: current, outcome: outcome, attestation: attestation, repositories: repositories,
                    dependencies: dependencies)
                {
                    entries.append(moved)
                }
            }
            return (current, entries)
        }
        return .json(AttestedBody(attestation: attestation, job: closed), status: .created)
    }

    /// The signature must be the caller's organization's, by a key it registered and has not revoked.
    private static func checkSigner(_ attestation: Attestation, repositories: Repositories) async throws {
        guard let key = try await repositories.validation.key(keyID: attestation.keyID),
            key.organization == attestation.organization, key.revokedAt == nil
        else {
            throw ClearinghouseError.invalidField(
                "key_id", "`key_id` names no key your organization registered, or one it revoked.")
        }
        guard key.verifies(attestation.signature, of: Data(attestation.statement.canonicalText.utf8)) else {
            throw ClearinghouseError.invalidField(
                "signature",
                "The signature does not verify: sign the statement's canonical JSON (see `statement` in the claim) with the key `\(attestation.keyID)`."
            )
        }
    }

    /// Only a claimant attests, once, while the job is open.
    private static func checkClaim(
        _ attestation: Attestation, job: ValidationJob, repositories: Repositories
    ) async throws {
        guard let current = try await repositories.validation.job(job.id), current.isOpen else {
            throw ClearinghouseError(.conflict, "The job is closed: enough validators already agreed.")
        }
        let claims = try await repositories.validation.claims(onJobs: [job.id])
        guard let claim = claims.first(where: { $0.organization == attestation.organization }) else {
            throw ClearinghouseError(
                .conflict, "Your organization has not claimed this job; claim it with `POST /v1/validation-jobs/claim`."
            )
        }
        guard claim.attestation == nil else {
            throw ClearinghouseError(.conflict, "Your organization already attested this job.")
        }
    }

    /// Moves the case as the job's outcome says, when its state allows; returns the transition's log entry.
    private static func moveCase(
        job: ValidationJob, outcome: ValidationJob.Outcome, attestation: Attestation, repositories: Repositories,
        dependencies: Dependencies
    ) async throws -> LogEntryDraft? {
        guard let current = try await repositories.cases.find(job.caseID),
            let next = Quorum.caseState(after: outcome, of: job.kind, from: current.state)
        else { return nil }
        let transition = CaseTransition(
            id: dependencies.makeID(), caseID: current.id, from: current.state, to: next,
            actor: AuditActor(organizationID: attestation.organization, tokenID: nil, channel: .api),
            reason:
                "validation quorum: \(job.quorum) validators \(outcome == .reproduced ? "reproduced" : "did not reproduce") the proof (job \(job.id))",
            occurredAt: attestation.submittedAt)
        try await repositories.cases.apply(transition)
        return .caseTransitioned(transition, of: current, dependencies: dependencies)
    }

    /// `POST /v1/cases/{id}/fix-verifications` with `{"target": {"purl": …}}`: coordinators, or a vendor on the
    /// case, ask validators to check that the proof no longer reproduces on the fixed version.
    @Sendable func requestFixVerification(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let id = found.id
        try await environment.authorizeMutation(
            .requestFixVerification(found), auditing: .validationRequest, target: .case(id), context: context)
        let body = try await request.decodeJSON(
            FixVerificationBody.self, limit: environment.configuration.maximumBodySize)
        let target = try body.target.validated(field: "target")
        let (_, artifact) = try await environment.store.read { try await $0.cases.evidence(of: id) }
        let job = ValidationJob(
            id: environment.dependencies.makeID(), caseID: id, kind: .fix, target: target, artifact: artifact,
            quorum: environment.configuration.validationQuorum, createdAt: environment.dependencies.now())
        let event = environment.auditEvent(
            .validationRequest, target: .validationJob(job.id), context: context, detail: "fix: \(target.text)")
        try await environment.store.write(event) { try await $0.validation.insert(job) }
        return .json(job, status: .created)
    }

    /// The job named by the path, with its case, when the caller may see the case.
    private func visibleJob(_ context: AppRequestContext) async throws -> (ValidationJob, Case) {
        _ = try context.requireMember()
        let id: ValidationJob.ID = try context.parameters.identifier("id", of: "validation job")
        let found = try await environment.store.read { repositories -> (ValidationJob, Case)? in
            guard let job = try await repositories.validation.job(id),
                let owner = try await repositories.cases.find(job.caseID)
            else { return nil }
            return (job, owner)
        }
        guard let (job, owner) = found, environment.policy.read(owner.visibility, by: context.party).isGranted else {
            throw ClearinghouseError.notFound("validation job")
        }
        return (job, owner)
    }
}

/// A claimed job: the job, when the claim expires, and where to fetch its proof.
private struct ClaimBody: JSONWritable {
    let job: ValidationJob
    let claim: ValidationClaim

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("claim_id", claim.id)
            json.field("expires_at", claim.expiresAt)
            json.field("job", job)
            json.nullableField("artifact_url", job.artifact.map { "/v1/artifacts/\($0)" })
        }
    }
}

private struct JobBody: JSONWritable {
    let job: ValidationJob
    let attestations: [Attestation]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("job", job)
            json.field("attestations", attestations)
        }
    }
}

private struct AttestedBody: JSONWritable {
    let attestation: Attestation
    let job: ValidationJob

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("attestation", attestation)
            json.field("job", job)
        }
    }
}
