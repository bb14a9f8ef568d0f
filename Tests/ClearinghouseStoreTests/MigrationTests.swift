import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import SQLKit
import Testing

@testable import ClearinghouseStore

@Suite struct MigrationTests {
    static let shipped = [
        "0001_foundation", "0002_transparency_log", "0003_advisories", "0004_sboms_and_vex", "0005_findings",
        "0006_priorities", "0007_changes_jobs_outbox", "0008_finding_labels",
        "0009_vendor_products", "0010_document_parts", "0011_people", "0012_finding_names",
        "0013_case_actors", "0014_second_factor_policy", "0015_import_runs",
        "0016_credential_resets", "0017_scan_leases", "0018_scan_authorizations",
        "0019_unauthorized_scans", "0020_disclosure",
        "0021_webhooks",
        "0022_tuf",
        "0023_tuf_patches",
        "0024_remediation_reminders",
        "0025_frontier",
        "0026_model_evaluations",
        "0027_determinations",
        "0028_access_windows",
    ]

    /// Shipped migrations are never edited: their checksums are frozen here. A failure means a shipped migration
    /// changed; put the change in a new migration instead.
    @Test func shippedMigrationsAreUnchanged() {
        let frozen: [String: [Dialect: String]] = [
            "0001_foundation": [
                .sqlite: "0a51857c043cb8f99a34614bae15e01447c9f4789ec3abd09e6bff822e01bebe",
                .postgres: "ebe60c0cd3f9f230ec7259fc3ece8752fb8de0bc401d1c53527404a2ccf4fdae",
            ],
            "0002_transparency_log": [
                .sqlite: "bfd5d665a5c65c0a0422394e4063d2f6037dca2b565f05532bbfe6a5b5594229",
                .postgres: "4d11460cda9a876a805a0d39f94131259a7884591484f5a3c0adaf6d1ccc6bd3",
            ],
            "0003_advisories": [
                .sqlite: "0a9dba5ebef13d3779d36d0d16f240889d060bdffb3c6af2b2ad0699cfa33bca",
                .postgres: "0a9dba5ebef13d3779d36d0d16f240889d060bdffb3c6af2b2ad0699cfa33bca",
            ],
            "0004_sboms_and_vex": [
                .sqlite: "2414f42dccad789a4cc649abc3fe76deb9e0962dad7ad4c81f2e386ee3a62668",
                .postgres: "2414f42dccad789a4cc649abc3fe76deb9e0962dad7ad4c81f2e386ee3a62668",
            ],
            "0005_findings": [
                .sqlite: "d22677a5eeb0d5cafb24e32624dfb538463b27c10493a96f6187434c83fa5412",
                .postgres: "89a71f1543483cfaaf73c4e3e690c6eb02c4b2bd366d48bd0f207ba8ee7772ab",
            ],
            "0006_priorities": [
                .sqlite: "2cef6f29ca39e49de63f52bb5243ecbb2e8750425d0e9384cd3c66f5862be5c9",
                .postgres: "2cef6f29ca39e49de63f52bb5243ecbb2e8750425d0e9384cd3c66f5862be5c9",
            ],
            "0007_changes_jobs_outbox": [
                .sqlite: "35cc5fb6ef9eee6c53e2665bead37a663e39a023c5e9c348c733ba7078bbd2bb",
                .postgres: "35cc5fb6ef9eee6c53e2665bead37a663e39a023c5e9c348c733ba7078bbd2bb",
            ],
            "0008_finding_labels": [
                .sqlite: "c65311fbd10bb08d545e63c8168a9bb963b608a779b5930eca5a036e50e8ca11",
                .postgres: "c65311fbd10bb08d545e63c8168a9bb963b608a779b5930eca5a036e50e8ca11",
            ],
            "0009_vendor_products": [
                .sqlite: "a40bbf6bb15975030c6312cd9f2e03a656b887998401e0cb6f18624724f4c871",
                .postgres: "a40bbf6bb15975030c6312cd9f2e03a656b887998401e0cb6f18624724f4c871",
            ],
            "0010_document_parts": [
                .sqlite: "172ae2570908838a8b8072b82340493592924b07a8bf2a51eb55035f550796de",
                .postgres: "172ae2570908838a8b8072b82340493592924b07a8bf2a51eb55035f550796de",
            ],
            "0011_people": [
                .sqlite: "1a13f1613ce1c785cc2dd811a83147fa00c36079f696541d3bda1d5022aa1555",
                .postgres: "1a13f1613ce1c785cc2dd811a83147fa00c36079f696541d3bda1d5022aa1555",
            ],
            "0012_finding_names": [
                .sqlite: "bb3c3794731efc72aa39e02d3c4abc02b51423b910f1ecbef73e65ad5c65fff6",
                .postgres: "8c378158c086ff0ab333ccb46920fe997d600f63c30f384a23be72007790fa22",
            ],
            "0014_second_factor_policy": [
                .sqlite: "2f3586ceea3a3f29306391c23e196599e1f6e8e0e9e91e351c273e8d14a18354",
                .postgres: "2f3586ceea3a3f29306391c23e196599e1f6e8e0e9e91e351c273e8d14a18354",
            ],
            "0015_import_runs": [
                .sqlite: "2a4231d317c00f171bcd5e11fedecd31cc3d99e50c3aecb92b91ded5c088d5cf",
                .postgres: "2a4231d317c00f171bcd5e11fedecd31cc3d99e50c3aecb92b91ded5c088d5cf",
            ],
            "0016_credential_resets": [
                .sqlite: "1a625459e53e27b1bd2404fd0f38f1544f7beb626c2c254222630d66a2e26c91",
                .postgres: "1a625459e53e27b1bd2404fd0f38f1544f7beb626c2c254222630d66a2e26c91",
            ],
            "0017_scan_leases": [
                .sqlite: "48802b8f1cfadef8fc59f2d442abc06b1e600999bb4c33b66676d724d1e129a6",
                .postgres: "48802b8f1cfadef8fc59f2d442abc06b1e600999bb4c33b66676d724d1e129a6",
            ],
            "0018_scan_authorizations": [
                .sqlite: "097a18265b9231154266b67bd9b450cb127ee51a857cf7cbc5a66ac797b304ee",
                .postgres: "097a18265b9231154266b67bd9b450cb127ee51a857cf7cbc5a66ac797b304ee",
            ],
            "0019_unauthorized_scans": [
                .sqlite: "4bab4590bc98dc2bf076ce9ddb3effc737361de821e7cc4f09931dd8cb23cc6d",
                .postgres: "4bab4590bc98dc2bf076ce9ddb3effc737361de821e7cc4f09931dd8cb23cc6d",
            ],
            "0020_disclosure": [
                .sqlite: "3f66c22e5a866f228c446505ae3ae06888cb653bd77d21325ca17632968fd9a5",
                .postgres: "3f66c22e5a866f228c446505ae3ae06888cb653bd77d21325ca17632968fd9a5",
            ],
            "0021_webhooks": [
                .sqlite: "a2a46bafd86d0047cc7b0b38737d85273873c4f40d328632c85c28ed1cff69cc",
                .postgres: "a2a46bafd86d0047cc7b0b38737d85273873c4f40d328632c85c28ed1cff69cc",
            ],
            "0022_tuf": [
                .sqlite: "bd7ebfc4080ff6b2eb32a51dc39e09ae128d05cf127a8cedb36a35acd47b595c",
                .postgres: "bd7ebfc4080ff6b2eb32a51dc39e09ae128d05cf127a8cedb36a35acd47b595c",
            ],
            "0023_tuf_patches": [
                .sqlite: "e5ba44d633bacc266da995dc3fe7c18fa94884de36bc6f9913525af11279a798",
                .postgres: "e5ba44d633bacc266da995dc3fe7c18fa94884de36bc6f9913525af11279a798",
            ],
            "0024_remediation_reminders": [
                .sqlite: "e1a0fac93b4513297d8103d491b01572f9e37d61f9d1c898b24c24a0593c60c9",
                .postgres: "e1a0fac93b4513297d8103d491b01572f9e37d61f9d1c898b24c24a0593c60c9",
            ],
            "0025_frontier": [
                .sqlite: "d682ebab53b65687e62ebd096bb57adf4f7f33f4a1cea67dee0b76ae2ebadc2b",
                .postgres: "d682ebab53b65687e62ebd096bb57adf4f7f33f4a1cea67dee0b76ae2ebadc2b",
            ],
            "0026_model_evaluations": [
                .sqlite: "8a32b1d528f6f90eb1d0e573fbc2944fdd44fee570504fd41b3435ecf1bf249b",
                .postgres: "8a32b1d528f6f90eb1d0e573fbc2944fdd44fee570504fd41b3435ecf1bf249b",
            ],
            "0027_determinations": [
                .sqlite: "f24df70c1c94a2064bc27bcb00d63bd721be030cdc568ac8b5f449677cea0404",
                .postgres: "f24df70c1c94a2064bc27bcb00d63bd721be030cdc568ac8b5f449677cea0404",
            ],
            "0028_access_windows": [
                .sqlite: "f780a89b08a0d803a5ea5582c76440eb273fc928ab211c73da18a733aa740148",
                .postgres: "f780a89b08a0d803a5ea5582c76440eb273fc928ab211c73da18a733aa740148",
            ],
            "0013_case_actors": [
                .sqlite: "fd218885e30ebd7b0177c6f516b8a40844a0c017bf590c17f4630a33fbedcbff",
                .postgres: "fd218885e30ebd7b0177c6f516b8a40844a0c017bf590c17f4630a33fbedcbff",
            ],
        ]
        #expect(Store.migrationNames == Self.shipped)
        for migration in Migrations.all {
            for dialect in Dialect.allCases {
                #expect(
                    migration.checksum(for: dialect) == frozen[migration.name]?[dialect], "\(migration.name) \(dialect)"
                )
            }
        }
    }

    /// Findings stored before their aliases and Package URL had columns get them from their documents.
    @Test(arguments: engines)
    func findingsStoredBeforeTheirNamesHadColumnsKeepThem(engine: Dialect) async throws {
        try await TestDatabase.with(engine) { database in
            try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                let earlier = Array(Migrations.all.prefix { $0.name != "0012_finding_names" })
                _ = try await Migrator(migrations: earlier).migrate(store.engine, now: Date())
                let organization = UUID().uuidString.lowercased()
                let caseID = UUID().uuidString.lowercased()
                let (first, second) = (UUID().uuidString.lowercased(), UUID().uuidString.lowercased())
                let documents = [
                    (first, #"{"title": "a", "aliases": ["cve-2024-0001", "GHSA-abcd-efgh-ijkl"], "target": {"purl": "pkg:pypi/demo@1.0"}}"#),
                    (second, #"{"title": "b", "target": {"repository": "https://example.org/demo.git"}}"#),
                ]
                try await store.engine.transaction { sql in
                    try await sql.insert(into: "organizations")
                        .columns("id", "name", "kind", "contacts", "verification_state", "created_at")
                        .values(SQLBind(organization), SQLBind("Lab"), SQLBind("researcher"), SQLBind("[]"), SQLBind("pending"), SQLBind(0)).run()
                    try await sql.insert(into: "cases")
                        .columns("id", "state", "label", "owner_organization_id", "first_finding_id", "title", "created_at", "updated_at")
                        .values(SQLBind(caseID), SQLBind("reported"), SQLBind("AMBER"), SQLBind(organization), SQLBind(first), SQLBind("a"), SQLBind(0), SQLBind(0)).run()
                    for (id, document) in documents {
                        try await sql.insert(into: "findings")
                            .columns("id", "case_id", "organization_id", "reported_at", "fingerprints", "document")
                            .values(SQLBind(id), SQLBind(caseID), SQLBind(organization), SQLBind(0), SQLBind(""), SQLBind(document)).run()
                    }
                }
                #expect(try await store.migrate(now: Date()) == ["0012_finding_names", "0013_case_actors", "0014_second_factor_policy", "0015_import_runs", "0016_credential_resets", "0017_scan_leases", "0018_scan_authorizations", "0019_unauthorized_scans", "0020_disclosure", "0021_webhooks", "0022_tuf", "0023_tuf_patches", "0024_remediation_reminders", "0025_frontier", "0026_model_evaluations", "0027_determinations", "0028_access_windows"])
                let named = try await store.read { try await $0.cases.aliasesAndPackages(of: [try #require(Case.ID(caseID))]) }
                let names = try #require(named.values.first)
                #expect(names.aliases == ["CVE-2024-0001", "GHSA-ABCD-EFGH-IJKL"])
                #expect(names.packages == ["pkg:pypi/demo@1.0"])
            }
        }
    }

    @Test(arguments: engines)
    func migratingTwiceAppliesNothingTheSecondTime(engine: Dialect) async throws {
        try await TestDatabase.with(engine) { database in
            try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                #expect(try await store.migrate(now: Date()) == Self.shipped)
                #expect(try await store.migrate(now: Date()) == [])
            }
        }
    }

    @Test(arguments: engines)
    func refusesADatabaseWhoseShippedMigrationChanged(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store async throws in
            try await store.engine.transaction { database in
                try await database.update("schema_migrations").set("checksum", to: "edited").run()
            }
            await #expect {
                try await store.migrate(now: Date())
            } throws: { ($0 as? ClearinghouseError)?.code == .schemaMismatch }
        }
    }

    @Test(arguments: engines)
    func refusesADatabaseMigratedByANewerBuild(engine: Dialect) async throws {
        try await Store.withTestStore(engine) { store async throws in
            try await store.engine.transaction { database in
                try await database.insert(into: "schema_migrations").columns("name", "checksum", "applied_at")
                    .values(SQLBind("9999_future"), SQLBind("x"), SQLBind(0)).run()
            }
            await #expect {
                try await store.migrate(now: Date())
            } throws: { error in
                let error = error as? ClearinghouseError
                return error?.code == .schemaMismatch && error?.message.contains("9999_future") == true
            }
        }
    }

    @Test func concurrentNodesMigratePostgresOnce() async throws {
        let applied = try await TestDatabase.with(.postgres) { database in
            try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await Store.withStore(database.url, logger: .init(label: "test")) { store async throws in
                            try await store.migrate(now: Date())
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(applied.filter { !$0.isEmpty } == [Self.shipped])
    }
}
