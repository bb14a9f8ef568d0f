public import ClearinghouseCore
import ClearinghouseStore
public import PackageURL

/// Maintainers' preferences for scans of their products: a vendor publishes them, scanners look them up, claims
/// and finding intake honour them.
public struct MaintainerPreferenceWorkflows: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Publishes an organization's preferences, replacing those before.
    public func publish(_ preferences: ScanPreferences, of organization: Organization, by requester: Requester)
        async throws
    {
        try await workflows.gate.authorizeMutation(
            .publishScanPreferences(of: organization.id), auditing: .scanPreferencesSet,
            target: .organization(organization.id), by: requester)
        let dependencies = workflows.dependencies
        let now = dependencies.now()
        let event = requester.event(
            .scanPreferencesSet, target: .organization(organization.id),
            detail: "proof \(preferences.requiresProof ? "required" : "optional"), AI agents \(preferences.allowsAIAgents ? "welcome" : "not welcome")",
            dependencies: dependencies)
        try await workflows.commits.commit(event) { repositories in
            try await repositories.scanPreferences.set(preferences, of: organization.id, at: now)
            return .nothing
        }
    }

    /// An organization's preferences (the organization must be visible to the requester), or the defaults.
    public func preferences(of organization: Organization) async throws -> ScanPreferences {
        try await workflows.store.read { try await $0.scanPreferences.find(of: organization.id) }
            ?? ScanPreferences(stored: false, allowsAIAgents: true, contact: nil)
    }

    /// The published preferences that speak for a package: what a scanner reads before it claims.
    public func maintainers(of purl: PackageURL, by requester: Requester) async throws -> [MaintainerPreferences] {
        _ = try requester.member()
        return try await workflows.store.read { try await $0.scanPreferences.maintainers(of: [purl]) }
    }
}
