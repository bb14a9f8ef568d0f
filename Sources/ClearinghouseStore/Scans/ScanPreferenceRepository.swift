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
            [[
                organization.rawValue, preferences.requiresProof ? 1 : 0, preferences.allowsAIAgents ? 1 : 0,
                preferences.contact, Timestamp.microseconds(date),
            ] as [any Encodable & Sendable]],
            into: "scan_preferences",
            columns: ["organization_id", "requires_proof", "allows_ai_agents", "contact", "updated_at"])
    }

    public func find(of organization: Organization.ID) async throws -> ScanPreferences? {
        try await database.select().columns("requires_proof", "allows_ai_agents", "contact").from("scan_preferences")
            .where("organization_id", .equal, organization.rawValue).first().map(Self.preferences)
    }

    /// The preferences of the verified maintainers whose registered products cover one of `purls`.
    public func maintainers(of purls: [PackageURL]) async throws -> [MaintainerPreferences] {
        let types = Set(purls.map(\.type))
        guard !types.isEmpty else { return [] }
        let rows = try await database.select()
            .column(SQLColumn("organization_id", table: "vendor_products"))
            .columns("purl_type", "namespace", "name", "requires_proof", "allows_ai_agents", "contact")
            .from("vendor_products")
            .join(
                "scan_preferences", method: SQLJoinMethod.inner,
                on: SQLColumn("organization_id", table: "scan_preferences"), .equal,
                SQLColumn("organization_id", table: "vendor_products"))
            .where("purl_type", .in, types.sorted()).all()
        var products: [Organization.ID: [ProductScope]] = [:]
        var preferences: [Organization.ID: ScanPreferences] = [:]
        for row in rows {
            let stored = try StoredRow(row, table: "vendor_products", idColumn: "organization_id")
            let scope = ProductScope(
                stored: try stored.text("purl_type"), namespace: try stored.text("namespace"),
                name: try stored.text("name"))
            guard purls.contains(where: scope.covers) else { continue }
            let id: Organization.ID = try stored.identifier("organization_id")
            products[id, default: []].append(scope)
            preferences[id] = try Self.preferences(row)
        }
        var maintainers: [MaintainerPreferences] = []
        let organizations = try await OrganizationRepository(database: database).find(Set(products.keys))
        for (id, scopes) in products.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let organization = organizations[id], organization.isVerified, let published = preferences[id] else {
                continue
            }
            maintainers.append(MaintainerPreferences(maintainer: organization, products: scopes, preferences: published))
        }
        return maintainers
    }

    private static func preferences(_ row: any SQLRow) throws -> ScanPreferences {
        let row = try StoredRow(row, table: "scan_preferences", idColumn: "requires_proof")
        return ScanPreferences(
            stored: try row.value("requires_proof", as: Int.self) != 0,
            allowsAIAgents: try row.value("allows_ai_agents", as: Int.self) != 0,
            contact: try row.optionalText("contact"))
    }
}
