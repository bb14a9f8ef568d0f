public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var caseFixes: CaseFixRepository { CaseFixRepository(database: database) }
}

/// The fixes recorded on cases.
public struct CaseFixRepository: Sendable {
    let database: any SQLDatabase

    static let columns = ["id", "case_id", "organization_id", "target", "introduced", "patch", "note", "recorded_at"]

    public func insert(_ fix: CaseFix) async throws {
        let target = String(decoding: try JSONEncoder().encode(fix.target), as: UTF8.self)
        try await database.insert(
            [
                [
                    fix.id.rawValue, fix.caseID.rawValue, fix.organization.rawValue, target, fix.introduced,
                    fix.patch?.description, fix.note, Timestamp.microseconds(fix.recordedAt),
                ] as [any Encodable & Sendable]
            ], into: "case_fixes", columns: Self.columns)
    }

    /// A case's fixes, oldest first.
    public func fixes(of caseID: Case.ID) async throws -> [CaseFix] {
        try await database.select().columns(Self.columns).from("case_fixes")
            .where("case_id", .equal, caseID.rawValue).orderBy("id").all().map(Self.fix)
    }

    private static func fix(_ row: any SQLRow) throws -> CaseFix {
        let stored = try StoredRow(row, table: "case_fixes")
        let patch = try stored.optionalText("patch").map { text in
            guard let digest = ArtifactDigest(text) else {
                throw StoreCorruption(table: "case_fixes", id: stored.id, problem: "the patch digest is not readable")
            }
            return digest
        }
        return CaseFix(
            stored: try stored.identifier("id"), caseID: try stored.identifier("case_id"),
            organization: try stored.identifier("organization_id"),
            target: try stored.json("target", as: FindingTarget.self, what: "fix's target"),
            introduced: try stored.optionalText("introduced"), patch: patch, note: try stored.optionalText("note"),
            recordedAt: try stored.date("recorded_at"))
    }
}
