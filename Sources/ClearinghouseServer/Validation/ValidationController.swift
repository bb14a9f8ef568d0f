import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

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

    var validation: ValidationWorkflows { ValidationWorkflows(environment.workflows) }

    /// `POST /v1/validator-keys` with `{"public_key": BASE64}`: a validator organization's admins register the
    /// Ed25519 key that signs its attestations.
    @Sendable func registerKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let requester = environment.requester(context)
        _ = try requester.member()
        try await validation.authorize(.manageValidatorKeys, .validatorKeyRegister, target: nil, by: requester)
        let body = try await request.decodeJSON(ValidatorKeyBody.self, limit: environment.configuration.maximumBodySize)
        let key = try await validation.registerKey(try ValidatorKey.publicKey(base64: body.publicKey), by: requester)
        return .json(key, status: .created)
    }

    /// `DELETE /v1/validator-keys/{id}`: the organization's admins revoke a key; attestations it signed stay.
    @Sendable func revokeKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let id: ValidatorKey.ID = try context.parameters.identifier("id", of: "validator key")
        try await validation.revokeKey(id, by: environment.requester(context))
        return Response(status: .noContent)
    }

    /// `POST /v1/validation-jobs/claim`: the oldest open job that the caller's organization may take (it reported
    /// no finding of the case, has not claimed the job, and the job still needs validators). Answers the job (whose
    /// fields make the statement to sign), the claim's expiry and the artifact's URL, or `204` when there is none.
    /// The organization joins the case's need-to-know list, so that it can read the case and its proof.
    @Sendable func claim(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (job, claim) = try await validation.claim(by: environment.requester(context)) else {
            return Response(status: .noContent)
        }
        return .json(ClaimBody(job: job, claim: claim))
    }

    /// `GET /v1/validation-jobs/{id}`: a job and its attestations, for those who may see its case.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (job, _) = try await visibleJob(context)
        return .json(JobBody(job: job, attestations: try await validation.attestations(of: job)))
    }

    /// `POST /v1/validation-jobs/{id}/attestations` with `{"result", "environment_digest", "observed_signature",
    /// "key_id", "signature"}`: the claimant's signed result. When enough validators agree, the job closes and the
    /// case moves (validated or rejected; fixed for a fix that holds), in the same transaction.
    @Sendable func attest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (job, owner) = try await visibleJob(context)
        let requester = environment.requester(context)
        try await validation.authorize(.validate, .validationAttest, target: .validationJob(job.id), by: requester)
        let body = try await request.decodeJSON(AttestationBody.self, limit: environment.configuration.maximumBodySize)
        let result = try Attestation.Result.parse(body.result, field: "result")
        let report = try AttestationStatement.validatedReport(
            environmentDigest: body.environmentDigest, observedSignature: body.observedSignature)
        guard let signature = Data(base64Encoded: body.signature) else {
            throw ClearinghouseError.invalidField("signature", "`signature` must be base64.")
        }
        let (attestation, closed) = try await validation.attest(
            .init(
                result: result, environmentDigest: report.environmentDigest,
                observedSignature: report.observedSignature, signature: signature, keyID: body.keyID),
            job: job, of: owner, by: requester)
        return .json(AttestedBody(attestation: attestation, job: closed), status: .created)
    }

    /// `POST /v1/cases/{id}/fix-verifications` with `{"target": {"purl": …}}`: coordinators, or a vendor on the
    /// case, ask validators to check that the proof no longer reproduces on the fixed version.
    @Sendable func requestFixVerification(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await environment.visibleCase(context)
        let requester = environment.requester(context)
        try await validation.authorize(
            .requestFixVerification(found), .validationRequest, target: .case(found.id), by: requester)
        let body = try await request.decodeJSON(
            FixVerificationBody.self, limit: environment.configuration.maximumBodySize)
        let target = try body.target.validated(field: "target")
        let job = try await validation.requestFixVerification(of: found, target: target, by: requester)
        return .json(job, status: .created)
    }

    /// The job named by the path, with its case, when the caller may see the case.
    private func visibleJob(_ context: AppRequestContext) async throws -> (ValidationJob, Case) {
        _ = try context.requireMember()
        let id: ValidationJob.ID = try context.parameters.identifier("id", of: "validation job")
        return try await validation.visibleJob(id, by: environment.requester(context))
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
