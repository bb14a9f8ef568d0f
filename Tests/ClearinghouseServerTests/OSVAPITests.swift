import ClearinghouseCore
import ClearinghouseServer
import ClearinghouseStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OSV
import TLP
import Testing
import ZIPFoundation

/// The OSV API and advisory imports over HTTP.
@Suite struct OSVAPITests {
    static let pypaArchive = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OSVTests/Resources/pypa-advisory-database.zip")

    static func record(
        _ id: String, package: String = "demo", ecosystem: String = "PyPI", fixed: String = "2.0",
        modified: String = "2024-01-01T00:00:00Z", extra: String = ""
    ) -> String {
        #"{"id": "\#(id)", "modified": "\#(modified)", "affected": [{"package": {"ecosystem": "\#(ecosystem)", "name": "\#(package)"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "\#(fixed)"}]}]}]\#(extra)}"#
    }

    func importJSON(_ api: TestAPI, _ body: String) async throws -> TestAPI.Reply {
        try await api.send(.post, "/v1/advisories/import", token: api.coordinatorToken, json: body)
    }

    @Test(arguments: engines)
    func importsAreIdempotentAndReportInvalidRecords(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let first = try await importJSON(
                api, "[\(Self.record("PYSEC-0001-1")), \(Self.record("PYSEC-0001-2")), {\"id\": \"PYSEC-0001-3\"}]")
            #expect(first.status == .ok, "\(first.text)")
            #expect(first["imported"] as? Int == 2)
            let invalid = try #require(first["invalid"] as? [[String: Any]])
            #expect(invalid.count == 1)
            #expect(invalid.first?["source"] as? String == "body[2]")
            #expect((invalid.first?["reasons"] as? [String])?.first == "PYSEC-0001-3 modified: is required. [SCH:001]")

            let again = try await importJSON(api, Self.record("PYSEC-0001-1"))
            #expect(again["unchanged"] as? Int == 1)
            let newer = try await importJSON(
                api, Self.record("PYSEC-0001-1", fixed: "3.0", modified: "2024-02-01T00:00:00Z"))
            #expect(newer["updated"] as? Int == 1)
            let older = try await importJSON(
                api, Self.record("PYSEC-0001-1", fixed: "9.0", modified: "2023-01-01T00:00:00Z"))
            #expect(older["unchanged"] as? Int == 1)

            // The index follows: 2.5 is affected since the update to fixed 3.0, and the older import changed nothing.
            let query = try await api.send(
                .post, "/v1/query", json: #"{"package": {"name": "demo", "ecosystem": "PyPI"}, "version": "2.5"}"#)
            #expect(query.status == .ok, "\(query.text)")
            let vulns = try #require(query["vulns"] as? [[String: Any]])
            #expect(vulns.map { $0["id"] as? String } == ["PYSEC-0001-1"])
            #expect(vulns.first?["modified"] as? String == "2024-02-01T00:00:00Z")

            // Every stored change is audited, the invalid record left nothing behind.
            let events = try await api.auditEvents().filter {
                $0.action == .advisoryImport || $0.action == .advisoryUpdate
            }
            #expect(events.count == 3)
            #expect(try await api.store.read { try await $0.advisories.find(.init(rawValue: "PYSEC-0001-3")) } == nil)
        }
    }

    /// Records the OSV schema accepts are imported even where the linter objects to their lists of ids (repeated,
    /// or naming the record itself): normalized, served back cleaned, and reported as warnings.
    @Test func schemaValidRecordsWithRepeatedIdsAreImportedNormalized() async throws {
        try await TestAPI.run(.sqlite) { api in
            let record = Self.record(
                "PYSEC-0001-1",
                extra: #", "aliases": ["CVE-2024-0001", "CVE-2024-0001", "PYSEC-0001-1"], "related": ["GHSA-0000-0000-0001"]"#)
            let reply = try await importJSON(api, record)
            #expect(reply["imported"] as? Int == 1, "\(reply.text)")
            #expect(reply["warned"] as? Int == 1)
            let warnings = try #require(reply["warnings"] as? [[String: Any]])
            #expect(
                warnings.first?["reasons"] as? [String] == [
                    "PYSEC-0001-1 aliases: has duplicate entries; each is kept once. [REC:002]",
                    "PYSEC-0001-1 aliases: lists the record's own id; it is dropped. [REC:002]",
                ])
            let served = try await api.send(.get, "/v1/vulns/PYSEC-0001-1")
            #expect(served["aliases"] as? [String] == ["CVE-2024-0001"])
            #expect(served["related"] as? [String] == ["GHSA-0000-0000-0001"])
        }
    }

