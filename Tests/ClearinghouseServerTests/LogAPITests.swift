import ClearinghouseClient
import ClearinghouseCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
import TransparencyLog

@testable import ClearinghouseStore

/// The transparency log over HTTP: what is logged, the checkpoint, entries, proofs, tiles, reveals, and the
/// outside verifier reading it.
@Suite struct LogAPITests {
    /// The verifier's view of the in-process server.
    struct RouterLogSource: LogSource {
        let api: TestAPI

        func get(_ pathAndQuery: String) async throws -> (status: Int, body: Data) {
            let reply = try await api.send(.get, pathAndQuery)
            return (reply.status.code, Data(reply.text.utf8))
        }
    }

    static func verifier(_ api: TestAPI, key: NoteVerifier = TestAPI.logSigner.verifier) -> LogVerifier {
        LogVerifier(key: key, source: RouterLogSource(api: api))
    }

    /// The JSON entries of `GET /v1/log/entries`.
    static func entries(_ api: TestAPI, start: Int = 0) async throws -> [[String: Any]] {
        let reply = try await api.send(.get, "/v1/log/entries?start=\(start)")
        #expect(reply.status == .ok, "\(reply.text)")
        return try #require(reply["entries"] as? [[String: Any]])
    }

    static func leafData(_ entry: [String: Any]) throws -> Data {
        let text = try #require(entry["data"] as? String)
        return try #require(Data(base64Encoded: text))
    }

    @Test(arguments: engines)
    func verificationsAreLoggedSignedAndProven(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            for name in ["Rural Hospital", "Community Bank", "Water District"] {
                _ = try await api.createOrganization(name: name, kind: "operator", sector: "healthcare")
            }
            try await api.signCheckpoint()

            let reply = try await api.send(.get, "/v1/log/checkpoint")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "text/plain; charset=utf-8")
            let note = try SignedNote(parsing: reply.text)
            #expect(try note.verify(with: [TestAPI.logSigner.verifier]).count == 1)
            let checkpoint = try Checkpoint(text: note.text)
            #expect(checkpoint.origin == TestAPI.logSigner.name)
            #expect(checkpoint.size == 4)
            #expect(try await api.send(.get, "/checkpoint").text == reply.text)

