import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import Logging
import SBOM
import Testing

/// Catalogs load what is stored, follow every change written by anyone, and load again when the changes they need
/// were pruned.
@Suite struct CatalogFollowerTests {
    static let document = Data(
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5",
         "components": [{"bom-ref": "demo", "name": "demo", "version": "1.5", "purl": "pkg:pypi/demo@1.5"}]}
        """.utf8)

    /// Stores an SBOM as another process would: straight through the store, with no catalog told.
    static func store(
        _ asset: String, in store: Store, organization: Organization.ID, dependencies: Dependencies
    ) async throws -> SBOMRecord.ID {
        let sbom = SBOMRecord(
            id: dependencies.makeID(), organization: organization, asset: asset, internetFacing: false,
            bill: try SoftwareBill.read(document), uploadedAt: dependencies.now())
        try await store.write(event(dependencies, .sbomUpload)) {
            try await $0.sboms.save(sbom, document: document, replacing: false)
        }
        return sbom.id
    }

    static func event(_ dependencies: Dependencies, _ action: AuditAction) -> AuditEvent {
        AuditEvent(
            id: dependencies.makeID(), occurredAt: dependencies.now(), actor: .scheduler, action: action, target: nil,
            requestID: nil, outcome: .success)
    }

    static func assets(_ catalogs: NodeCatalogs) -> [String] {
        catalogs.exposure.snapshot.allEntries.map(\.asset).sorted()
    }

    @Test(arguments: Dialect.allCases)
    func catalogsLoadFollowAndReloadWhenTheFeedWasPruned(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let clock = TestClock()
            let dependencies = Dependencies.test(clock: clock)
            let plan = try Bootstrap(name: "Coordination Center", tokenLifetimeDays: 90, dependencies: dependencies)
            try await store.bootstrap(plan)
            let organization = plan.organization.id
            let portal = try await Self.store("portal", in: store, organization: organization, dependencies: dependencies)

            let catalogs = NodeCatalogs(store: store, interval: .seconds(1), logger: Logger(label: "test"))
            #expect(!catalogs.follower.status.loaded)
            try await catalogs.follower.load()
            #expect(Self.assets(catalogs) == ["portal"])
            #expect(catalogs.follower.status.loaded)

            // Changes written elsewhere appear once the follower steps; a deletion removes the record.
            _ = try await Self.store("teller", in: store, organization: organization, dependencies: dependencies)
            #expect(Self.assets(catalogs) == ["portal"])
            try await catalogs.follower.catchUp()
            #expect(Self.assets(catalogs) == ["portal", "teller"])
            try await store.write(Self.event(dependencies, .sbomDelete)) {
                try await $0.sboms.delete(portal, at: dependencies.now())
            }
            try await catalogs.follower.catchUp()
            #expect(Self.assets(catalogs) == ["teller"])
            let sequence = catalogs.follower.status.sequence
            #expect(sequence == 3)

            // A node that falls behind the retention loads everything again.
            _ = try await Self.store("kiosk", in: store, organization: organization, dependencies: dependencies)
            clock.advance(by: 7_200)
            let pruned = try await store.bookkeeping {
                try await $0.changes.prune(recordedBefore: clock.now.addingTimeInterval(-3_600))
            }
            #expect(pruned == 4)
            try await catalogs.follower.catchUp()
            #expect(Self.assets(catalogs) == ["kiosk", "teller"])
            #expect(catalogs.follower.status.sequence == 4)
        }
    }
}
