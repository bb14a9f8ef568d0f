public import ClearinghouseCore
import Evaluations
import Foundation
import SQLKit

extension Repositories {
    public var thresholdPolicies: ThresholdPolicyRepository { ThresholdPolicyRepository(database: database) }
}

/// Pre-registered threshold policies. Rows are inserted, never updated: there is no method that changes one.
public struct ThresholdPolicyRepository: Sendable {
    let database: any SQLDatabase

    static let table = "threshold_policies"
    static let columns = ["id", "name", "version", "document", "digest", "registered_by", "registered_at"]

    public func insert(_ registered: RegisteredThresholdPolicy) async throws {
        let values: [any Encodable & Sendable] = [
            registered.id.rawValue, registered.policy.name, registered.policy.version, registered.text,
            registered.digest, registered.registeredBy.rawValue, Timestamp.microseconds(registered.registeredAt),
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
    }

    public func find(_ id: RegisteredThresholdPolicy.ID) async throws -> RegisteredThresholdPolicy? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.policy)
    }

    /// The version of a named policy, when one is registered.
    public func find(name: String, version: Int) async throws -> RegisteredThresholdPolicy? {
        try await database.select().columns(Self.columns).from(Self.table).where("name", .equal, name)
            .where("version", .equal, version).first().map(Self.policy)
    }

    public func list(after: String?, limit: Int) async throws -> [RegisteredThresholdPolicy] {
        var query = database.select().columns(Self.columns).from(Self.table)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map(Self.policy)
    }

    private static func policy(_ row: any SQLRow) throws -> RegisteredThresholdPolicy {
        let row = try StoredRow(row, table: table)
        let text = try row.text("document")
        let policy: ThresholdPolicy
        do {
            policy = try ThresholdPolicy.read(Data(text.utf8))
        } catch {
            throw StoreCorruption(table: table, id: row.id, problem: "the stored policy no longer reads: \(error)")
        }
        return RegisteredThresholdPolicy(
            id: try row.identifier("id"), policy: policy, text: text, digest: try row.text("digest"),
            registeredBy: try row.identifier("registered_by"), registeredAt: try row.date("registered_at"))
    }
}
