public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Designation requests and determinations: a developer asks whether its model meets the designation, pointing at
/// its own evaluations; an authority records a determination by a pre-registered policy, with its rationale and
/// the organizations it consulted, each of which signs off. Every step is audited and committed to the log. Nothing
/// here is asked by any other step: a determination gates no release, window or request.
public struct DeterminationWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// A determination with the sign-offs given so far.
    public struct Recorded: Sendable {
        public let determination: Determination
        public let signOffs: [DeterminationSignOff]
    }

    // MARK: Requests

    /// Asks the authorities whether a model meets the designation.
    ///
    /// - Throws: `not_found` for a model the requester cannot see; `invalid_field` (`evaluation_ids[i]`) for an
    ///   evaluation that is not of this model.
    public func request(
        _ model: FrontierModel.ID, evaluations: [SubmittedEvaluation.ID], note: String?, by requester: Requester
    ) async throws -> DesignationRequest {
        let member = try requester.member()
        let found = try await ModelWorkflows(workflows).model(model, by: requester)
        try await workflows.gate.authorizeMutation(
            .requestDesignation(of: found.developer), auditing: .designationRequest, target: .model(model),
            by: requester)
        let dependencies = workflows.dependencies
        let request = try DesignationRequest(
            requesting: evaluations, note: note, id: dependencies.makeID(), model: model, by: member.organizationID,
            now: dependencies.now())
        let event = requester.event(
            .designationRequest, target: .designationRequest(request.id), dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await Self.checkEvaluations(evaluations, of: model, field: "evaluation_ids", repositories)
            try await repositories.designationRequests.insert(request)
            let visibility = found.visibility(authorities: try await ModelWorkflows.authorities(repositories))
            return ClearinghouseWorkflows.Recorded(
                (), log: [.designationRequested(request, visibility: visibility, dependencies: dependencies)])
        }
        return request
    }

    /// A model's designation requests, for whoever sees the model.
    public func requests(
        of model: FrontierModel.ID, _ page: PageRequest, by requester: Requester
    ) async throws -> Page<DesignationRequest> {
        _ = try await ModelWorkflows(workflows).model(model, by: requester)
        let batch = try await workflows.store.read {
            try await $0.designationRequests.list(of: model, after: page.after, limit: page.limit + 1)
        }
        return Page.readAhead(batch, page) { $0.id.rawValue }
    }

    // MARK: Determinations

    /// What an authority records, before it is checked.
    public struct Recording: Sendable {
        public var policy: RegisteredThresholdPolicy.ID
        public var outcome: Determination.Outcome
        public var rationale: String
        public var evaluations: [SubmittedEvaluation.ID]
        public var consulted: [Organization.ID]
        public var request: DesignationRequest.ID?

        public init(
            policy: RegisteredThresholdPolicy.ID, outcome: Determination.Outcome, rationale: String,
            evaluations: [SubmittedEvaluation.ID], consulted: [Organization.ID], request: DesignationRequest.ID?
        ) {
            (self.policy, self.outcome, self.rationale) = (policy, outcome, rationale)
            (self.evaluations, self.consulted, self.request) = (evaluations, consulted, request)
        }
    }

    /// Records a determination. The organizations consulted are those named and those the instance always
    /// consults (`alwaysConsulted`, its configuration's list).
    ///
    /// - Throws: `not_found` for a model the requester cannot see; `invalid_field` for a policy that is not
    ///   registered (`policy_id`), an evaluation or request of another model, or a consulted organization that is
    ///   not verified (`consulted[i]`).
    public func record(
        _ model: FrontierModel.ID, _ recording: Recording, alwaysConsulted: [Organization.ID], by requester: Requester
    ) async throws -> Recorded {
        let member = try requester.member()
        let found = try await ModelWorkflows(workflows).model(model, by: requester)
        let isAuthority = try await DesignationAuthorityWorkflows.holdsRole(member.organizationID, in: workflows)
        try await workflows.gate.authorizeMutation(
            .recordDetermination(isAuthority: isAuthority), auditing: .determinationRecord, target: .model(model),
            by: requester)
        var consulted = recording.consulted
        for organization in alwaysConsulted where !consulted.contains(organization) { consulted.append(organization) }
        let dependencies = workflows.dependencies
        let determination = try Determination(
            recording: recording.outcome, rationale: recording.rationale, policy: recording.policy,
            evaluations: recording.evaluations, consulted: consulted, request: recording.request,
            id: dependencies.makeID(), model: model, by: member.organizationID, now: dependencies.now())
        let event = requester.event(
            .determinationRecord, target: .determination(determination.id),
            detail: determination.outcome.rawValue, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard let policy = try await repositories.thresholdPolicies.find(recording.policy) else {
                throw ClearinghouseError.invalidField("policy_id", "`policy_id` names no pre-registered policy.")
            }
            try await Self.checkEvaluations(determination.evaluations, of: model, field: "evaluation_ids", repositories)
            if let request = determination.request {
                guard try await repositories.designationRequests.find(request)?.model == model else {
                    throw ClearinghouseError.invalidField(
                        "request_id", "`request_id` names no request about this model.")
                }
            }
            for (index, organization) in determination.consulted.enumerated() {
                guard try await repositories.organizations.find(organization)?.isVerified == true else {
                    throw ClearinghouseError.invalidField(
                        "consulted[\(index)]", "`consulted[\(index)]` names no verified organization.")
                }
            }
            try await repositories.determinations.insert(determination)
            let visibility = determination.visibility(
                of: found, authorities: try await ModelWorkflows.authorities(repositories))
            return ClearinghouseWorkflows.Recorded(
                (),
                log: [
                    .determinationRecorded(
                        determination, policyDigest: policy.digest, visibility: visibility, dependencies: dependencies)
                ])
        }
        return Recorded(determination: determination, signOffs: [])
    }

    /// A determination with its sign-offs, when the requester may see it: whoever sees the model, and the
    /// organizations consulted.
    ///
    /// - Throws: `not_found` otherwise.
    public func determination(_ id: Determination.ID, by requester: Requester) async throws -> Recorded {
        let found: (Determination, FrontierModel?, Set<Organization.ID>, [DeterminationSignOff])? =
            try await workflows.store.read { repositories in
                guard let determination = try await repositories.determinations.find(id) else { return nil }
                return (
                    determination, try await repositories.frontierModels.find(determination.model),
                    try await ModelWorkflows.authorities(repositories),
                    try await repositories.determinations.signOffs(of: [id])
                )
            }
        guard let (determination, model, authorities, signOffs) = found, let model,
            workflows.gate.mayRead(determination.visibility(of: model, authorities: authorities), by: requester)
        else { throw ClearinghouseError.notFound("determination") }
        return Recorded(determination: determination, signOffs: signOffs)
    }

    /// A model's determinations with their sign-offs, for whoever sees the model.
    public func determinations(
        of model: FrontierModel.ID, _ page: PageRequest, by requester: Requester
    ) async throws -> Page<Recorded> {
        _ = try await ModelWorkflows(workflows).model(model, by: requester)
        let (batch, signOffs) = try await workflows.store.read { repositories in
            let batch = try await repositories.determinations.list(of: model, after: page.after, limit: page.limit + 1)
            return (batch, try await repositories.determinations.signOffs(of: batch.map(\.id)))
        }
        let recorded = batch.map { determination in
            Recorded(determination: determination, signOffs: signOffs.filter { $0.determination == determination.id })
        }
        return Page.readAhead(recorded, page) { $0.determination.id.rawValue }
    }

    /// Signs off on a determination the requester's organization was consulted on; an organization signs once.
    ///
    /// - Throws: `not_found` for a determination the requester cannot see; 403 for an organization not consulted;
    ///   `conflict` when it signed already.
    public func signOff(
        _ id: Determination.ID, position: DeterminationSignOff.Position, note: String?, by requester: Requester
    ) async throws -> Recorded {
        let member = try requester.member()
        let found = try await determination(id, by: requester)
        try await workflows.gate.authorizeMutation(
            .signOffDetermination(consulted: Set(found.determination.consulted)), auditing: .determinationSignOff,
            target: .determination(id), by: requester)
        let dependencies = workflows.dependencies
        let signOff = try DeterminationSignOff(
            signing: id, as: member.organizationID, position: position, note: note, now: dependencies.now())
        let event = requester.event(
            .determinationSignOff, target: .determination(id), detail: position.rawValue, dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            guard try await repositories.determinations.insert(signOff) else {
                throw ClearinghouseError(.conflict, "Your organization signed off on this determination already.")
            }
            guard let model = try await repositories.frontierModels.find(found.determination.model) else {
                throw ClearinghouseError.notFound("determination")
            }
            let visibility = found.determination.visibility(
                of: model, authorities: try await ModelWorkflows.authorities(repositories))
            return ClearinghouseWorkflows.Recorded(
                (), log: [.determinationSignedOff(signOff, visibility: visibility, dependencies: dependencies)])
        }
        return Recorded(determination: found.determination, signOffs: found.signOffs + [signOff])
    }

    // MARK: Helpers

    private static func checkEvaluations(
        _ ids: [SubmittedEvaluation.ID], of model: FrontierModel.ID, field: String, _ repositories: Repositories
    ) async throws {
        for (index, id) in ids.enumerated() {
            guard try await repositories.modelEvaluations.find(id)?.model == model else {
                throw ClearinghouseError.invalidField(
                    "\(field)[\(index)]", "`\(field)[\(index)]` names no evaluation of this model.")
            }
        }
    }
}