    /// osv.dev reads a query's body as JSON whatever its media type (`curl -d` sends a form's); so does this server,
    /// for the OSV routes only.
    @Test func osvQueriesAreReadWhateverTheirMediaType() async throws {
        try await TestAPI.run(.sqlite) { api in
            _ = try await importJSON(api, Self.record("PYSEC-0001-1"))
            let query = #"{"package": {"name": "demo", "ecosystem": "PyPI"}, "version": "1.0"}"#
            for type in ["application/x-www-form-urlencoded", "text/plain"] {
                let single = try await api.send(.post, "/v1/query", json: query, headers: [.contentType: type])
                #expect((single["vulns"] as? [[String: Any]])?.count == 1, "\(type): \(single.text)")
                let batch = try await api.send(
                    .post, "/v1/querybatch", json: #"{"queries": [\#(query)]}"#, headers: [.contentType: type])
                #expect((batch["results"] as? [[String: Any]])?.count == 1, "\(type): \(batch.text)")
            }
            let form = try await api.send(
                .post, "/v1/organizations", token: api.coordinatorToken, json: #"{"name": "A", "kind": "vendor"}"#,
                headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
        }
    }

    @Test(arguments: engines)
    func onlyCoordinatorsImport(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let anonymous = try await api.send(.post, "/v1/advisories/import", json: Self.record("PYSEC-0001-1"))
            #expect(anonymous.status == .unauthorized)
            let vendor = try await api.createOrganization(name: "Vendor")
            let token = try await api.mintToken(for: vendor, role: "admin").token
            let refused = try await api.send(
                .post, "/v1/advisories/import", token: token, json: Self.record("PYSEC-0001-1"))
            #expect(refused.status == .forbidden)
            #expect(try await api.auditEvents().contains { $0.action == .advisoryImport && $0.outcome == .denied })
            let reader = try await api.mintToken(for: api.coordinator.id.rawValue, role: "reader").token
            let readerRefused = try await api.send(
                .post, "/v1/advisories/import", token: reader, json: Self.record("PYSEC-0001-1"))
            #expect(readerRefused.status == .forbidden)
            let wrongType = try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken, json: "x",
                headers: [.contentType: "text/csv"])
            #expect(wrongType.status == .unsupportedMediaType)
            let notJSON = try await api.send(.post, "/v1/advisories/import", token: api.coordinatorToken, json: "{")
            #expect(notJSON.status == .badRequest)
        }
    }