            let entries = try await Self.entries(api)
            #expect(
                entries.map { $0["kind"] as? String } == ["instance.bootstrap"]
                    + Array(repeating: "organization.verify", count: 3))
            var tree = MerkleTree()
            for entry in entries {
                let data = try Self.leafData(entry)
                #expect(MerkleHash.leaf(data).base64 == entry["leaf_hash"] as? String)
                let leaf = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                #expect(leaf?["commitment"] is String, "confidential events are logged as commitments")
                #expect(leaf?["v"] as? Int == 1)
                tree.append(.leaf(data))
            }
            #expect(tree.root == checkpoint.root)

            let byIndex = try await api.send(.get, "/v1/log/proof/inclusion?index=2&tree_size=4")
            let leafHash = try #require(entries[2]["leaf_hash"] as? String)
            let escaped = leafHash.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let byHash = try await api.send(.get, "/v1/log/proof/inclusion?leaf_hash=\(escaped)")
            #expect(byIndex.status == .ok)
            #expect(byHash.text == byIndex.text)
            let path = try #require(byIndex["inclusion_path"] as? [String]).compactMap { MerkleHash(base64: $0) }
            try InclusionProof.verify(
                leafHash: try #require(MerkleHash(base64: leafHash)), index: 2, treeSize: 4, proof: path,
                root: checkpoint.root)

            let consistency = try await api.send(.get, "/v1/log/proof/consistency?first=3&second=4")
            #expect(consistency.status == .ok)
            let proof = try #require(consistency["consistency_path"] as? [String]).compactMap { MerkleHash(base64: $0) }
            try ConsistencyProof.verify(
                first: 3, second: 4, firstRoot: try tree.root(atSize: 3), secondRoot: checkpoint.root, proof: proof)
        }
    }

    @Test(arguments: engines)
    func tilesServeTheSignedTree(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            _ = try await api.createOrganization(name: "Local Utility", kind: "operator", sector: "energy")
            try await api.signCheckpoint()
            _ = try await api.createOrganization(name: "Not Yet Signed", kind: "vendor")
            let entries = try await Self.entries(api)
            #expect(entries.count == 2, "entries beyond the checkpoint are not served")

            let bundle = try await api.client.execute(
                uri: "/tile/entries/000.p/2", method: .get, headers: [:], body: nil)
            #expect(bundle.status == .ok)
            #expect(bundle.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let decoded = EntryBundle.decode(Array(buffer: bundle.body))
            #expect(decoded == (try entries.map { Array(try Self.leafData($0)) }))

            let hashes = try await api.client.execute(uri: "/tile/0/000.p/2", method: .get, headers: [:], body: nil)
            #expect(hashes.status == .ok)
            let expected = try entries.flatMap { try #require(MerkleHash(base64: $0["leaf_hash"] as! String)).bytes }
            #expect(Array(buffer: hashes.body) == expected)

            for path in [
                "/tile/0/000", "/tile/0/000.p/3", "/tile/entries/000.p/3", "/tile/1/000.p/1", "/tile/0/001.p/1",
                "/tile/0/0", "/tile/x", "/tile/0/x000/000", "/tile/9/000.p/1", "/tile/0/000.p/0", "/tile/0/000.p/256",
            ] {
                let reply = try await api.send(.get, path)
                #expect(reply.status == .notFound, "\(path)")
                #expect(reply.code == "not_found", "\(path)")
            }
        }
    }

    /// Coordinator actions that grant access are logged, and the organization granted access can reveal them:
    /// a token minted for it, and its being put on a case's need-to-know list.
    @Test(arguments: engines)
    func grantsAreLoggedAndRevealedToTheOrganizationGranted(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let hospital = try await api.createOrganization(name: "Rural Hospital", kind: "operator", sector: "healthcare")
            let bank = try await api.createOrganization(name: "Community Bank", kind: "operator", sector: "finance")
            let bankToken = try await api.mintToken(for: bank, role: "analyst").token
            let hospitalToken = try await api.mintToken(for: hospital, role: "analyst").token
            let finding = try await api.send(
                .post, "/v1/findings", token: bankToken,
                json: #"{"title": "Overflow", "target": {"purl": "pkg:generic/demo@1.0"}}"#)
            let caseID = try #require((finding["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
            let added = try await api.send(
                .post, "/v1/cases/\(caseID)/participants", token: api.coordinatorToken,
                json: #"{"organization_id": "\#(hospital)"}"#)
            #expect(added.status == .ok, "\(added.text)")
            try await api.signCheckpoint()
            let kinds = try await api.loggedKinds()
            func reveal(_ kind: String, as token: String) async throws -> [String: Any]? {
                let index = try #require(kinds.lastIndex(of: kind))
                let reply = try await api.send(.get, "/v1/log/entries/\(index)/reveal", token: token)
                guard reply.status == .ok, let preimage = reply["preimage"] as? String else { return nil }
                return (try JSONSerialization.jsonObject(with: Data(preimage.utf8)) as? [String: Any])?["event"]
                    as? [String: Any]
            }
            let minted = try #require(try await reveal("token.create", as: hospitalToken))
            #expect(minted["organization_id"] as? String == hospital)
            #expect(minted["granted_by"] as? String == api.coordinator.id.rawValue)
            #expect(try await reveal("token.create", as: bankToken) == nil)
            let granted = try #require(try await reveal("case.participant_add", as: hospitalToken))
            #expect(granted["organization_id"] as? String == hospital && granted["case_id"] as? String == caseID)
        }
    }

    @Test(arguments: engines)
    func revealsFollowTheAccessPolicy(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let hospital = try await api.createOrganization(
                name: "Rural Hospital", kind: "operator", sector: "healthcare")
            let bank = try await api.createOrganization(name: "Community Bank", kind: "operator", sector: "finance")
            try await api.signCheckpoint()
            let entries = try await Self.entries(api)
            let leaf = try JSONSerialization.jsonObject(with: try Self.leafData(entries[1])) as? [String: Any]
            let commitment = try #require(leaf?["commitment"] as? String)

            for token in [api.coordinatorToken, try await api.mintToken(for: hospital, role: "reader").token] {
                let reveal = try await api.send(.get, "/v1/log/entries/1/reveal", token: token)
                #expect(reveal.status == .ok, "\(reveal.text)")
                let preimage = try #require(reveal["preimage"] as? String)
                #expect(Data(SHA256.hash(data: Data(preimage.utf8))).base64EncodedString() == commitment)
                let event = try JSONSerialization.jsonObject(with: Data(preimage.utf8)) as? [String: Any]
                let organization = (event?["event"] as? [String: Any])?["organization"] as? [String: Any]
                #expect(organization?["id"] as? String == hospital)
                #expect(reveal["leaf_hash"] as? String == entries[1]["leaf_hash"] as? String)
            }

            let bankReader = try await api.mintToken(for: bank, role: "reader").token
            let hidden = try await api.send(.get, "/v1/log/entries/1/reveal", token: bankReader)
            let missing = try await api.send(.get, "/v1/log/entries/99/reveal", token: bankReader)
            #expect(hidden.status == .notFound)
            #expect(hidden.withoutRequestID == missing.withoutRequestID)
            #expect(try await api.send(.get, "/v1/log/entries/x/reveal", token: bankReader).status == .notFound)
            // Indexes past the database's integers are missing entries, not crashes.
            for index in ["9223372036854775808", "18446744073709551615"] {
                let reply = try await api.send(.get, "/v1/log/entries/\(index)/reveal", token: api.coordinatorToken)
                #expect(reply.status == .notFound, "\(index): \(reply.text)")
            }
            #expect(try await api.send(.get, "/v1/log/entries/1/reveal").status == .unauthorized)
        }
    }

    @Test(arguments: engines)
    func badParametersAreProblems(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            _ = try await api.createOrganization(name: "Rural Hospital", kind: "operator", sector: "healthcare")
            try await api.signCheckpoint()
            let cases: [(String, String?)] = [
                ("/v1/log/entries", "start"),
                ("/v1/log/entries?start=abc", "start"),
                ("/v1/log/entries?start=-1", "start"),
                ("/v1/log/entries?start=2", "start"),
                ("/v1/log/entries?start=1&end=1", "end"),
                ("/v1/log/entries?start=1&end=0", "end"),
                ("/v1/log/entries?start=0&end=3", "end"),
                ("/v1/log/entries?start=99999999999999999999999", "start"),
                ("/v1/log/proof/inclusion?index=2", "index"),
                ("/v1/log/proof/inclusion?index=0&tree_size=3", "tree_size"),
                ("/v1/log/proof/inclusion?index=0&tree_size=0", "tree_size"),
                ("/v1/log/proof/inclusion?index=1&tree_size=1", "index"),
                ("/v1/log/proof/inclusion", "index"),
                ("/v1/log/proof/inclusion?index=0&leaf_hash=AAAA", "leaf_hash"),
                ("/v1/log/proof/inclusion?leaf_hash=not-base64!", "leaf_hash"),
                ("/v1/log/proof/inclusion?index=1.5", "index"),
                ("/v1/log/proof/consistency?first=0&second=2", "first"),
                ("/v1/log/proof/consistency?first=2&second=1", "first"),
                ("/v1/log/proof/consistency?first=1&second=3", "second"),
                ("/v1/log/proof/consistency?second=2", "first"),
                ("/v1/log/proof/consistency?first=x", "first"),
            ]
            for (path, field) in cases {
                let reply = try await api.send(.get, path)
                #expect(reply.status == .badRequest, "\(path): \(reply.text)")
                #expect(reply["field"] as? String == field, "\(path): \(reply.text)")
            }
            let unknown = MerkleHash.leaf([1, 2, 3]).base64.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics)!
            let reply = try await api.send(.get, "/v1/log/proof/inclusion?leaf_hash=\(unknown)")
            #expect(reply.status == .notFound)
            #expect(try await api.send(.post, "/v1/log/checkpoint").status == .methodNotAllowed)
        }
    }

    @Test(arguments: engines)
    func theVerifierAcceptsTheLogAndCatchesATamperedEntry(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            _ = try await api.createOrganization(name: "Rural Hospital", kind: "operator", sector: "healthcare")
            try await api.signCheckpoint()
            let verifier = Self.verifier(api)
            let first = try await verifier.verify(remembered: nil, entries: [0, 1])
            #expect(first.checkpoint.checkpoint.size == 2)
            #expect(first.entries.map(\.kind) == ["instance.bootstrap", "organization.verify"])

            _ = try await api.createOrganization(name: "Community Bank", kind: "operator", sector: "finance")
            try await api.signCheckpoint()
            let second = try await verifier.verify(remembered: first.checkpoint.note, entries: [2])
            #expect(second.consistentWith == 2)
            #expect(second.checkpoint.checkpoint.size == 3)

            // Someone with access to the database rewrites entry 1's bytes.
            let forged = Array(
                #"{"commitment":"AAAA","kind":"organization.verify","time":"2026-01-01T00:00:00.000Z","v":1}"#.utf8)
            try await api.store.engine.transaction { database in
                try await database.update("log_entries").set("data", to: Data(forged)).where("idx", .equal, 1).run()
            }
            let failure = await Self.failure {
                _ = try await verifier.verify(remembered: second.checkpoint.note, entries: [1])
            }
            guard case .entryNotIncluded(index: 1, reason: _)? = failure else {
                Issue.record("expected entry 1 not to be included, got \(String(describing: failure))")
                return
            }

            let stranger = try NoteSigner(name: TestAPI.logSigner.name, seed: [UInt8](repeating: 8, count: 32))
            await #expect {
                try await Self.verifier(api, key: stranger.verifier).verify(remembered: nil, entries: [])
            } throws: { error in
                if case .badSignature = error as? LogVerificationFailure { return true }
                return false
            }
        }
    }

    @Test(arguments: engines)
    func theVerifierCatchesARewrittenHistory(engine: Dialect) async throws {
        try await TestAPI.run(engine) { original in
            _ = try await original.createOrganization(name: "Rural Hospital", kind: "operator", sector: "healthcare")
            try await original.signCheckpoint()
            let remembered = try await Self.verifier(original).verify(remembered: nil, entries: []).checkpoint
            #expect(remembered.checkpoint.size == 2)

            // The same key, a different history: a database restored from elsewhere, or a forked log.
            try await TestAPI.run(engine) { rewritten in
                for name in ["Other Hospital", "Other Bank"] {
                    _ = try await rewritten.createOrganization(name: name, kind: "operator", sector: "finance")
                }
                try await rewritten.signCheckpoint()
                await #expect {
                    try await Self.verifier(rewritten).verify(remembered: remembered.note, entries: [])
                } throws: { error in
                    if case .inconsistentHistory = error as? LogVerificationFailure { return true }
                    return false
                }
            }

            // A log that shrank is rewritten too.
            _ = try await original.createOrganization(name: "Water District", kind: "operator", sector: "water")
            try await original.signCheckpoint()
            let larger = try await Self.verifier(original).verify(remembered: nil, entries: []).checkpoint
            try await TestAPI.run(engine) { rolledBack in
                try await rolledBack.signCheckpoint()
                await #expect {
                    try await Self.verifier(rolledBack).verify(remembered: larger.note, entries: [])
                } throws: { error in
                    if case .inconsistentHistory = error as? LogVerificationFailure { return true }
                    return false
                }
            }
        }
    }

    @Test(arguments: engines)
    func checkpointsAreSignedAfterEachBatch(engine: Dialect) async throws {
        try await TestAPI.run(
            engine,
            configure: {
                $0.checkpointBatchSize = 2; $0.checkpointInterval = .seconds(3_600)
            }
        ) {
            api in
            #expect(try await Self.signedSize(api) == 0, "the checkpointer signs once at start")
            _ = try await api.createOrganization(name: "Rural Hospital", kind: "operator", sector: "healthcare")
            _ = try await api.createOrganization(name: "Community Bank", kind: "operator", sector: "finance")
            // Two verifications fill a batch; the bootstrap entry before them rides along.
            #expect(try await Self.waitForSignedSize(3, api))
            // The API serves the new checkpoint at once, though the test clock stands still: the checkpointer
            // hands it over when it signs.
            var served = ""
            for _ in 0..<500 where !served.contains("\n3\n") {
                served = try await api.send(.get, "/v1/log/checkpoint").text
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(served.contains("\n3\n"), "\(served)")
        }
        try await TestAPI.run(
            engine,
            configure: {
                $0.checkpointBatchSize = 1_000; $0.checkpointInterval = .milliseconds(20)
            }
        ) {
            api in
            _ = try await api.createOrganization(name: "Rural Hospital", kind: "operator", sector: "healthcare")
            #expect(try await Self.waitForSignedSize(2, api), "the interval signs a batch that is not full")
        }
    }

    /// How a verification failed, or `nil` when it passed.
    static func failure(_ body: () async throws -> Void) async -> LogVerificationFailure? {
        do {
            try await body()
            return nil
        } catch {
            return error as? LogVerificationFailure
        }
    }

    static func signedSize(_ api: TestAPI) async throws -> UInt64? {
        try await api.store.read { try await $0.log.latestCheckpoint()?.size }
    }

    /// Waits, up to a generous bound that only a broken checkpointer reaches, for a checkpoint of `size`.
    static func waitForSignedSize(_ size: UInt64, _ api: TestAPI) async throws -> Bool {
        for _ in 0..<500 {
            if try await signedSize(api) == size {
                return true
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
