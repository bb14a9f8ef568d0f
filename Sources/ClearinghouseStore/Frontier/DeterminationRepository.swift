public import ClearinghouseCore
import Foundation
import SQLKit

extension Repositories {
    public var designationRequests: DesignationRequestRepository { DesignationRequestRepository(database: database) }
    public var determinations: DeterminationRepository { DeterminationRepository(database: database) }
}

/// Developers' designation requests.
public struct DesignationRequestRepository: Sendable {
    let database: any SQLDatabase

    static let table = "designation_requests"
    static let columns = ["id", "model_id", "requested_by", "requested_at", "evaluation_ids", "note"]

    public func insert(_ request: DesignationRequest) async throws {
        let values: [any Encodable & Sendable] = [
            request.id.rawValue, request.model.rawValue, request.requestedBy.rawValue,
            Timestamp.microseconds(request.requestedAt), try IdentifierList.text(request.evaluations), request.note,
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
    }

    public func find(_ id: DesignationRequest.ID) async throws -> DesignationRequest? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.request)
    }

    public func list(of model: FrontierModel.ID, after: String?, limit: Int) async throws -> [DesignationRequest] {
        var query = database.select().columns(Self.columns).from(Self.table).where("model_id", .equal, model.rawValue)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map(Self.request)
    }

    private static func request(_ row: any SQLRow) throws -> DesignationRequest {
        let row = try StoredRow(row, table: table)
        return DesignationRequest(
            id: try row.identifier("id"), model: try row.identifier("model_id"),
            requestedBy: try row.identifier("requested_by"), requestedAt: try row.date("requested_at"),
            evaluations: try IdentifierList.read(row, "evaluation_ids"), note: try row.optionalText("note"))
    }
}

/// Authorities' determinations and their sign-offs. A determination is never changed; sign-offs are added.
public struct DeterminationRepository: Sendable {
    let database: any SQLDatabase

    static let table = "determinations"
    static let columns = [
        "id", "model_id", "request_id", "policy_id", "outcome", "rationale", "evaluation_ids", "consulted",
        "recorded_by", "recorded_at",
    ]
    static let signOffTable = "determination_sign_offs"
    static let signOffColumns = ["determination_id", "organization_id", "position", "note", "signed_at"]

    public func insert(_ determination: Determination) async throws {
        let values: [any Encodable & Sendable] = [
            determination.id.rawValue, determination.model.rawValue, determination.request?.rawValue,
            determination.policy.rawValue, determination.outcome.rawValue, determination.rationale,
            try IdentifierList.text(determination.evaluations), try IdentifierList.text(determination.consulted),
            determination.recordedBy.rawValue, Timestamp.microseconds(determination.recordedAt),
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
    }

    public func find(_ id: Determination.ID) async throws -> Determination? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.determination)
    }

    public func list(of model: FrontierModel.ID, after: String?, limit: Int) async throws -> [Determination] {
        var query = database.select().columns(Self.columns).from(Self.table).where("model_id", .equal, model.rawValue)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map(Self.determination)
    }

    /// The model's most recent determination, if any.
    public func latest(of model: FrontierModel.ID) async throws -> Determination? {
        try await database.select().columns(Self.columns).from(Self.table).where("model_id", .equal, model.rawValue)
            .orderBy("recorded_at", .descending).orderBy("id", .descending).first().map(Self.determination)
    }

    /// Adds a sign-off; an organization signs once, and its first sign-off stands.
    ///
    /// - Returns: Whether this one was added.
    public func insert(_ signOff: DeterminationSignOff) async throws -> Bool {
        let existing = try await database.select().column("organization_id").from(Self.signOffTable)
            .where("determination_id", .equal, signOff.determination.rawValue)
            .where("organization_id", .equal, signOff.organization.rawValue).first()
        guard existing == nil else { return false }
        try await database.insert(
            [
                [
                    signOff.determination.rawValue, signOff.organization.rawValue, signOff.position.rawValue,
                    signOff.note,
                    Timestamp.microseconds(signOff.signedAt),
                ]
            ], into: Self.signOffTable, columns: Self.signOffColumns)
        return true
    }

    /// The sign-offs of determinations, in the order they were given.
    public func signOffs(of ids: [Determination.ID]) async throws -> [DeterminationSignOff] {
        guard !ids.isEmpty else { return [] }
        return try await database.select().columns(Self.signOffColumns).from(Self.signOffTable)
            .where("determination_id", .in, ids.map(\.rawValue)).orderBy("signed_at").orderBy("organization_id").all()
            .map { row in
                let row = try StoredRow(row, table: Self.signOffTable, idColumn: "determination_id")
                return DeterminationSignOff(
                    determination: try row.identifier("determination_id"),
                    organization: try row.identifier("organization_id"), position: try row.enumeration("position"),
                    note: try row.optionalText("note"), signedAt: try row.date("signed_at"))
            }
    }

    private static func determination(_ row: any SQLRow) throws -> Determination {
        let row = try StoredRow(row, table: table)
        return Determination(
            id: try row.identifier("id"), model: try row.identifier("model_id"),
            request: try row.optionalIdentifier("request_id"), policy: try row.identifier("policy_id"),
            outcome: try row.enumeration("outcome"), rationale: try row.text("rationale"),
            evaluations: try IdentifierList.read(row, "evaluation_ids"),
            consulted: try IdentifierList.read(row, "consulted"), recordedBy: try row.identifier("recorded_by"),
            recordedAt: try row.date("recorded_at"))
    }
}

/// A list of identifiers stored as a JSON array of strings.
enum IdentifierList {
    static func text<Entity>(_ ids: [Identifier<Entity>]) throws -> String {
        String(decoding: try JSONEncoder().encode(ids.map(\.rawValue)), as: UTF8.self)
    }

    static func read<Entity>(_ row: StoredRow, _ column: String) throws -> [Identifier<Entity>] {
        try row.json(column, as: [String].self, what: column).map { text in
            try .stored(text, table: row.table, id: row.id, column: column)
        }
    }
}
