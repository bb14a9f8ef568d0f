import Foundation
import JSONSupport

/// The frontier framework in the transparency log. A threshold policy's pre-registration is public, so anyone can
/// check that the policy a result was judged by existed, unchanged, before the result; who holds the designation
/// role, and what happened to a model, are commitments revealed to those who may see them.
extension LogEntryDraft {
    public static func thresholdPolicyRegistered(_ registered: RegisteredThresholdPolicy) -> LogEntryDraft {
        .published(
            kind: AuditAction.thresholdPolicyRegister.rawValue,
            body: .object([
                "policy_id": .string(registered.id.rawValue), "name": .string(registered.policy.name),
                "version": .integer(Int64(registered.policy.version)),
                "effective_from": .string(registered.policy.effectiveFrom), "sha256": .string(registered.digest),
            ]), time: registered.registeredAt)
    }

    public static func designationAuthorityChanged(
        _ authority: DesignationAuthority, action: AuditAction, dependencies: Dependencies
    ) -> LogEntryDraft {
        .confidential(
            kind: action.rawValue,
            event: .object([
                "organization_id": .string(authority.organization.rawValue),
                "by": .string(authority.designatedBy.rawValue), "at": .string(timestamp(dependencies.now())),
            ]), visibility: authority.visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// A model registered, released or withdrawn: its id, name and version, and the date the action set.
    public static func modelChanged(
        _ model: FrontierModel, action: AuditAction, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        var event: [String: JSONTree] = [
            "model_id": .string(model.id.rawValue), "developer_id": .string(model.developer.rawValue),
            "name": .string(model.name), "version": .string(model.version),
        ]
        if let releasedAt = model.releasedAt { event["released_at"] = .string(timestamp(releasedAt)) }
        if let withdrawnAt = model.withdrawnAt { event["withdrawn_at"] = .string(timestamp(withdrawnAt)) }
        return .confidential(
            kind: action.rawValue, event: .object(event), visibility: visibility, time: dependencies.now(),
            salt: dependencies.randomBytes(32))
    }

    /// An evaluation submitted: the model, the suite, who submitted it and the file's SHA-256, so that the log a
    /// determination rests on can be proved later.
    public static func evaluationSubmitted(
        _ evaluation: SubmittedEvaluation, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        .confidential(
            kind: AuditAction.evaluationSubmit.rawValue,
            event: .object([
                "evaluation_id": .string(evaluation.id.rawValue), "model_id": .string(evaluation.model.rawValue),
                "suite": .string(evaluation.suite), "submitted_by": .string(evaluation.submittedBy.rawValue),
                "sha256": .string(evaluation.digest),
            ]), visibility: visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// A developer asked whether its model meets the designation.
    public static func designationRequested(
        _ request: DesignationRequest, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        .confidential(
            kind: AuditAction.designationRequest.rawValue,
            event: .object([
                "request_id": .string(request.id.rawValue), "model_id": .string(request.model.rawValue),
                "requested_by": .string(request.requestedBy.rawValue),
                "evaluation_ids": .array(request.evaluations.map { .string($0.rawValue) }),
            ]), visibility: visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// An authority's determination: the outcome, the policy and its digest, the evaluations, the rationale, and
    /// whom it consulted.
    public static func determinationRecorded(
        _ determination: Determination, policyDigest: String, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        .confidential(
            kind: AuditAction.determinationRecord.rawValue,
            event: .object([
                "determination_id": .string(determination.id.rawValue),
                "model_id": .string(determination.model.rawValue), "outcome": .string(determination.outcome.rawValue),
                "policy_id": .string(determination.policy.rawValue), "policy_sha256": .string(policyDigest),
                "evaluation_ids": .array(determination.evaluations.map { .string($0.rawValue) }),
                "consulted": .array(determination.consulted.map { .string($0.rawValue) }),
                "rationale": .string(determination.rationale),
                "recorded_by": .string(determination.recordedBy.rawValue),
            ]), visibility: visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    public static func determinationSignedOff(
        _ signOff: DeterminationSignOff, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        .confidential(
            kind: AuditAction.determinationSignOff.rawValue,
            event: .object([
                "determination_id": .string(signOff.determination.rawValue),
                "organization_id": .string(signOff.organization.rawValue),
                "position": .string(signOff.position.rawValue),
            ]), visibility: visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// A window opened or closed: the model, the evaluators and the window's dates.
    public static func accessWindowChanged(
        _ window: AccessWindow, action: AuditAction, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        var event: [String: JSONTree] = [
            "window_id": .string(window.id.rawValue), "model_id": .string(window.model.rawValue),
            "evaluator_ids": .array(window.evaluators.map { .string($0.rawValue) }),
            "starts_at": .string(timestamp(window.startsAt)), "ends_at": .string(timestamp(window.endsAt)),
        ]
        if let closedAt = window.closedAt { event["closed_at"] = .string(timestamp(closedAt)) }
        return .confidential(
            kind: action.rawValue, event: .object(event), visibility: visibility, time: dependencies.now(),
            salt: dependencies.randomBytes(32))
    }

    /// An evaluator accepted a window's terms.
    public static func windowTermsAccepted(
        _ terms: ConfidentialityTerms, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        .confidential(
            kind: AuditAction.accessWindowAcceptTerms.rawValue,
            event: .object([
                "window_id": .string(terms.window.rawValue), "evaluator_id": .string(terms.evaluator.rawValue),
                "nda_scope": .string(terms.ndaScope), "handling_level": .string(terms.handlingLevel.rawValue),
                "ip_categories": .array(terms.ipCategories.sorted().map { .string($0.rawValue) }),
            ]), visibility: visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }

    /// An evaluator attested, at a window's close, what it retained or destroyed.
    public static func windowAttested(
        _ attestation: WindowAttestation, visibility: Visibility, dependencies: Dependencies
    ) -> LogEntryDraft {
        .confidential(
            kind: AuditAction.accessWindowAttest.rawValue,
            event: .object([
                "window_id": .string(attestation.window.rawValue),
                "evaluator_id": .string(attestation.evaluator.rawValue),
                "disposition": .string(attestation.disposition.rawValue),
                "statement": .string(attestation.statement),
            ]), visibility: visibility, time: dependencies.now(), salt: dependencies.randomBytes(32))
    }
}
