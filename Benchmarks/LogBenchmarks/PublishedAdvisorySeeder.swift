import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Logging
import PackageURL

/// Stores synthetic published advisories as publication stores them (each with the disclosed case it was published
/// from), a thousand to a transaction, numbered from 1.
final class PublishedAdvisorySeeder {
    let store: Store
    let dependencies: Dependencies
    let owner: Organization.ID
    private(set) var published = 0

    init(store: Store, dependencies: Dependencies) async throws {
        self.store = store
        self.dependencies = dependencies
        let organization = try OrganizationRegistration(
            name: "Bench Coordinator", kind: "government", sector: nil, contacts: []
        ).validated(id: dependencies.makeID(), now: Date())
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: Date(), actor: .scheduler, action: .organizationCreate,
            target: nil, requestID: nil, outcome: .success)
        try await store.write(event) { try await $0.organizations.insert(organization) }
        owner = organization.id
    }

    func publish(_ count: Int) async throws {
        for start in stride(from: 0, to: count, by: 1_000) {
            let drafts = try (0..<min(1_000, count - start)).map { _ in
                published += 1
                return try Self.draft(number: published)
            }
            try await store(drafts)
        }
    }

    private static func draft(number: Int) throws -> AdvisoryDraft {
        let now = Date()
        return AdvisoryDraft(
            id: try AdvisoryID(prefix: "CHX", year: 2026, number: number),
            summary: "Heap overflow in bench-\(number)'s parser",
            details: "A header longer than 64 bytes overflows a buffer. Upgrade to 1.1.",
            aliases: ["CVE-2026-\(10_000 + number)"],
            affected: [
                .init(purl: try PackageURL(parsing: "pkg:pypi/bench-\(number)"), introduced: "1.0", fixed: "1.1")
            ],
            published: now, modified: now)
    }

    private func store(_ drafts: [AdvisoryDraft]) async throws {
        let actor = AuditActor(organizationID: owner, tokenID: nil, channel: .cli)
        let event = AuditEvent(
            id: dependencies.makeID(), occurredAt: Date(), actor: actor, action: .advisoryPublish, target: nil,
            requestID: nil, outcome: .success, detail: "bench")
        let (owner, dependencies) = (self.owner, self.dependencies)
        try await store.write(event) { repositories in
            for draft in drafts {
                let now = Date()
                let opened = Case(
                    id: dependencies.makeID(), state: .disclosed, label: .clear, owner: owner,
                    firstFinding: dependencies.makeID(), title: draft.summary, createdAt: now, updatedAt: now)
                try await repositories.cases.insert(
                    opened,
                    opening: CaseTransition(
                        id: dependencies.makeID(), caseID: opened.id, from: nil, to: .disclosed, actor: actor,
                        reason: nil, occurredAt: now))
                try await repositories.publishedAdvisories.insert(draft, of: opened.id)
            }
        }
    }
}

/// `published-advisories`: a new SQLite database holding N published advisories, for benchmarks that serve them
/// (scripts/bench-taxii).
struct PublishedAdvisoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "published-advisories",
        abstract: "Create a SQLite database with N synthetic published advisories (see scripts/bench-taxii).")

    @Option(help: "The SQLite database file to create.") var database: String
    @Option(help: "Advisories to publish.") var count: Int = 2_000

    func run() async throws {
        let store = try await Store.open(.sqlite(path: database), logger: Logger(label: "bench"))
        _ = try await store.migrate(now: Date())
        let seeder = try await PublishedAdvisorySeeder(store: store, dependencies: IntakeBenchmark.dependencies())
        try await seeder.publish(count)
        await store.close()
        print("published \(seeder.published) advisories")
    }
}
