public import ClearinghouseCore
public import Foundation
import SQLKit

/// Reads and writes cases, their participants and their transitions.
public struct CaseRepository: Sendable {
    let database: any SQLDatabase

    /// A case by id, with its participants.
    public func find(_ id: Case.ID) async throws -> Case? {
        guard
            let row = try await database.select().columns(CaseRecord.columns).from(CaseRecord.table)
                .where("id", .equal, id.rawValue).first()
        else { return nil }
        return try CaseRecord.case(row, participants: try await participants(of: [id])[id] ?? [])
    }

    /// Cases in id order after a cursor, with their participants.
    public func list(after: String?, limit: Int) async throws -> [Case] {
        var query = database.select().columns(CaseRecord.columns).from(CaseRecord.table)
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        let rows = try await query.orderBy("id").limit(limit).all()
        let ids = try rows.map {
            try Case.ID.stored(try $0.decode(column: "id", as: String.self), table: "cases", id: "?", column: "id")
        }
        let participants = try await participants(of: ids)
        return try zip(rows, ids).map { try CaseRecord.case($0, participants: participants[$1] ?? []) }
    }

    private func participants(of ids: [Case.ID]) async throws -> [Case.ID: Set<Organization.ID>] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.select().columns("case_id", "organization_id").from("case_participants")
            .where("case_id", .in, ids.map(\.rawValue)).all()
        var participants: [Case.ID: Set<Organization.ID>] = [:]
        for row in rows {
            let caseID = try row.decode(column: "case_id", as: String.self)
            participants[try .stored(caseID, table: "case_participants", id: caseID, column: "case_id"), default: []]
                .insert(
                    try .stored(
                        try row.decode(column: "organization_id", as: String.self), table: "case_participants",
                        id: caseID, column: "organization_id"))
        }
        return participants
    }

    /// Records a transition and moves the case to its new state.
    public func apply(_ transition: CaseTransition) async throws {
        try await database.insert(
            [CaseTransitionRecord.values(transition)], into: CaseTransitionRecord.table,
            columns: CaseTransitionRecord.columns)
        try await database.update(CaseRecord.table)
            .set("state", to: transition.to.rawValue)
            .set("updated_at", to: Timestamp.microseconds(transition.occurredAt))
            .where("id", .equal, transition.caseID.rawValue).run()
    }

    /// A case's transitions, oldest first.
    public func transitions(of id: Case.ID) async throws -> [CaseTransition] {
        try await database.select().columns(CaseTransitionRecord.columns).from(CaseTransitionRecord.table)
            .where("case_id", .equal, id.rawValue).orderBy("id").all().map(CaseTransitionRecord.transition)
    }

    /// How many findings a case has.
    public func findingCount(of id: Case.ID) async throws -> Int {
        try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(FindingRecord.table).where("case_id", .equal, id.rawValue).first()?
            .decode(column: "n", as: Int.self) ?? 0
    }
}
