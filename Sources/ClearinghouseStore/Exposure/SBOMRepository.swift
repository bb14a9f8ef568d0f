public import ClearinghouseCore
public import Foundation
import JSONSupport
import SBOM
import SQLKit
import VEX

extension Repositories {
    public var sboms: SBOMRepository { SBOMRepository(database: database, changes: changes) }
}

/// Reads and writes SBOMs and VEX documents. Documents are stored as received, in parts (``DocumentParts``), and
/// read again on load.
public struct SBOMRepository: Sendable {
    let database: any SQLDatabase
    let changes: ChangeRepository
    var sbomDocuments: DocumentParts { DocumentParts(database: database, kind: .sbom) }
    var vexDocuments: DocumentParts { DocumentParts(database: database, kind: .vex) }

    /// Stores a new SBOM, or replaces one: its document and flags, keeping when it was first stored. The change
    /// joins the change feed, for every node's exposure catalog.
    public func save(_ sbom: SBOMRecord, document: StoredDocument, replacing: Bool) async throws {
        try await changes.record(.sbom, ids: [sbom.id.rawValue], at: sbom.uploadedAt)
        let time = Timestamp.microseconds(sbom.uploadedAt)
        if replacing {
            try await database.update("sboms")
                .set("asset", to: sbom.asset).set("internet_facing", to: sbom.internetFacing ? 1 : 0)
                .set("document_sha256", to: document.sha256).set("updated_at", to: time)
                .where("id", .equal, sbom.id.rawValue).run()
        } else {
            try await database.insert(into: "sboms")
                .columns(
                    "id", "organization_id", "asset", "internet_facing", "document_sha256", "created_at", "updated_at")
                .values(
                    SQLBind(sbom.id.rawValue), SQLBind(sbom.organization.rawValue), SQLBind(sbom.asset),
                    SQLBind(sbom.internetFacing ? 1 : 0), SQLBind(document.sha256), SQLBind(time), SQLBind(time)
                ).run()
        }
        try await sbomDocuments.write(document.text, for: sbom.id.rawValue)
    }

    /// Deletes an SBOM.
    public func delete(_ id: SBOMRecord.ID, at date: Date) async throws {
        try await changes.record(.sbom, ids: [id.rawValue], at: date)
        try await database.delete(from: "sboms").where("id", .equal, id.rawValue).run()
        try await sbomDocuments.delete(id.rawValue)
    }

    /// Every stored SBOM, read again from its document.
    public func all() async throws -> [SBOMRecord] {
        try await sboms(database.select().columns(Self.sbomColumns).from("sboms").orderBy("id"))
    }

    /// The SBOMs among `ids` that exist, read again from their documents.
    public func find(_ ids: [SBOMRecord.ID]) async throws -> [SBOMRecord] {
        var found: [SBOMRecord] = []
        for chunk in ids.inListChunks() {
            found += try await sboms(
                database.select().columns(Self.sbomColumns).from("sboms").where("id", .in, chunk.map(\.rawValue)))
        }
        return found
    }

    /// The stored versions of the SBOMs among `ids` that exist and whose document's digest is known, read without
    /// their documents.
    public func versions(of ids: [SBOMRecord.ID]) async throws -> [SBOMRecord.ID: SBOMRecord.Version] {
        var versions: [SBOMRecord.ID: SBOMRecord.Version] = [:]
        for chunk in ids.inListChunks() {
            let rows = try await database.select().columns(Self.sbomColumns).from("sboms")
                .where("id", .in, chunk.map(\.rawValue)).all()
            for row in rows {
                let stored = try StoredRow(row, table: "sboms")
                guard let digest = try stored.optionalText("document_sha256") else { continue }
                versions[try stored.identifier("id")] = SBOMRecord.Version(
                    organization: try stored.identifier("organization_id"), asset: try stored.text("asset"),
                    internetFacing: try stored.value("internet_facing", as: Int.self) != 0,
                    uploadedAt: try stored.date("updated_at"), documentSHA256: digest)
            }
        }
        return versions
    }

    private static let sbomColumns = [
        "id", "organization_id", "asset", "internet_facing", "document_sha256", "updated_at",
    ]

