public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var exposureAlerts: ExposureAlertRepository { ExposureAlertRepository(database: database) }
}

/// The alerts sent to organizations whose SBOMs a case affects, and which published advisories have had theirs.
public struct ExposureAlertRepository: Sendable {
    let database: any SQLDatabase

    static let table = "exposure_alerts"
    static let columns = [
        "id", "kind", "organization_id", "sbom_id", "asset", "component", "instructions", "case_id", "advisory_id",
        "created_at",
    ]

    /// Stores an alert unless one of its kind was sent for the same case, SBOM and component.
    ///
    /// - Returns: whether it was stored (and is to be sent).
    public func insertIfNew(_ alert: ExposureAlert) async throws -> Bool {
        let existing = try await database.select().column("id").from(Self.table)
            .where("case_id", .equal, alert.caseID.rawValue).where("kind", .equal, alert.kind.rawValue)
            .where("sbom_id", .equal, alert.sbom.rawValue).where("component", .equal, alert.component).first()
        guard existing == nil else { return false }
        let values: [any Encodable & Sendable] = [
            alert.id.rawValue, alert.kind.rawValue, alert.organization.rawValue, alert.sbom.rawValue, alert.asset,
            alert.component, alert.instructions, alert.caseID.rawValue, alert.advisory?.description,
            Timestamp.microseconds(alert.createdAt),
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
        return true
    }

    public func find(_ id: ExposureAlert.ID) async throws -> ExposureAlert? {
        try await database.select().columns(Self.columns).from(Self.table).where("id", .equal, id.rawValue).first()
            .map(Self.alert)
    }

    /// An organization's alerts, newest first, before `before`.
    public func list(of organization: Organization.ID, before: String?, limit: Int) async throws -> [ExposureAlert] {
        var query = database.select().columns(Self.columns).from(Self.table)
            .where("organization_id", .equal, organization.rawValue)
        if let before { query = query.where("id", .lessThan, before) }
        return try await query.orderBy("id", .descending).limit(limit).all().map(Self.alert)
    }

    /// Published advisories whose affected organizations have not been alerted yet, oldest first.
    public func unalertedPublications(limit: Int) async throws -> [(advisory: AdvisoryID, caseID: Case.ID)] {
        try await database.select().columns("id", "case_id").from("published_advisories")
            .where("alerted_at", .is, SQLLiteral.null).orderBy("published_at").limit(limit).all()
            .map { row in
                let stored = try StoredRow(row, table: "published_advisories")
                let text = try stored.text("id")
                guard let id = try? AdvisoryID(parsing: text) else {
                    throw StoreCorruption(table: "published_advisories", id: text, problem: "the id does not read")
                }
                return (id, try stored.identifier("case_id"))
            }
    }

    /// Marks a published advisory's organizations as alerted.
    public func markAlerted(_ advisory: AdvisoryID, at date: Date) async throws {
        try await database.update("published_advisories").set("alerted_at", to: SQLBind(Timestamp.microseconds(date)))
            .where("id", .equal, advisory.description).run()
    }

    private static func alert(_ row: any SQLRow) throws -> ExposureAlert {
        let row = try StoredRow(row, table: table)
        let advisory = try row.optionalText("advisory_id").map { text in
            guard let id = try? AdvisoryID(parsing: text) else {
                throw StoreCorruption(table: table, id: row.id, problem: "the advisory id does not read")
            }
            return id
        }
        return ExposureAlert(
            id: try row.identifier("id"), kind: try row.enumeration("kind"),
            organization: try row.identifier("organization_id"), sbom: try row.identifier("sbom_id"),
            asset: try row.text("asset"), component: try row.text("component"),
            instructions: try row.text("instructions"), caseID: try row.identifier("case_id"), advisory: advisory,
            createdAt: try row.date("created_at"))
    }
}
