import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import SQLKit
import Testing

@testable import ClearinghouseStore

@Suite struct AuditTrailTests {
    struct Refusal: Error {}

    @Test(arguments: engines)
    func aFailedChangeLeavesNeitherTheChangeNorItsEvent(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let organization = fixtures.organization()
            let event = fixtures.event(.organizationCreate, target: .organization(organization.id))
            await #expect(throws: Refusal.self) {
                try await store.write(event) { repositories in
                    try await repositories.organizations.insert(organization)
                    throw Refusal()
                }
            }
            #expect(try await store.read { try await $0.organizations.find(organization.id) } == nil)
            #expect(try await store.read { try await $0.audit.list(AuditFilter(), before: nil, limit: 10) }.isEmpty)
        }
    }

    @Test(arguments: engines)
    func eventsAreListedNewestFirstAndFiltered(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let actor = fixtures.organization(.coordinator)
            let start = fixtures.clock.now
            var events: [AuditEvent] = []
            for index in 0..<6 {
                fixtures.clock.advance(by: 60)
                let action: AuditAction = index.isMultiple(of: 2) ? .organizationCreate : .tokenCreate
                var event = fixtures.event(
                    action, target: AuditTarget(type: "organization", id: "target-\(index % 3)"),
                    actor: index < 4 ? actor.id : nil)
                event.outcome = index == 5 ? .denied : .success
                events.append(event)
                try await store.record(event)
            }
            func list(_ filter: AuditFilter, before: String? = nil, limit: Int = 10) async throws -> [AuditEvent] {
                try await store.read { try await $0.audit.list(filter, before: before, limit: limit) }
            }
            #expect(try await list(AuditFilter()) == events.reversed())
            #expect(try await list(AuditFilter(), limit: 2) == Array(events.reversed().prefix(2)))
            #expect(try await list(AuditFilter(), before: events[3].id.rawValue) == Array(events[0..<3].reversed()))
            #expect(try await list(AuditFilter(actorOrganization: actor.id)).count == 4)
            #expect(try await list(AuditFilter(targetID: "target-1")).map(\.id) == [events[4].id, events[1].id])
            #expect(try await list(AuditFilter(action: .tokenCreate)).count == 3)
            #expect(try await list(AuditFilter(outcome: .denied)).map(\.id) == [events[5].id])
            let window = AuditFilter(since: start.addingTimeInterval(120), until: start.addingTimeInterval(240))
            #expect(try await list(window).map(\.id) == [events[2].id, events[1].id])
        }
    }

    @Test(arguments: engines)
    func theAuditTableRefusesUpdatesAndDeletes(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let event = fixtures.event(.organizationCreate)
            try await store.record(event)
            await #expect(throws: (any Error).self) {
                try await store.engine.transaction { database in
                    try await database.update("audit_events").set("outcome", to: "denied").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await store.engine.transaction { database in
                    try await database.delete(from: "audit_events").run()
                }
            }
            #expect(try await store.read { try await $0.audit.list(AuditFilter(), before: nil, limit: 10) } == [event])
        }
    }

    @Test(arguments: engines)
    func aCorruptRowIsReportedNotTrusted(engine: Dialect) async throws {
        let fixtures = StoreFixtures()
        try await Store.withTestStore(engine) { store async throws in
            let organization = fixtures.organization()
            try await store.write(fixtures.event(.organizationCreate)) {
                try await $0.organizations.insert(organization)
            }
            try await store.engine.transaction { database in
                try await database.update("organizations").set("kind", to: "pirate").run()
            }
            await #expect {
                _ = try await store.read { try await $0.organizations.find(organization.id) }
            } throws: { "\($0)".contains("unknown kind `pirate`") }
        }
    }

    @Test func sqliteReadSessionsRefuseWrites() async throws {
        try await Store.withTestStore(.sqlite) { store in
            await #expect(throws: (any Error).self) {
                try await store.engine.read { database in
                    try await database.delete(from: "organizations").run()
                }
            }
        }
    }
}

@Suite struct BootstrapStoreTests {
    /// Tries one bootstrap; whether it committed.
    static func attemptBootstrap(on store: Store, seed: Int) async throws -> Bool {
        let plan = try Bootstrap(
            name: "Coordinators \(seed)", tokenLifetimeDays: 90, dependencies: .test(seed: UInt64(seed)))
        do {
            try await store.bootstrap(plan)
            return true
        } catch let error as ClearinghouseError where error.code == .alreadyBootstrapped {
            return false
        }
    }

    /// Runs `attempt` concurrently for seeds 1...count; how many committed.
    static func race(_ count: Int, _ attempt: @escaping @Sendable (Int) async throws -> Bool) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for seed in 1...count {
                group.addTask { try await attempt(seed) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    @Test(arguments: engines)
    func bootstrapCommitsOnceEvenWhenRacing(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store async throws in
            #expect(try await Self.race(5) { try await Self.attemptBootstrap(on: store, seed: $0) } == 1)
            #expect(try await store.read { try await $0.organizations.count() } == 1)
            let audit = try await store.read {
                try await $0.audit.list(AuditFilter(action: .instanceBootstrap), before: nil, limit: 10)
            }
            #expect(audit.count == 1)
        }
    }

    @Test func twoProcessesOnOneSQLiteFileBootstrapOnce() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let committed = try await Self.race(3) { seed in
                try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                    try await store.migrate(now: Date())
                    return try await Self.attemptBootstrap(on: store, seed: seed)
                }
            }
            #expect(committed == 1)
        }
    }
}