    /// The SBOMs a query selects, each document read and parsed in turn, so that one at a time is whole in memory.
    private func sboms(_ query: SQLSelectBuilder) async throws -> [SBOMRecord] {
        var records: [SBOMRecord] = []
        for row in try await query.all() {
            let stored = try StoredRow(row, table: "sboms")
            records.append(
                SBOMRecord(
                    id: try stored.identifier("id"), organization: try stored.identifier("organization_id"),
                    asset: try stored.text("asset"),
                    internetFacing: try stored.value("internet_facing", as: Int.self) != 0,
                    bill: try await document(of: stored, in: sbomDocuments, SoftwareBill.read),
                    uploadedAt: try stored.date("updated_at"), documentSHA256: try stored.optionalText("document_sha256")))
        }
        return records
    }

    /// A row's document, read from its parts and parsed; a missing or unreadable one is the row's corruption.
    private func document<Parsed, Failure: Error>(
        of row: StoredRow, in parts: DocumentParts, _ parse: (Data) throws(Failure) -> Parsed
    ) async throws -> Parsed {
        guard let text = try await parts.read(row.id) else {
            throw StoreCorruption(table: row.table, id: row.id, problem: "its document is missing")
        }
        do {
            return try text.withUTF8Data(parse)
        } catch {
            throw StoreCorruption(table: row.table, id: row.id, problem: "the document is no longer readable")
        }
    }

    /// Stores a VEX document; the change joins the change feed.
    public func insert(_ vex: VEXRecord, document: StoredDocument) async throws {
        try await changes.record(.vex, ids: [vex.id.rawValue], at: vex.uploadedAt)
        try await database.insert(into: "vex_documents")
            .columns("id", "organization_id", "applies_to_everyone", "document_sha256", "created_at")
            .values(
                SQLBind(vex.id.rawValue), SQLBind(vex.organization.rawValue), SQLBind(vex.appliesToEveryone ? 1 : 0),
                SQLBind(document.sha256), SQLBind(Timestamp.microseconds(vex.uploadedAt))
            ).run()
        try await vexDocuments.write(document.text, for: vex.id.rawValue)
    }

    /// Deletes a VEX document.
    public func delete(_ id: VEXRecord.ID, at date: Date) async throws {
        try await changes.record(.vex, ids: [id.rawValue], at: date)
        try await database.delete(from: "vex_documents").where("id", .equal, id.rawValue).run()
        try await vexDocuments.delete(id.rawValue)
    }

    /// Every stored VEX document, read again.
    public func allVEX() async throws -> [VEXRecord] {
        try await vex(database.select().columns(Self.vexColumns).from("vex_documents").orderBy("id"))
    }

    /// The VEX documents among `ids` that exist, read again.
    public func findVEX(_ ids: [VEXRecord.ID]) async throws -> [VEXRecord] {
        var found: [VEXRecord] = []
        for chunk in ids.inListChunks() {
            found += try await vex(
                database.select().columns(Self.vexColumns).from("vex_documents")
                    .where("id", .in, chunk.map(\.rawValue)))
        }
        return found
    }

    private static let vexColumns = ["id", "organization_id", "applies_to_everyone", "created_at"]

    /// VEX documents, each with the products its publisher may speak of for others (``VEXRecord/scopes``): a
    /// coordinator's any, a vendor's those registered for it.
    private func vex(_ query: SQLSelectBuilder) async throws -> [VEXRecord] {
        var records = try await readVEX(query)
        let publishers = Set(records.filter(\.appliesToEveryone).map(\.organization))
        guard !publishers.isEmpty else { return records }
        let organizations = try await OrganizationRepository(database: database).find(publishers)
        let scopes = try await ProductRepository(database: database, changes: changes).scopes(of: publishers)
        for index in records.indices where records[index].appliesToEveryone {
            let publisher = records[index].organization
            records[index].scopes = organizations[publisher]?.kind == .coordinator ? nil : scopes[publisher] ?? []
        }
        return records
    }

    private func readVEX(_ query: SQLSelectBuilder) async throws -> [VEXRecord] {
        var records: [VEXRecord] = []
        for row in try await query.all() {
            let stored = try StoredRow(row, table: "vex_documents")
            records.append(
                VEXRecord(
                    id: try stored.identifier("id"), organization: try stored.identifier("organization_id"),
                    appliesToEveryone: try stored.value("applies_to_everyone", as: Int.self) != 0,
                    document: try await document(of: stored, in: vexDocuments, VEXDocument.read),
                    uploadedAt: try stored.date("created_at")))
        }
        return records
    }
}
