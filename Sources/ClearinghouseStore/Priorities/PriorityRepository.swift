public import ClearinghouseCore
import Foundation
import SQLKit

extension Repositories {
    public var priorities: PriorityRepository { PriorityRepository(database: database, changes: changes) }
}

/// Reads and writes SSVC decisions.
public struct PriorityRepository: Sendable {
    let database: any SQLDatabase
    let changes: ChangeRepository

    /// Records a decision; one about a case is a change for the open-case catalogs.
    public func insert(_ decision: SSVCDecision) async throws {
        if case .case(let id) = decision.subject {
            try await changes.record(.case, ids: [id.rawValue], at: decision.decidedAt)
        }
        try await database.insert(
            [try SSVCDecisionRecord.values(decision)], into: SSVCDecisionRecord.table,
            columns: SSVCDecisionRecord.columns)
    }

    /// The decisions about a subject, oldest first.
    public func decisions(about subject: PrioritySubject) async throws -> [SSVCDecision] {
        try await database.select().columns(SSVCDecisionRecord.columns).from(SSVCDecisionRecord.table)
            .where("subject_kind", .equal, subject.kind.rawValue).where("subject_id", .equal, subject.id)
            .orderBy("decided_at").orderBy("id").all().map(SSVCDecisionRecord.decision)
    }

    /// The decisions about each of several subjects, oldest first.
    public func decisions(about subjects: [PrioritySubject]) async throws -> [PrioritySubject: [SSVCDecision]] {
        var found: [PrioritySubject: [SSVCDecision]] = [:]
        for (kind, ids) in Dictionary(grouping: subjects, by: \.kind).mapValues({ $0.map(\.id) }) {
            for chunk in ids.inListChunks() {
                let rows = try await database.select().columns(SSVCDecisionRecord.columns)
                    .from(SSVCDecisionRecord.table).where("subject_kind", .equal, kind.rawValue)
                    .where("subject_id", .in, Array(chunk)).orderBy("decided_at").orderBy("id").all()
                for decision in try rows.map(SSVCDecisionRecord.decision) {
                    found[decision.subject, default: []].append(decision)
                }
            }
        }
        return found
    }
}
