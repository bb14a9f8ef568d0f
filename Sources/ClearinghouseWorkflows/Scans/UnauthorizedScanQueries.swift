public import ClearinghouseCore
import ClearinghouseStore

/// An unauthorized-scan flag as one party is shown it: the finding and its reporter only where the access policy
/// lets the party know who reported it (coordinators, the reporter); an owner learns where and when its asset was
/// scanned, and why that scan was not authorized.
public struct SeenUnauthorizedScan: Sendable {
    public let flag: UnauthorizedScan
    public let revealsReporter: Bool
}

/// The flags on findings about infrastructure that rested on no lease of their reporter.
public struct UnauthorizedScanQueries: Sendable {
    let workflows: Workflows

    public init(_ workflows: Workflows) {
        self.workflows = workflows
    }

    /// Every flag for coordinators; for an owner, the flags at its verified assets.
    public func flags(_ page: PageRequest, by requester: Requester) async throws -> Page<SeenUnauthorizedScan> {
        let member = try requester.member()
        let owner = member.isCoordinator ? nil : member.organizationID
        let store = workflows.store
        let gate = workflows.gate
        let found = try await VisiblePageCollector<UnauthorizedScan>(
            policy: gate.policy, key: \.finding.rawValue, visibility: \.visibility
        ).collect(page, for: requester.party) { after, limit in
            try await store.read { try await $0.unauthorizedScans.list(ownedBy: owner, after: after, limit: limit) }
        }
        return Page(
            items: found.items.map { flag in
                SeenUnauthorizedScan(
                    flag: flag,
                    revealsReporter: gate.mayRead(Visibility(label: .amber, owner: flag.reporter), by: requester))
            },
            nextCursor: found.nextCursor)
    }
}
