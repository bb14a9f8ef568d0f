public import ClearinghouseCore
public import Foundation
public import PackageURL
import SQLKit

extension Repositories {
    public var products: ProductRepository { ProductRepository(database: database, changes: changes) }
}

/// The products coordinators registered for vendors.
public struct ProductRepository: Sendable {
    let database: any SQLDatabase
    let changes: ChangeRepository

    /// Each organization's registered products, for those among `organizations` that have any.
    public func scopes(of organizations: Set<Organization.ID>) async throws -> [Organization.ID: [ProductScope]] {
        var found: [Organization.ID: [ProductScope]] = [:]
        for chunk in organizations.map(\.rawValue).sorted().inListChunks() {
            let rows = try await database.select().columns("organization_id", "purl_type", "namespace", "name")
                .from("vendor_products").where("organization_id", .in, Array(chunk)).all()
            for row in rows {
                let stored = try StoredRow(row, table: "vendor_products", idColumn: "organization_id")
                found[try stored.identifier("organization_id"), default: []].append(
                    ProductScope(
                        stored: try stored.text("purl_type"), namespace: try stored.text("namespace"),
                        name: try stored.text("name")))
            }
        }
        return found.mapValues { $0.sorted() }
    }

    /// The organizations whose registered products cover one of `purls`, with those products.
    public func owners(covering purls: [PackageURL]) async throws -> [Organization.ID: [ProductScope]] {
        let types = Set(purls.map(\.type))
        guard !types.isEmpty else { return [:] }
        var found: [Organization.ID: [ProductScope]] = [:]
        for chunk in types.sorted().inListChunks() {
            let rows = try await database.select().columns("organization_id", "purl_type", "namespace", "name")
                .from("vendor_products").where("purl_type", .in, Array(chunk)).all()
            for row in rows {
                let stored = try StoredRow(row, table: "vendor_products", idColumn: "organization_id")
                let scope = ProductScope(
                    stored: try stored.text("purl_type"), namespace: try stored.text("namespace"),
                    name: try stored.text("name"))
                if purls.contains(where: scope.covers) {
                    found[try stored.identifier("organization_id"), default: []].append(scope)
                }
            }
        }
        return found.mapValues { $0.sorted() }
    }

    /// Replaces an organization's products, and puts its VEX documents in the change feed so that every node's
    /// exposure catalog applies them under the new products.
    public func replace(_ scopes: [ProductScope], of organization: Organization.ID, at date: Date) async throws {
        try await database.delete(from: "vendor_products").where("organization_id", .equal, organization.rawValue)
            .run()
        try await database.insert(
            scopes.map { [organization.rawValue, $0.type, $0.namespace, $0.name, Timestamp.microseconds(date)] },
            into: "vendor_products", columns: ["organization_id", "purl_type", "namespace", "name", "registered_at"])
        let documents = try await database.select().column("id").from("vex_documents")
            .where("organization_id", .equal, organization.rawValue).all()
            .map { try $0.decode(column: "id", as: String.self) }
        try await changes.record(.vex, ids: documents, at: date)
    }
}