    /// The PyPA database imported as a zip over HTTP answers every query as the OSV evaluation of its records does.
    @Test(arguments: engines)
    func thePyPADatabaseAnswersAsItsRecordsSay(engine: Dialect) async throws {
        let archive = try Data(contentsOf: Self.pypaArchive)
        let records = try Self.pypaRecords()
        try await TestAPI.run(engine) { api in
            let reply = try await api.client.execute(
                uri: "/v1/advisories/import", method: .post,
                headers: [.authorization: "Bearer \(api.coordinatorToken)", .contentType: "application/zip"],
                body: ByteBuffer(bytes: archive))
            #expect(reply.status == .ok)
            let summary = try JSONSerialization.jsonObject(with: Data(buffer: reply.body)) as? [String: Any]
            #expect(summary?["imported"] as? Int == 2_661)
            #expect((summary?["invalid"] as? [Any])?.isEmpty == true)

            // Queries for versions the records list, their fixes and versions before them, in batches.
            var queries: [(name: String, version: String)] = []
            for record in records.prefix(300) {
                for entry in record.affected {
                    guard let package = entry.package else { continue }
                    for version in entry.versions.prefix(2) + AffectedEvaluator(entry, ecosystem: "PyPI").fixedVersions
                    {
                        queries.append((package.name, version))
                    }
                }
            }
            queries.append(("no-such-package", "1.0"))
            for start in stride(from: 0, to: queries.count, by: 1_000) {
                let batch = queries[start..<min(queries.count, start + 1_000)]
                let body = batch.map {
                    #"{"package": {"name": "\#($0.name)", "ecosystem": "PyPI"}, "version": "\#($0.version)"}"#
                }
                let response = try await api.send(
                    .post, "/v1/querybatch", json: #"{"queries": [\#(body.joined(separator: ","))]}"#)
                #expect(response.status == .ok)
                let results = try #require(response["results"] as? [[String: Any]])
                #expect(results.count == batch.count)
                for (query, result) in zip(batch, results) {
                    let answered = ((result["vulns"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                    let expected = records.filter {
                        $0.affects(ecosystem: "PyPI", name: query.name, version: query.version)
                    }.map(\.id).sorted()
                    #expect(answered == expected, "\(query)")
                }
            }
            // By purl, and the full record by id.
            let byPurl = try await api.send(
                .post, "/v1/query", json: #"{"package": {"purl": "pkg:pypi/jinja2@2.4.1"}}"#)
            let expected = records.filter { $0.affects(ecosystem: "PyPI", name: "jinja2", version: "2.4.1") }.map(\.id)
            #expect(
                ((byPurl["vulns"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == expected.sorted())
            #expect(!expected.isEmpty)
            let one = try await api.send(.get, "/v1/vulns/\(expected[0])")
            #expect(one.status == .ok)
            #expect(one["id"] as? String == expected[0])
        }
    }

    @Test(arguments: engines)
    func visibilityDraftsAndWithdrawals(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            let other = try await api.createOrganization(name: "Other")
            let otherToken = try await api.mintToken(for: other, role: "admin").token
            func advisory(_ id: String, label: TLPLabel, published: Bool) throws -> Advisory {
                let reading = try OSVRecord.read(Data(Self.record(id).utf8), format: .json)
                return try Advisory(
                    record: try #require(reading.record),
                    visibility: Visibility(label: label, owner: Organization.ID(vendor)), isPublished: published)
            }
            let advisories = [
                try advisory("x_amber", label: .amber, published: true),
                try advisory("x_draft", label: .clear, published: false),
                try advisory("x_clear", label: .clear, published: true),
            ]
            _ = try await api.store.importAdvisories(
                advisories, actor: AuditActor(organizationID: nil, tokenID: nil, channel: .cli), requestID: nil,
                dependencies: api.dependencies)
            try await api.catalogs.follower.catchUp()
            _ = try await importJSON(
                api, Self.record("PYSEC-0002-1", extra: #", "withdrawn": "2024-06-01T00:00:00Z""#))

            let query = #"{"package": {"name": "demo", "ecosystem": "PyPI"}, "version": "1.0"}"#
            func ids(_ token: String?) async throws -> [String] {
                let reply = try await api.send(.post, "/v1/query", token: token, json: query)
                #expect(reply.status == .ok)
                return ((reply["vulns"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await ids(nil) == ["x_clear"])
            #expect(try await ids(otherToken) == ["x_clear"])
            #expect(try await ids(vendorToken) == ["x_amber", "x_clear"])
            #expect(try await ids(api.coordinatorToken) == ["x_amber", "x_clear"])

            let hidden = try await api.send(.get, "/v1/vulns/x_amber")
            let missing = try await api.send(.get, "/v1/vulns/x_nothing")
            #expect(hidden.status == .notFound)
            #expect(hidden.withoutRequestID == missing.withoutRequestID)
            #expect(try await api.send(.get, "/v1/vulns/x_amber", token: vendorToken).status == .ok)
            #expect(try await api.send(.get, "/v1/vulns/x_draft", token: vendorToken).status == .notFound)
            // A withdrawn record is still readable by id, and affects nothing.
            #expect(try await api.send(.get, "/v1/vulns/PYSEC-0002-1").status == .ok)
        }
    }

    @Test(arguments: engines)
    func pagesAndBatches(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: { $0.osvPageSize = 2 }) { api in
            let records = (1...5).map { Self.record("PYSEC-0003-\($0)") }
            _ = try await importJSON(api, "[\(records.joined(separator: ","))]")
            var seen: [String] = []
            var token: String?
            repeat {
                let tokenField = token.map { #", "page_token": "\#($0)""# } ?? ""
                let reply = try await api.send(
                    .post, "/v1/query", json: #"{"package": {"name": "demo", "ecosystem": "PyPI"}\#(tokenField)}"#)
                seen += ((reply["vulns"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                token = reply["next_page_token"] as? String
            } while token != nil
            #expect(seen == (1...5).map { "PYSEC-0003-\($0)" })

            let batch = try await api.send(
                .post, "/v1/querybatch",
                json:
                    #"{"queries": [{"package": {"name": "nothing", "ecosystem": "PyPI"}}, {"package": {"purl": "pkg:pypi/demo@1.0"}}]}"#
            )
            let results = try #require(batch["results"] as? [[String: Any]])
            #expect(results.count == 2)
            #expect(results[0].isEmpty)
            let vulns = try #require(results[1]["vulns"] as? [[String: Any]])
            #expect(vulns.map { $0["id"] as? String } == ["PYSEC-0003-1", "PYSEC-0003-2"])
            #expect(vulns.first?["modified"] as? String == "2024-01-01T00:00:00Z")
            #expect(results[1]["next_page_token"] != nil)
        }
    }

    @Test(arguments: [
        (#"{"package": {"name": "a"}}"#, "package.ecosystem"),
        (#"{"version": "1.0"}"#, "package.name"),
        (#"{"package": {"purl": "pkg:pypi/a", "name": "a"}}"#, "package"),
        (#"{"package": {"purl": "pkg:pypi/a@1"}, "version": "2"}"#, "version"),
        (#"{"package": {"purl": "pkg:nope"}}"#, "package.purl"),
        (#"{"package": {"purl": "pkg:generic/a"}}"#, "package.purl"),
        (#"{"commit": "xyz"}"#, "commit"),
        (#"{"commit": "abcd", "version": "1"}"#, "version"),
        (#"{"commit": "abcd", "package": {}}"#, "package"),
        (#"{"package": {}}"#, "package"),
        (#"{"commit": "", "package": {"name": "a", "ecosystem": "PyPI"}}"#, "commit"),
        (#"{"commit": "abcd", "package": {"name": "a", "ecosystem": "PyPI"}}"#, "package"),
        (#"{"package": {"name": "a", "ecosystem": "PyPI", "purl": ""}}"#, "package.purl"),
        (#"{"package": {"name": "a", "ecosystem": "PyPI"}, "page_token": "!!"}"#, "page_token"),
        (#"{"package": {"name": "a", "ecosystem": "PyPI"}, "extra": 1}"#, "extra"),
    ])
    func badQueriesNameTheField(body: String, field: String) async throws {
        try await TestAPI.run(.sqlite) { api in
            let reply = try await api.send(.post, "/v1/query", json: body)
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply["field"] as? String == field, "\(reply.text)")
        }
    }

    @Test func batchesAreBounded() async throws {
        try await TestAPI.run(.sqlite) { api in
            let query = #"{"package": {"name": "a", "ecosystem": "PyPI"}}"#
            let body = #"{"queries": [\#(Array(repeating: query, count: 1_001).joined(separator: ","))]}"#
            let reply = try await api.send(.post, "/v1/querybatch", json: body)
            #expect(reply.status == .badRequest)
            #expect(reply["field"] as? String == "queries")
            let bad = try await api.send(.post, "/v1/querybatch", json: #"{"queries": [\#(query), {"commit": "zz"}]}"#)
            #expect(bad["field"] as? String == "queries[1].commit")
            let unknown = try await api.send(
                .post, "/v1/querybatch", json: #"{"queries": [\#(query), {"commit": "ab", "extra": 1}]}"#)
            #expect(unknown.status == .badRequest && unknown["field"] as? String == "queries[1].extra", "\(unknown.text)")
        }
    }

    static func pypaRecords() throws -> [OSVRecord] {
        let archive = try Archive(url: pypaArchive, accessMode: .read)
        return try archive.filter { $0.path.hasSuffix(".yaml") }.compactMap { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return try OSVRecord.read(data, format: .yaml).record
        }
    }
}
