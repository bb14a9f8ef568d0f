import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import SBOM
import SQLKit
import Testing

@testable import ClearinghouseStore

/// Member documents are stored in parts of at most a mebibyte, cut between Unicode scalars, and read back whole.
@Suite struct DocumentPartsTests {
    @Test func partsAreBoundedCutBetweenScalarsAndJoinToTheText() {
        let text = String(repeating: "aé€😀", count: 50)  // 1, 2, 3 and 4 bytes of UTF-8
        for size in [4, 5, 7, 64] {
            let parts = DocumentParts.split(text, size: size)
            #expect(parts.allSatisfy { !$0.isEmpty && $0.utf8.count <= size }, "size \(size)")
            #expect(parts.joined() == text, "size \(size)")
        }
        #expect(DocumentParts.split("").isEmpty)
    }

    /// An SBOM of several parts is read back whole; replacing it with a small one leaves one part; deleting it
    /// leaves none.
    @Test(arguments: engines)
    func aLargeSBOMIsStoredInPartsAndReadWhole(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store in
            let fixtures = StoreFixtures()
            let (organization, _) = try await fixtures.organizationWithToken(in: store)
            let large = StoredDocument(text: Self.sbom(components: 7_000))
            #expect(large.text.utf8.count > 2 * DocumentParts.partSize)
            let record = SBOMRecord(
                id: fixtures.dependencies.makeID(), organization: organization.id, asset: "PACS", internetFacing: false,
                bill: try SoftwareBill.read(Data(large.text.utf8)), uploadedAt: fixtures.clock.now,
                documentSHA256: large.sha256)
            try await store.write(fixtures.event(.sbomUpload)) {
                try await $0.sboms.save(record, document: large, replacing: false)
            }
            #expect(try await Self.parts(of: record.id.rawValue, in: store) == 3)
            let read = try #require(try await store.read { try await $0.sboms.find([record.id]) }.first)
            #expect(read.bill == record.bill)
            #expect(read.documentSHA256 == large.sha256)

            let small = StoredDocument(text: Self.sbom(components: 1))
            try await store.write(fixtures.event(.sbomReplace)) {
                try await $0.sboms.save(record, document: small, replacing: true)
            }
            #expect(try await Self.parts(of: record.id.rawValue, in: store) == 1)
            #expect(try await store.read { try await $0.sboms.find([record.id]) }.first?.bill.components.count == 1)

            try await store.write(fixtures.event(.sbomDelete)) {
                try await $0.sboms.delete(record.id, at: fixtures.clock.now)
            }
            #expect(try await Self.parts(of: record.id.rawValue, in: store) == 0)
        }
    }

    /// Documents stored before parts existed become one part each, and read as before.
    @Test(arguments: engines)
    func documentsStoredBeforePartsAreMovedIntoThem(engine: Dialect) async throws {
        try await TestDatabase.with(engine) { database in
            try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                let before = Array(Migrations.all.prefix { $0.name != "0010_document_parts" })
                _ = try await Migrator(migrations: before).migrate(store.engine, now: Date())
                let fixtures = StoreFixtures()
                // Inserted directly, in the columns of 0009: today's records do not fit that schema.
                let organization = fixtures.organization()
                try await store.engine.transaction { database in
                    try await database.insert(into: "organizations")
                        .columns("id", "name", "kind", "contacts", "verification_state", "created_at")
                        .values(
                            SQLBind(organization.id.rawValue), SQLBind(organization.name),
                            SQLBind(organization.kind.rawValue), SQLBind("[]"), SQLBind("pending"), SQLBind(0)
                        ).run()
                }
                let text = Self.sbom(components: 2)
                let id: SBOMRecord.ID = fixtures.dependencies.makeID()
                try await store.engine.transaction { database in
                    try await database.insert(into: "sboms")
                        .columns("id", "organization_id", "asset", "internet_facing", "document", "created_at", "updated_at")
                        .values(
                            SQLBind(id.rawValue), SQLBind(organization.id.rawValue), SQLBind("PACS"), SQLBind(0),
                            SQLBind(text), SQLBind(0), SQLBind(0)
                        ).run()
                }
                #expect(try await store.migrate(now: Date()) == Migrations.all.dropFirst(before.count).map(\.name))
                let read = try await store.read { try await $0.sboms.all() }
                #expect(read.map(\.id) == [id])
                #expect(read.first?.bill == (try SoftwareBill.read(Data(text.utf8))))
                #expect(read.first?.documentSHA256 == nil)
                #expect(try await Self.parts(of: id.rawValue, in: store) == 1)
            }
        }
    }

    /// A CycloneDX document of `components` components of about 400 bytes, with names in several scripts.
    static func sbom(components: Int) -> String {
        let listed = (0..<components).map { index in
            #"{"bom-ref": "c\#(index)", "type": "library", "name": "paquet-é€😀-\#(index)", "version": "1.\#(index % 9)", "#
                + #""purl": "pkg:npm/paquet-\#(index)@1.\#(index % 9)", "description": "\#(String(repeating: "ü", count: 150))"}"#
        }
        return #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": ["# + listed.joined(separator: ",") + "]}"
    }

    static func parts(of id: String, in store: Store) async throws -> Int {
        try await store.engine.transaction { database in
            try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "parts")
                .from("document_parts").where("document_id", .equal, id)
                .first()?.decode(column: "parts", as: Int.self) ?? 0
        }
    }
}
