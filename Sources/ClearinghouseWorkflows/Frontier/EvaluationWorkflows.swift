public import ClearinghouseCore
import ClearinghouseStore
public import Evaluations
public import Foundation

/// Evaluations of registered models: the developer (a self-assessment) or a designation authority's evaluators
/// submit an evaluation log for a suite; whoever sees the model sees its evaluations, and has one judged by a
/// pre-registered policy. A log that cannot be read is refused with what is wrong, and the attempt recorded.
public struct EvaluationWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Reads and keeps an evaluation log of a model on a suite.
    ///
    /// - Throws: `not_found` for a model the requester cannot see; `invalid_field` for the `suite` or a `log` that
    ///   cannot be read (recorded as a refused `evaluation.submit`).
    public func submit(
        _ data: Data, model id: FrontierModel.ID, suite: String?, by requester: Requester
    ) async throws -> SubmittedEvaluation {
        let member = try requester.member()
        let model = try await ModelWorkflows(workflows).model(id, by: requester)
        let isAuthority = try await DesignationAuthorityWorkflows.holdsRole(member.organizationID, in: workflows)
        try await workflows.gate.authorizeMutation(
            .submitEvaluation(of: model.developer, isAuthority: isAuthority), auditing: .evaluationSubmit,
            target: .model(id), by: requester)
        let dependencies = workflows.dependencies
        let log: EvaluationLog
        let checkedSuite: String
        do {
            checkedSuite = try SubmittedEvaluation.checkedSuite(suite)
            log = try SubmittedEvaluation.readLog(data)
        } catch {
            try await workflows.store.record(
                requester.event(
                    .evaluationSubmit, target: .model(id), outcome: .denied, detail: "refused: \(error.message)",
                    dependencies: dependencies))
            throw error
        }
        let evaluation = SubmittedEvaluation(
            id: dependencies.makeID(), model: id, suite: checkedSuite, submittedBy: member.organizationID,
            submittedAt: dependencies.now(), digest: ArtifactDigest(of: data).hex, log: log)
        let event = requester.event(
            .evaluationSubmit, target: .evaluation(evaluation.id),
            detail: "\(checkedSuite): \(log.task) on \(log.samples.count) samples", dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            let authorities = try await ModelWorkflows.authorities(repositories)
            try await repositories.modelEvaluations.insert(evaluation)
            let entry = LogEntryDraft.evaluationSubmitted(
                evaluation, visibility: model.visibility(authorities: authorities), dependencies: dependencies)
            return Recorded((), log: [entry])
        }
        return evaluation
    }

    /// An evaluation with its model, when the requester may see the model.
    ///
    /// - Throws: `not_found` otherwise.
    public func evaluation(
        _ id: SubmittedEvaluation.ID, by requester: Requester
    ) async throws -> (evaluation: SubmittedEvaluation, model: FrontierModel) {
        let found: (SubmittedEvaluation, FrontierModel?, Set<Organization.ID>)? = try await workflows.store.read {
            repositories in
            guard let evaluation = try await repositories.modelEvaluations.find(id) else { return nil }
            let model = try await repositories.frontierModels.find(evaluation.model)
            return (evaluation, model, try await ModelWorkflows.authorities(repositories))
        }
        let (evaluation, model, authorities) = (found?.0, found?.1, found?.2 ?? [])
        guard let evaluation, let model,
            workflows.gate.mayRead(model.visibility(authorities: authorities), by: requester)
        else { throw ClearinghouseError.notFound("evaluation") }
        return (evaluation, model)
    }

    /// A model's evaluations, for whoever may see the model.
    public func evaluations(
        of id: FrontierModel.ID, _ page: PageRequest, by requester: Requester
    ) async throws -> (evaluations: Page<SubmittedEvaluation>, model: FrontierModel) {
        let model = try await ModelWorkflows(workflows).model(id, by: requester)
        // Every evaluation of a model shares the model's visibility, which was asked above.
        let batch = try await workflows.store.read {
            try await $0.modelEvaluations.list(of: id, after: page.after, limit: page.limit + 1)
        }
        return (Page.readAhead(batch, page) { $0.id.rawValue }, model)
    }

    /// Judges an evaluation by a pre-registered policy's rule for the evaluation's suite.
    ///
    /// - Throws: `not_found` for an evaluation or policy the requester cannot see; `invalid_field` (`policy`) when
    ///   the policy has no rule for the suite or the log cannot be judged by it.
    public func judgement(
        of id: SubmittedEvaluation.ID, by policyID: RegisteredThresholdPolicy.ID, requester: Requester
    ) async throws -> EvaluationJudgement {
        let (evaluation, _) = try await evaluation(id, by: requester)
        let policy = try await ThresholdPolicyWorkflows(workflows).policy(policyID, by: requester)
        guard let rule = policy.policy.rule(for: evaluation.suite) else {
            throw ClearinghouseError.invalidField(
                "policy",
                "\(policy.policy.name) version \(policy.policy.version) has no rule for the suite `\(evaluation.suite)`."
            )
        }
        do {
            return EvaluationJudgement(
                evaluation: evaluation, policy: policy, rule: rule,
                judgement: try ThresholdJudgement(evaluation.log, rule: rule))
        } catch {
            throw ClearinghouseError.invalidField(
                "policy", "The evaluation cannot be judged by this policy: \(error.description)")
        }
    }
}

/// An evaluation judged by a policy: the rule applied, the judgement, and whether the policy was in effect on the
/// day the evaluation was submitted.
public struct EvaluationJudgement: Sendable {
    public let evaluation: SubmittedEvaluation
    public let policy: RegisteredThresholdPolicy
    public let rule: ThresholdPolicy.SuiteRule
    public let judgement: ThresholdJudgement

    public var policyWasEffective: Bool {
        policy.policy.isEffective(on: String(LogEntryDraft.timestamp(evaluation.submittedAt).prefix(10)))
    }
}
