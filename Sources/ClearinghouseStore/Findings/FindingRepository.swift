public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var findings: FindingRepository { FindingRepository(database: database, changes: changes) }
}

/// Reads and writes findings and the fingerprints that fold them into cases.
public struct FindingRepository: Sendable {
    let database: any SQLDatabase
    let changes: ChangeRepository

    /// Keys per `IN (...)` list.
    private static let keysPerStatement = 1_000

    /// The cases that hold any of these fingerprints, by fingerprint key.
    public func cases(holding fingerprints: [Fingerprint]) async throws -> [String: FindingIntake.KnownCase] {
        var keys = Array(Set(fingerprints.map(\.key)))
        keys.sort()
        var known: [String: FindingIntake.KnownCase] = [:]
        var start = 0
        while start < keys.count {
            let batch = Array(keys[start..<min(start + Self.keysPerStatement, keys.count)])
            let rows = try await database.select()
                .column(SQLColumn("key", table: "fingerprints"))
                .column(SQLColumn("case_id", table: "fingerprints"))
                .column(SQLColumn("first_finding_id", table: "cases"))
                .column(SQLColumn("label", table: "cases"))
                .from("fingerprints")
                .join("cases", on: SQLColumn("id", table: "cases"), .equal, SQLColumn("case_id", table: "fingerprints"))
                .where(SQLColumn("key", table: "fingerprints"), .in, SQLBind.group(batch))
                .all()
            for row in rows {
                let row = try StoredRow(row, table: "fingerprints", idColumn: "key")
                known[row.id] = FindingIntake.KnownCase(
                    id: try row.identifier("case_id"), firstFinding: try row.identifier("first_finding_id"),
                    label: try row.enumeration("label"))
            }
            start += batch.count
        }
        return known
    }

    /// Commits an intake plan: the cases it opens with their opening transitions, the findings, their artifacts'
    /// links, the fingerprints no case held before, and the label of joined cases it tightens. Every case the
    /// findings open or join is a change for the open-case catalogs.
    public func commit(_ plan: FindingIntake.Plan, at date: Date) async throws {
        let touched = Set(plan.openedCases.map(\.id)).union(plan.findings.map(\.caseID))
        try await changes.record(.case, ids: touched.map(\.rawValue).sorted(), at: date)
        let encoder = JSONEncoder()
        try await database.insert(
            plan.openedCases.map(CaseRecord.values), into: CaseRecord.table, columns: CaseRecord.columns)
        try await database.insert(
            plan.openings.map(CaseTransitionRecord.values), into: CaseTransitionRecord.table,
            columns: CaseTransitionRecord.columns)
        try await database.insert(plan.findings, into: FindingRecord.table, columns: FindingRecord.columns) {
            try FindingRecord.values($0, encoder: encoder)
        }
        try await database.insert(
            plan.newFingerprints.map { [$0.fingerprint.key, $0.caseID.rawValue] }, into: "fingerprints",
            columns: ["key", "case_id"])
        if let label = plan.findings.first?.label, !plan.tightenedCases.isEmpty {
            try await database.update(CaseRecord.table).set("label", to: label.rawValue)
                .where("id", .in, plan.tightenedCases.map(\.rawValue)).run()
        }
        let links: [[any Encodable & Sendable]] = plan.findings.flatMap { finding in
            Set(finding.draft.artifacts).sorted().map { [finding.id.rawValue, $0.hex] }
        }
        try await database.insert(links, into: "finding_artifacts", columns: ["finding_id", "sha256"])
    }

    /// A finding by id.
    public func find(_ id: Finding.ID) async throws -> Finding? {
        try await database.select().columns(FindingRecord.columns).from(FindingRecord.table)
            .where("id", .equal, id.rawValue).first().map(FindingRecord.finding)
    }

    /// A case's findings in id order, after a cursor.
    public func list(inCase caseID: Case.ID, after: String?, limit: Int) async throws -> [Finding] {
        var query = database.select().columns(FindingRecord.columns).from(FindingRecord.table)
            .where("case_id", .equal, caseID.rawValue)
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        return try await query.orderBy("id").limit(limit).all().map(FindingRecord.finding)
    }

    /// Findings in id order after a cursor, optionally only one organization's.
    public func list(reportedBy organization: Organization.ID?, after: String?, limit: Int) async throws -> [Finding] {
        var query = database.select().columns(FindingRecord.columns).from(FindingRecord.table)
        if let organization {
            query = query.where("organization_id", .equal, organization.rawValue)
        }
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        return try await query.orderBy("id").limit(limit).all().map(FindingRecord.finding)
    }
}
