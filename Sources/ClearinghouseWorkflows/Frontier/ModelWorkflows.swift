public import ClearinghouseCore
import ClearinghouseStore
public import Foundation

/// Models in the frontier framework: an AI developer registers one, and alone records its release or withdraws it,
/// at any stage and asking nobody. Only the developer and the designation authorities see a model; everyone else
/// gets the same `not_found` as for a model that does not exist.
public struct ModelWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// What a developer registers, before it is checked.
    public struct Registration: Sendable {
        public var name: String
        public var version: String
        public var plannedReleaseAt: Date?
        public var confidentiality: FrontierModel.Confidentiality

        public init(
            name: String, version: String, plannedReleaseAt: Date?, confidentiality: FrontierModel.Confidentiality
        ) {
            (self.name, self.version, self.plannedReleaseAt, self.confidentiality) =
                (name, version, plannedReleaseAt, confidentiality)
        }
    }

    public func register(_ registration: Registration, by requester: Requester) async throws -> FrontierModel {
        let member = try requester.member()
        try await workflows.gate.authorizeMutation(.registerModel, auditing: .modelRegister, target: nil, by: requester)
        let dependencies = workflows.dependencies
        let model = try FrontierModel(
            registering: registration.name, version: registration.version,
            plannedReleaseAt: registration.plannedReleaseAt, confidentiality: registration.confidentiality,
            id: dependencies.makeID(), developer: member.organizationID, now: dependencies.now())
        let event = requester.event(
            .modelRegister, target: .model(model.id), detail: "\(model.name) \(model.version)",
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            let authorities = try await Self.authorities(repositories)
            try await repositories.frontierModels.insert(model)
            let entry = LogEntryDraft.modelChanged(
                model, action: .modelRegister, visibility: model.visibility(authorities: authorities),
                dependencies: dependencies)
            return Recorded((), log: [entry])
        }
        return model
    }

    /// A model, when the requester may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func model(_ id: FrontierModel.ID, by requester: Requester) async throws -> FrontierModel {
        let (model, authorities) = try await workflows.store.read { repositories in
            (try await repositories.frontierModels.find(id), try await Self.authorities(repositories))
        }
        guard let model, workflows.gate.mayRead(model.visibility(authorities: authorities), by: requester) else {
            throw ClearinghouseError.notFound("model")
        }
        return model
    }

    /// The models the requester may see: its own organization's, or every developer's for a designation authority.
    public func models(_ page: PageRequest, by requester: Requester) async throws -> Page<FrontierModel> {
        let member = try requester.member()
        let store = workflows.store
        let authorities = try await store.read { try await Self.authorities($0) }
        let developer = authorities.contains(member.organizationID) ? nil : member.organizationID
        return try await VisiblePageCollector<FrontierModel>(
            policy: workflows.gate.policy, key: \.id.rawValue, visibility: { $0.visibility(authorities: authorities) }
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.frontierModels.list(of: developer, after: after, limit: limit) }
        }
    }

    /// Records that the model was released, on `date` (now when not given). Nothing else is asked: not a
    /// determination, not a window, not an authority.
    public func recordRelease(
        _ id: FrontierModel.ID, at date: Date?, by requester: Requester
    ) async throws -> FrontierModel {
        try await change(id, action: .modelRelease, by: requester) { $0.released(at: date ?? $1) }
    }

    /// Withdraws the model from the framework, at any stage; its record stays.
    public func withdraw(_ id: FrontierModel.ID, by requester: Requester) async throws -> FrontierModel {
        try await change(id, action: .modelWithdraw, by: requester) { $0.withdrawn(at: $1) }
    }

    private func change(
        _ id: FrontierModel.ID, action: AuditAction, by requester: Requester,
        _ transition: @Sendable (FrontierModel, Date) -> FrontierModel
    ) async throws -> FrontierModel {
        let found = try await model(id, by: requester)
        try await workflows.gate.authorizeMutation(
            .actOnModel(of: found.developer), auditing: action, target: .model(id), by: requester)
        let dependencies = workflows.dependencies
        let changed = transition(found, dependencies.now())
        guard changed != found else { return found }
        let event = requester.event(action, target: .model(id), dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            let authorities = try await Self.authorities(repositories)
            try await repositories.frontierModels.update(changed)
            let entry = LogEntryDraft.modelChanged(
                changed, action: action, visibility: changed.visibility(authorities: authorities),
                dependencies: dependencies)
            return Recorded((), log: [entry])
        }
        return changed
    }

    static func authorities(_ repositories: Repositories) async throws -> Set<Organization.ID> {
        Set(try await repositories.designationAuthorities.all().map(\.organization))
    }
}
