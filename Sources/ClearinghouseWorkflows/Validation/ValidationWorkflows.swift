public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// k-of-n validation: validators register signing keys, claim jobs, and attest; a case is validated or rejected
/// when enough independent validators agree (``Quorum``), and a fix is verified the same way. Every public
/// function asks the access gate first.
public struct ValidationWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Checks that the requester may do a validation action, before its input is read.
    public func authorize(_ action: Action, _ attempt: AuditAction, target: AuditTarget?, by requester: Requester)
        async throws
    {
        try await workflows.gate.authorizeMutation(action, auditing: attempt, target: target, by: requester)
    }

    /// Registers the Ed25519 key with which the requester's validator organization signs attestations.
    public func registerKey(_ publicKey: Data, by requester: Requester) async throws -> ValidatorKey {
        let member = try requester.member()
        try await authorize(.manageValidatorKeys, .validatorKeyRegister, target: nil, by: requester)
        let dependencies = workflows.dependencies
        let key = ValidatorKey(
            id: dependencies.makeID(), organization: member.organizationID, publicKey: publicKey,
            createdAt: dependencies.now())
        let event = requester.event(
            .validatorKeyRegister, target: .validatorKey(key.id), detail: key.keyID, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.validation.insert(key)
            return .nothing
        }
        return key
    }

    /// Revokes one of the requester's organization's keys; attestations it signed stay.
    ///
    /// - Throws: `not_found` for keys of other organizations.
    public func revokeKey(_ id: ValidatorKey.ID, by requester: Requester) async throws {
        let member = try requester.member()
        guard let key = try await workflows.store.read({ try await $0.validation.key(id) }),
            key.organization == member.organizationID
        else { throw ClearinghouseError.notFound("validator key") }
        try await authorize(.manageValidatorKeys, .validatorKeyRevoke, target: .validatorKey(id), by: requester)
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(.validatorKeyRevoke, target: .validatorKey(id), dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.validation.revoke(id, at: now)
            return .nothing
        }
    }

    /// Claims the oldest open job the requester's organization may take: it reported no finding of the case, has
    /// not claimed the job, and the job still needs validators. The organization joins the case's need-to-know
    /// list, so that it can read the case and its proof.
    ///
    /// - Returns: the job and the claim, or `nil` when no job is offered.
    public func claim(by requester: Requester) async throws -> (ValidationJob, ValidationClaim)? {
        let member = try requester.member()
        try await authorize(.validate, .validationClaim, target: nil, by: requester)
        let organization = member.organizationID
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let limit = workflows.settings.openClaimsPerOrganization
        guard try await workflows.store.read({ try await $0.validation.openClaimCount(of: organization, at: now) }) < limit
        else { throw Self.tooManyClaims(limit) }
        guard let job = try await offeredJob(to: organization, now: now) else { return nil }
        let claim = ValidationClaim(
            id: dependencies.makeID(), jobID: job.id, organization: organization, claimedAt: now,
            expiresAt: now.addingTimeInterval(workflows.settings.validationClaimDuration))
        let event = requester.event(.validationClaim, target: .validationJob(job.id), dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            // Counted again in the transaction: claims made at once by one organization's agents race here.
            guard try await repositories.validation.openClaimCount(of: organization, at: now) < limit else {
                throw Self.tooManyClaims(limit)
            }
            try await repositories.validation.insert(claim)
            guard var found = try await repositories.cases.find(job.caseID) else { return .nothing }
            guard !found.participants.contains(organization) else { return .nothing }
            try await repositories.cases.addParticipant(organization, to: job.caseID, at: now)
            found.participants.insert(organization)
            // The claim puts the validator on the case's need-to-know list: an access grant, logged so that the
            // validator can prove it and others can audit it.
            let grant = LogEntryDraft.caseChanged(
                .caseParticipantAdd, found,
                details: [
                    "organization_id": .string(organization.rawValue), "reason": .string("validation_claim"),
                    "job_id": .string(job.id.rawValue), "expires_at": .string(LogEntryDraft.timestamp(claim.expiresAt)),
                ], at: now, dependencies: dependencies)
            return Recorded((), log: [grant])
        }
        return (job, claim)
    }

    private static func tooManyClaims(_ limit: Int) -> ClearinghouseError {
        ClearinghouseError(
            .conflict,
            "Your organization holds \(limit) open claims, the most it may: attest one, or let one lapse, before claiming another.")
    }

    private func offeredJob(to organization: Organization.ID, now: Date) async throws -> ValidationJob? {
        let quorumSize = workflows.settings.validationQuorum
        return try await workflows.store.read { repositories in
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

    /// A validation job and its case, when the requester may see the case.
    ///
    /// - Throws: `not_found` when it does not exist or the case is hidden from the requester.
    public func visibleJob(_ id: ValidationJob.ID, by requester: Requester) async throws -> (ValidationJob, Case) {
        let found = try await workflows.store.read { repositories -> (ValidationJob, Case)? in
            guard let job = try await repositories.validation.job(id),
                let owner = try await repositories.cases.find(job.caseID)
            else { return nil }
            return (job, owner)
        }
        guard let (job, owner) = found, workflows.gate.mayRead(owner.visibility, by: requester) else {
            throw ClearinghouseError.notFound("validation job")
        }
        return (job, owner)
    }

    /// The requester's organization's latest claims, newest first, each with its job.
    public func ownClaims(limit: Int, by requester: Requester) async throws -> [(claim: ValidationClaim, job: ValidationJob)] {
        let organization = try requester.member().organizationID
        return try await workflows.store.read { repositories in
            var found: [(claim: ValidationClaim, job: ValidationJob)] = []
            for claim in try await repositories.validation.claims(of: organization, limit: limit) {
                if let job = try await repositories.validation.job(claim.jobID) { found.append((claim, job)) }
            }
            return found
        }
    }

    /// A job's attestations.
    public func attestations(of job: ValidationJob) async throws -> [Attestation] {
        try await workflows.store.read { try await $0.validation.attestations(of: job) }
    }

    /// What a validator attests.
    public struct Report: Sendable {
        public let result: Attestation.Result
        public let environmentDigest: String
        public let observedSignature: String
        public let signature: Data
        public let keyID: String

        public init(
            result: Attestation.Result, environmentDigest: String, observedSignature: String, signature: Data,
            keyID: String
        ) {
            self.result = result
            self.environmentDigest = environmentDigest
            self.observedSignature = observedSignature
            self.signature = signature
            self.keyID = keyID
        }
    }

    /// Records a claimant's signed result. When enough validators agree, the job closes and the case moves
    /// (validated or rejected; fixed for a fix that holds), in the same transaction.
    ///
    /// - Returns: the attestation and the job as it now is.
    /// - Throws: `invalid_field` for a key or signature that does not verify; `conflict` when the job is closed,
    ///   was not claimed by the requester's organization, or was attested already.
    public func attest(_ report: Report, job: ValidationJob, of owner: Case, by requester: Requester) async throws
        -> (Attestation, ValidationJob)
    {
        let member = try requester.member()
        try await authorize(.validate, .validationAttest, target: .validationJob(job.id), by: requester)
        let statement = AttestationStatement(
            job: job, result: report.result, environmentDigest: report.environmentDigest,
            observedSignature: report.observedSignature, validator: member.organizationID)
        let dependencies = workflows.dependencies
        let attestation = Attestation(
            id: dependencies.makeID(), jobID: job.id, organization: member.organizationID, statement: statement,
            signature: report.signature, keyID: report.keyID, submittedAt: dependencies.now())
        let event = requester.event(
            .validationAttest, target: .validationJob(job.id), detail: report.result.rawValue,
            dependencies: dependencies)
        let quorumSize = workflows.settings.validationQuorum
        let embargoPolicy = workflows.settings.embargoPolicy
        let closed = try await workflows.commits.commit(event) { repositories -> Recorded<ValidationJob> in
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
                entries += try await Self.moveCase(
                    job: current, outcome: outcome, attestation: attestation, embargoPolicy: embargoPolicy,
                    repositories: repositories, dependencies: dependencies)
            }
            return Recorded(current, log: entries)
        }
        return (attestation, closed)
    }

    /// The signature must be the requester's organization's, by a key it registered and has not revoked.
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
        guard claim.expiresAt > attestation.submittedAt else {
            throw ClearinghouseError(
                .conflict, "Your organization's claim on this job lapsed; another validator may take its place.")
        }
    }

    /// Moves the case as the job's outcome says, when its state allows; a validated case's embargo opens.
    ///
    /// - Returns: the log entries of the transition and of the embargo's first proposal.
    private static func moveCase(
        job: ValidationJob, outcome: ValidationJob.Outcome, attestation: Attestation, embargoPolicy: EmbargoPolicy,
        repositories: Repositories, dependencies: Dependencies
    ) async throws -> [LogEntryDraft] {
        guard let current = try await repositories.cases.find(job.caseID),
            let next = Quorum.caseState(after: outcome, of: job.kind, from: current.state)
        else { return [] }
        let transition = CaseTransition(
            id: dependencies.makeID(), caseID: current.id, from: current.state, to: next,
            actor: AuditActor(organizationID: attestation.organization, tokenID: nil, channel: .api),
            reason:
                "validation quorum: \(job.quorum) validators \(outcome == .reproduced ? "reproduced" : "did not reproduce") the proof (job \(job.id))",
            occurredAt: attestation.submittedAt)
        try await repositories.cases.apply(transition)
        var entries = [LogEntryDraft.caseTransitioned(transition, of: current, dependencies: dependencies)]
        if next == .validated,
            let proposal = try await EmbargoWorkflows.open(
                for: current, at: transition.occurredAt, policy: embargoPolicy, repositories: repositories,
                dependencies: dependencies)
        {
            entries.append(proposal)
        }
        return entries
    }

    /// Asks validators to check that a case's proof no longer reproduces on a fixed version (coordinators, or a
    /// vendor on the case).
    public func requestFixVerification(of found: Case, target: FindingTarget, by requester: Requester) async throws
        -> ValidationJob
    {
        try await authorize(
            .requestFixVerification(found), .validationRequest, target: .case(found.id), by: requester)
        let (_, artifact) = try await workflows.store.read { try await $0.cases.evidence(of: found.id) }
        let dependencies = workflows.dependencies
        let job = ValidationJob(
            id: dependencies.makeID(), caseID: found.id, kind: .fix, target: target, artifact: artifact,
            quorum: workflows.settings.validationQuorum, createdAt: dependencies.now())
        let event = requester.event(
            .validationRequest, target: .validationJob(job.id), detail: "fix: \(target.text)",
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.validation.insert(job)
            return .nothing
        }
        return job
    }
}
