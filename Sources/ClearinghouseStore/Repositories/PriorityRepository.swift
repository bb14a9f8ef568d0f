public import ClearinghouseCore
import Foundation
import SQLKit

/// Reads and writes SSVC decisions.
public struct PriorityRepository: Sendable {
    let database: any SQLDatabase

    /// Records a decision.
    public func insert(_ decision: SSVCDecision) async throws {
        try await database.insert(
            [try SSVCDecisionRecord.values(decision)], into: SSVCDecisionRecord.table,
            columns: SSVCDecisionRecord.columns)
    }

    /// The decisions about a subject, oldest first.
    public func decisions(about subject: PrioritySubject) async throws -> [SSVCDecision] {
        try await database.select().columns(SSVCDecisionRecord.columns).from(SSVCDecisionRecord.table)
            .where("subject_kind", .equal, subject.kind).where("subject_id", .equal, subject.id)
            .orderBy("decided_at").orderBy("id").all().map(SSVCDecisionRecord.decision)
    }

    /// The decisions about each of several subjects, oldest first, read 500 subjects to a query.
    public func decisions(about subjects: [PrioritySubject]) async throws -> [PrioritySubject: [SSVCDecision]] {
        var found: [PrioritySubject: [SSVCDecision]] = [:]
        for (kind, ids) in Dictionary(grouping: subjects, by: \.kind).mapValues({ $0.map(\.id) }) {
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let rows = try await database.select().columns(SSVCDecisionRecord.columns)
                    .from(SSVCDecisionRecord.table).where("subject_kind", .equal, kind)
                    .where("subject_id", .in, chunk).orderBy("decided_at").orderBy("id").all()
                for decision in try rows.map(SSVCDecisionRecord.decision) {
                    found[decision.subject, default: []].append(decision)
                }
                start += chunk.count
            }
        }
        return found
    }
}
