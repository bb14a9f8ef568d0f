public import ClearinghouseCore
public import Foundation
public import PackageURL
import SQLKit

extension Repositories {
    public var scanPreferences: ScanPreferenceRepository { ScanPreferenceRepository(database: database) }
}

/// Maintainers' preferences for scans of their products.
public struct ScanPreferenceRepository: Sendable {
    let database: any SQLDatabase

    public func set(_ preferences: ScanPreferences, of organization: Organization.ID, at date: Date) async throws {
        try await database.delete(from: "scan_preferences").where("organization_id", .equal, organization.rawValue)
            .run()
        try await database.insert(
            [
                [
                    organization.rawValue, preferences.requiresProof ? 1 : 0, preferences.allowsAIAgents ? 1 : 0,
                    preferences.contact, Timestamp.microseconds(date),
                ] as [any Encodable & Sendable]
            ],
            into: "scan_preferences",
            columns: ["organization_id", "requires_proof", "allows_ai_agents", "contact", "updated_at"])
    }

    public func find(of organization: Organization.ID) async throws -> ScanPreferences? {
        try await database.select().columns("requires_proof", "allows_ai_agents", "contact").from("scan_preferences")
            .where("organization_id", .equal, organization.rawValue).first().map(Self.preferences)
    }

    /// The preferences of the verified maintainers whose registered products cover one of `purls`.
    public func maintainers(of purls: [PackageURL]) async throws -> [MaintainerPreferences] {
        let products = try await ProductRepository(
            database: database, changes: ChangeRepository(database: database, marks: nil)
        )
        .owners(covering: purls)
        guard !products.isEmpty else { return [] }
        var preferences: [Organization.ID: ScanPreferences] = [:]
        for chunk in products.keys.map(\.rawValue).sorted().inListChunks() {
            for row in try await database.select().columns(
                "organization_id", "requires_proof", "allows_ai_agents", "contact"
            )
            .from("scan_preferences").where("organization_id", .in, Array(chunk)).all() {
                let id: Organization.ID = try StoredRow(row, table: "scan_preferences", idColumn: "organization_id")
                    .identifier("organization_id")
                preferences[id] = try Self.preferences(row)
            }
        }
        let organizations = try await OrganizationRepository(database: database).find(Set(preferences.keys))
        return preferences.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { id in
            guard let organization = organizations[id], organization.isVerified, let published = preferences[id],
                let scopes = products[id]
            else { return nil }
            return MaintainerPreferences(maintainer: organization, products: scopes, preferences: published)
        }
    }

    private static func preferences(_ row: any SQLRow) throws -> ScanPreferences {
        let row = try StoredRow(row, table: "scan_preferences", idColumn: "requires_proof")
        return ScanPreferences(
            stored: try row.value("requires_proof", as: Int.self) != 0,
            allowsAIAgents: try row.value("allows_ai_agents", as: Int.self) != 0,
            contact: try row.optionalText("contact"))
    }
}
