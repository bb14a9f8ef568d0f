import ClearinghouseStore
import Foundation
import HTTPTypes
import OSV
import Testing
import Versions
import ZIPFoundation

/// Anonymous and member callers sending input built to exhaust the server: over-long versions, deep nesting.
@Suite struct HostileInputTests {
    /// About 200 KB of `1-1-1-…`, which once crashed the server through Maven's nested lists.
    static let hostileVersion = String(repeating: "1-", count: 100_000) + "1"

    /// Every ecosystem with a version scheme, asked about a package it has an advisory for, with a version no scheme
    /// reads: a 400 naming the field, on the OSV API, by name and by purl.
    @Test func overlongVersionsAreRefusedForEveryEcosystem() async throws {
        try await TestAPI.run(.sqlite) { api in
            let ecosystems = Ecosystem.known.sorted().filter { VersionSchemes.named(Ecosystem.schemeName(for: $0)) != nil }
            #expect(ecosystems.contains("Maven") && ecosystems.contains("PyPI") && ecosystems.count > 10)
            let records = ecosystems.enumerated().map { index, ecosystem in
                OSVAPITests.record("PYSEC-0001-\(index)", package: "org.demo:demo", ecosystem: ecosystem)
            }
            let imported = try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken, json: "[\(records.joined(separator: ","))]")
            #expect(imported.status == .ok, "\(imported.text)")
            for ecosystem in ecosystems {
                let query = #"{"package": {"ecosystem": "\#(ecosystem)", "name": "org.demo:demo"}, "version": "\#(Self.hostileVersion)"}"#
                let reply = try await api.send(.post, "/v1/query", json: query)
                #expect(reply.status == .badRequest, "\(ecosystem): \(reply.status)")
                #expect(reply["field"] as? String == "version", "\(ecosystem)")
                let batch = try await api.send(.post, "/v1/querybatch", json: #"{"queries": [\#(query)]}"#)
                #expect(batch["field"] as? String == "queries[0].version", "\(ecosystem)")
            }
            let purl = try await api.send(
                .post, "/v1/query", json: #"{"package": {"purl": "pkg:maven/org.demo/demo@\#(Self.hostileVersion)"}}"#)
            #expect(purl.status == .badRequest)
            #expect(purl["field"] as? String == "package.purl")
            let shortPurl = String(repeating: "1-", count: 200)
            let versionInPurl = try await api.send(
                .post, "/v1/query", json: #"{"package": {"purl": "pkg:maven/org.demo/demo@\#(shortPurl)1"}}"#)
            #expect(versionInPurl["field"] as? String == "package.purl")
            // The deepest version the bound allows is answered.
            let deepest = String(repeating: "1-", count: 127) + "1"
            let answered = try await api.send(
                .post, "/v1/query",
                json: #"{"package": {"ecosystem": "Maven", "name": "org.demo:demo"}, "version": "\#(deepest)"}"#)
            #expect(answered.status == .ok)
            #expect((answered["vulns"] as? [[String: Any]])?.count == 1, "\(answered.text)")
        }
    }

    /// An SBOM carrying such versions is stored or refused, and the exposure and priority views still answer.
    @Test func sbomsWithOverlongVersionsDoNotBreakExposureOrPriorities() async throws {
        try await TestAPI.run(.sqlite) { api in
            let hospital = try await api.createOrganization(name: "Valley Hospital", kind: "operator", sector: "healthcare")
            let token = try await api.mintToken(for: hospital, role: "analyst").token
            _ = try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken,
                json: OSVAPITests.record("PYSEC-0001-1", package: "org.demo:demo", ecosystem: "Maven"))
            let components = [
                #"{"bom-ref": "a", "name": "demo", "version": "\#(Self.hostileVersion)", "purl": "pkg:maven/org.demo/demo@\#(Self.hostileVersion)"}"#,
                #"{"bom-ref": "b", "name": "org.demo:demo", "version": "\#(Self.hostileVersion)"}"#,
            ]
            for component in components {
                let sbom = #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [\#(component)]}"#
                let reply = try await api.send(.post, "/v1/sboms?asset=Portal", token: token, json: sbom)
                #expect([201, 400].contains(reply.status.code), "\(reply.text)")
                for path in ["/v1/priorities", "/v1/exposure", "/v1/sboms"] {
                    #expect(try await api.send(.get, path, token: token).status == .ok, "\(path)")
                    #expect(try await api.send(.get, path, token: api.coordinatorToken).status == .ok, "\(path)")
                }
            }
        }
    }

    /// JSON nested deeper than any reader accepts is refused on every route that reads JSON, before decoding.
    @Test func deepJSONIsRefusedOnEveryRoute() async throws {
        try await TestAPI.run(.sqlite) { api in
            let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
            let wrapped = #"{"a": "# + deep + "}"
            let coordinator = api.coordinator.id.rawValue
            let routes = [
                "/v1/query", "/v1/querybatch", "/v1/organizations", "/v1/organizations/\(coordinator)/tokens",
                "/v1/findings", "/v1/sboms?asset=A", "/v1/vex", "/v1/advisories/import", "/v1/kev/import",
                "/v1/ssvc-decisions",
            ]
            for route in routes {
                for body in [deep, wrapped] {
                    let reply = try await api.send(.post, route, token: api.coordinatorToken, json: body)
                    #expect(reply.status.code == 400, "\(route): \(reply.status) \(reply.text.prefix(200))")
                    #expect(reply.text.contains("deeper than"), "\(route): \(reply.text.prefix(300))")
                }
            }
        }
    }

    /// Every route with a body has a limit: over it, a 413 problem, and nothing stored.
    @Test func everyBodyHasALimit() async throws {
        try await TestAPI.run(.sqlite, configure: {
            $0.maximumBodySize = 1_000
            $0.maximumDocumentSize = 2_000
            $0.maximumImportSize = 3_000
        }) { api in
            let analyst = try await api.mintToken(for: api.coordinator.id.rawValue, role: "admin").token
            let limits = [
                ("/v1/query", 1_000), ("/v1/organizations", 1_000), ("/v1/ssvc-decisions", 1_000),
                ("/v1/findings", 2_000), ("/v1/sboms?asset=A", 2_000), ("/v1/vex", 2_000),
                ("/v1/advisories/import", 3_000), ("/v1/kev/import", 3_000),
            ]
            for (route, limit) in limits {
                let padded = #"{"pad": ""# + String(repeating: "x", count: limit) + #""}"#
                let reply = try await api.send(.post, route, token: analyst, json: padded)
                #expect(reply.status == .contentTooLarge, "\(route): \(reply.status)")
                #expect(reply["code"] as? String == "payload_too_large", "\(route)")
                #expect(reply.text.contains("(\(limit) bytes)"), "\(route): \(reply.text)")
            }
            #expect(try await api.send(.get, "/v1/sboms", token: analyst)["items"] as? [Any] != nil)
            #expect((try await api.send(.get, "/v1/findings", token: analyst)["items"] as? [Any])?.isEmpty == true)
        }
    }

    /// JSON is UTF-8: a document that is not is refused as it is, never stored with its bytes repaired.
    @Test func documentsThatAreNotUTF8AreRefused() async throws {
        try await TestAPI.run(.sqlite) { api in
            var body = Data(#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"component": {"name": ""#.utf8)
            body += Data([0xC3, 0x28])  // a lead byte followed by one that cannot continue it
            body += Data(#""}}, "components": []}"#.utf8)
            for route in ["/v1/sboms?asset=A", "/v1/vex"] {
                let reply = try await api.send(
                    .post, route, token: api.coordinatorToken, body: body,
                    headers: [.contentType: "application/json"])
                #expect(reply.status == .badRequest, "\(route): \(reply.status)")
                #expect(reply.text.contains("not UTF-8"), "\(route): \(reply.text)")
            }
            #expect((try await api.send(.get, "/v1/sboms", token: api.coordinatorToken)["items"] as? [Any])?.isEmpty == true)
        }
    }

    /// A small zip that expands far beyond its size is refused as it expands, never held whole in memory.
    @Test func decompressionBombsAreRefused() async throws {
        try await TestAPI.run(.sqlite) { api in
            func zip(_ members: [(String, Data)]) throws -> Data {
                let archive = try Archive(accessMode: .create)
                for (name, data) in members {
                    try archive.addEntry(
                        with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                        provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
                }
                return try #require(archive.data)
            }
            let record = Data(OSVAPITests.record("PYSEC-0001-1").utf8)
            let bombs = [
                ("huge.json", Data(repeating: 0x20, count: 20 * 1024 * 1024)),
                ("dense.json", Data(repeating: 0x20, count: 2 * 1024 * 1024)),
            ]
            for bomb in bombs {
                let body = try zip([("ok.json", record), bomb])
                let reply = try await api.send(
                    .post, "/v1/advisories/import", token: api.coordinatorToken, body: body,
                    headers: [.contentType: "application/zip"])
                #expect(reply.status == .badRequest, "\(bomb.0): \(reply.status)")
                #expect(reply.text.contains("decompression bomb"), "\(bomb.0): \(reply.text)")
            }
            let fine = try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken, body: try zip([("ok.json", record)]),
                headers: [.contentType: "application/zip"])
            #expect(fine["imported"] as? Int == 1, "\(fine.text)")
        }
    }
}
