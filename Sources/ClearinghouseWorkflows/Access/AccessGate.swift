public import ClearinghouseCore
public import ClearinghouseStore

/// Asks the one access policy before a workflow acts or reads, and records refused mutations in the audit trail.
/// Denials of reads come back as `not_found`, so that a record a party may not see looks like one that does not
/// exist.
public struct AccessGate: Sendable {
    public let policy: AccessPolicy
    let store: Store
    let dependencies: Dependencies

    public init(policy: AccessPolicy, store: Store, dependencies: Dependencies) {
        self.policy = policy
        self.store = store
        self.dependencies = dependencies
    }

    /// Whether the requester may perform a mutation; a refusal is recorded as a `denied` audit event.
    ///
    /// - Throws: `unauthenticated` for anonymous requesters, `forbidden` (after recording the refusal) for members
    ///   whose organization or role does not allow the action.
    public func authorizeMutation(
        _ action: Action, auditing attempt: AuditAction, target: AuditTarget?, by requester: Requester
    ) async throws {
        try await authorize(action, by: requester) { reason in
            try await store.record(
                requester.event(
                    attempt, target: target, outcome: .denied, detail: reason.rawValue, dependencies: dependencies))
        }
    }

    /// Whether the requester may perform an action that changes nothing.
    public func authorize(
        _ action: Action, by requester: Requester,
        onDenial: (AccessDecision.Denial) async throws -> Void = { _ in }
    ) async throws {
        switch policy.authorize(action, by: requester.party) {
        case .granted:
            return
        case .denied(.authenticationRequired):
            throw ClearinghouseError.unauthenticated
        case .denied(let reason):
            try await onDenial(reason)
            throw ClearinghouseError(.forbidden, Self.explanation(of: reason, role: requester.party.member?.role))
        }
    }

    /// Whether the requester may see a record of this visibility.
    public func mayRead(_ visibility: Visibility, by requester: Requester) -> Bool {
        policy.read(visibility, by: requester.party).isGranted
    }

    /// The case with an id, when the requester may see it.
    ///
    /// - Throws: `not_found` when it does not exist or the access policy hides it.
    public func visibleCase(_ id: Case.ID, by requester: Requester) async throws -> Case {
        guard let found = try await store.read({ try await $0.cases.find(id) }), mayRead(found.visibility, by: requester)
        else { throw ClearinghouseError.notFound("case") }
        return found
    }

    static func explanation(of denial: AccessDecision.Denial, role: TokenRole?) -> String {
        switch denial {
        case .coordinatorsOnly:
            "Only a verified coordinator organization may do this."
        case .insufficientRole:
            "Your token's role (`\(role?.rawValue ?? "none")`) does not allow this; use a token with a higher role."
        case .otherOrganization:
            "This concerns another organization; only its own admins or a coordinator may do it."
        case .validatorsOnly:
            "Only a validator organization may do this."
        case .developersOnly:
            "Only an AI developer organization may do this."
        case .designationAuthoritiesOnly:
            "Only a designation authority (a government organization a coordinator gave the role) may do this."
        case .unverifiedOrganization:
            "Your organization is not verified yet; a coordinator verifies organizations."
        default:
            "The access policy does not allow this (\(denial.rawValue))."
        }
    }
}
