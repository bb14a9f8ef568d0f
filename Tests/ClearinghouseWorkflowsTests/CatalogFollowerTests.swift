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
    static let document = StoredDocument(
        text: """
        {"bomFormat": "CycloneDX", "specVersion": "1.5",
         "components": [{"bom-ref": "demo", "name": "demo", "version": "1.5", "purl": "pkg:pypi/demo@1.5"}]}
        """)

    /// Stores an SBOM as another process would: straight through the store, with no catalog told.
    static func store(
        _ asset: String, in store: Store, organization: Organization.ID, dependencies: Dependencies
    ) async throws -> SBOMRecord.ID {
        let sbom = SBOMRecord(
            id: dependencies.makeID(), organization: organization, asset: asset, internetFacing: false,
            bill: try SoftwareBill.read(Data(document.text.utf8)), uploadedAt: dependencies.now())
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

    /// A bootstrapped store's clock, dependencies and coordinator organization.
    static func bootstrapped(_ store: Store) async throws -> (TestClock, Dependencies, Organization.ID) {
        let clock = TestClock()
        let dependencies = Dependencies.test(clock: clock)
        let plan = try Bootstrap(name: "Coordination Center", tokenLifetimeDays: 90, dependencies: dependencies)
        try await store.bootstrap(plan)
        return (clock, dependencies, plan.organization.id)
    }

    static func assets(_ catalogs: NodeCatalogs) -> [String] {
        catalogs.exposure.snapshot.allEntries.map(\.asset).sorted()
    }

    @Test(arguments: Dialect.allCases)
    func catalogsLoadFollowAndReloadWhenTheFeedWasPruned(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let (clock, dependencies, organization) = try await Self.bootstrapped(store)
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

    /// The node that stored an SBOM hands its catalog the entry it already made: taken while that version is the
    /// one stored, and ignored (the stored document read instead) once another write replaced it.
    @Test(arguments: Dialect.allCases)
    func aPreparedEntryIsTakenOnlyWhileItsVersionIsStored(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let (clock, dependencies, organization) = try await Self.bootstrapped(store)
            let id = try await Self.store("portal", in: store, organization: organization, dependencies: dependencies)
            let catalogs = NodeCatalogs(store: store, interval: .seconds(1), logger: Logger(label: "test"))
            try await catalogs.follower.load()

            func replace(asset: String) async throws -> SBOMRecord {
                clock.advance(by: 1)
                let record = SBOMRecord(
                    id: id, organization: organization, asset: asset, internetFacing: false,
                    bill: try SoftwareBill.read(Data(Self.document.text.utf8)), uploadedAt: dependencies.now(),
                    documentSHA256: Self.document.sha256)
                try await store.write(Self.event(dependencies, .sbomReplace)) {
                    try await $0.sboms.save(record, document: Self.document, replacing: true)
                }
                return record
            }
            // An entry whose components differ from the stored document's shows which one the catalog holds.
            func prepared(_ record: SBOMRecord) -> ExposureIndex.Entry {
                var record = record
                record.bill = SoftwareBill(
                    format: record.bill.format, subject: nil,
                    components: [.init(reference: "p", name: "prepared", version: "1", purl: nil, parent: nil)],
                    dependencies: [:])
                return ExposureIndex.Entry(record)
            }
            func held() -> (asset: String?, components: [String]?) {
                let entry = catalogs.exposure.snapshot.entry(id)
                return (entry?.asset, entry?.components.map(\.name))
            }

            let current = try await replace(asset: "portal")
            try await catalogs.follower.catchUp(prepared: [prepared(current)])
            #expect(held().asset == "portal" && held().components == ["prepared"])

            _ = try await replace(asset: "patient portal")
            try await catalogs.follower.catchUp(prepared: [prepared(current)])
            #expect(held().asset == "patient portal" && held().components == ["demo"])
        }
    }
    /// The open-case catalog follows cases written elsewhere: a case opened, a decision about it, and the move that
    /// settles it (which takes it out of the catalog).
    @Test(arguments: Dialect.allCases)
    func theOpenCaseCatalogFollowsCasesTheirDecisionsAndTheirSettling(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let (clock, dependencies, organization) = try await Self.bootstrapped(store)
            let catalogs = NodeCatalogs(store: store, interval: .seconds(1), logger: Logger(label: "test"))
            try await catalogs.follower.load()
            #expect(catalogs.openCases.count == 0)

            let opened = Case(
                id: dependencies.makeID(), state: .reported, label: .amber, owner: organization,
                firstFinding: dependencies.makeID(), title: "Overflow", createdAt: clock.now, updatedAt: clock.now)
            let actor = AuditActor(organizationID: organization, tokenID: nil, channel: .cli)
            try await store.write(Self.event(dependencies, .caseSplit)) {
                try await $0.cases.insert(
                    opened,
                    opening: CaseTransition(
                        id: dependencies.makeID(), caseID: opened.id, from: nil, to: .reported, actor: actor,
                        reason: nil, occurredAt: clock.now))
            }
            try await catalogs.follower.catchUp()
            #expect(catalogs.openCases.snapshot.map(\.case.id) == [opened.id])
            #expect(catalogs.openCases.snapshot.first?.decisions.isEmpty == true)

            let decision = try SSVCDecision.decide(
                id: dependencies.makeID(), subject: .case(opened.id), table: "cisa-coordinator",
                inputs: [("E", "A"), ("A", "Y"), ("TI", "T"), ("MWI", "H")], rationale: nil, by: actor, at: clock.now)
            try await store.write(Self.event(dependencies, .ssvcDecide)) { try await $0.priorities.insert(decision) }
            try await catalogs.follower.catchUp()
            #expect(catalogs.openCases.snapshot.first?.decisions.map(\.id) == [decision.id])

            clock.advance(by: 60)
            try await store.write(Self.event(dependencies, .caseTransition)) {
                try await $0.cases.apply(
                    CaseTransition(
                        id: dependencies.makeID(), caseID: opened.id, from: .reported, to: .rejected, actor: actor,
                        reason: "not a vulnerability", occurredAt: clock.now))
            }
            try await catalogs.follower.catchUp()
            #expect(catalogs.openCases.count == 0)
        }
    }
}
