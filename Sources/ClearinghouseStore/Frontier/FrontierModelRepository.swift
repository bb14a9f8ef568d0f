public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var frontierModels: FrontierModelRepository { FrontierModelRepository(database: database) }
}

/// The models developers registered with the frontier framework.
public struct FrontierModelRepository: Sendable {
    let database: any SQLDatabase

    static let table = "frontier_models"
    static let columns = [
        "id", "developer_id", "name", "version", "planned_release_at", "confidentiality", "registered_at",
        "released_at", "withdrawn_at",
    ]

    public func insert(_ model: FrontierModel) async throws {
        let values: [any Encodable & Sendable] = [
            model.id.rawValue, model.developer.rawValue, model.name, model.version,
            model.plannedReleaseAt.map(Timestamp.microseconds), model.confidentiality.rawValue,
            Timestamp.microseconds(model.registeredAt), model.releasedAt.map(Timestamp.microseconds),
            model.withdrawnAt.map(Timestamp.microseconds),
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
    }

    /// Stores a model's release and withdrawal dates, the only fields that change.
    public func update(_ model: FrontierModel) async throws {
        try await database.update(Self.table)
            .set("released_at", to: SQLBind(model.releasedAt.map(Timestamp.microseconds)))
            .set("withdrawn_at", to: SQLBind(model.withdrawnAt.map(Timestamp.microseconds)))
            .where("id", .equal, model.id.rawValue).run()
    }

    public func find(_ id: FrontierModel.ID) async throws -> FrontierModel? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.model)
    }

    /// Models by id after `after`: one developer's, or (`nil`) every developer's.
    public func list(of developer: Organization.ID?, after: String?, limit: Int) async throws -> [FrontierModel] {
        var query = database.select().columns(Self.columns).from(Self.table)
        if let developer { query = query.where("developer_id", .equal, developer.rawValue) }
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map(Self.model)
    }

    private static func model(_ row: any SQLRow) throws -> FrontierModel {
        let row = try StoredRow(row, table: table)
        return FrontierModel(
            id: try row.identifier("id"), developer: try row.identifier("developer_id"), name: try row.text("name"),
            version: try row.text("version"), plannedReleaseAt: try row.optionalDate("planned_release_at"),
            confidentiality: try row.enumeration("confidentiality"), registeredAt: try row.date("registered_at"),
            releasedAt: try row.optionalDate("released_at"), withdrawnAt: try row.optionalDate("withdrawn_at"))
    }
}
