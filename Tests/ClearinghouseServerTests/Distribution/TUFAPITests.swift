import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Crypto
import Foundation
import JSONSupport
import Logging
import Testing

/// The TUF repository: created once with its root; the `tuf.sign` job adds each published advisory's OSV document
/// and its case's patches as targets and signs targets, snapshot and timestamp, each verifiable with the key the
/// root names; the timestamp is signed again when half its lifetime has passed, and nothing when nothing is due;
/// files are served by the names consistent snapshots use, and nothing else is.
@Suite struct TUFAPITests {
    static func signed(_ reply: TestAPI.Reply) -> [String: Any] {
        reply["signed"] as? [String: Any] ?? [:]
    }

    /// Checks a metadata file's one signature with the key the root names for its role.
    static func verify(_ text: String, role: TUFRole, root: String) throws -> Bool {
        let file = try JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
        guard case .object(let members) = file, let signed = members["signed"],
            case .array(let signatures)? = members["signatures"], case .object(let signature)? = signatures.first,
            case .string(let keyID)? = signature["keyid"], case .string(let hex)? = signature["sig"],
            TUFMetadata.keyIDs(of: role, inRoot: root) == [keyID],
            let rootFile = try JSONSerialization.jsonObject(with: Data(root.utf8)) as? [String: Any],
            let keys = (rootFile["signed"] as? [String: Any])?["keys"] as? [String: [String: Any]],
            let publicHex = (keys[keyID]?["keyval"] as? [String: String])?["public"]
        else { return false }
        let key = try Curve25519.Signing.PublicKey(rawRepresentation: Self.bytes(publicHex))
        return key.isValidSignature(Self.bytes(hex), for: Data(signed.canonicalText.utf8))
    }

    static func bytes(_ hex: String) -> Data {
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            data.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return data
    }

    /// The `tuf.sign` job of a new repository with fresh keys.
    static func signingJob(_ api: TestAPI) async throws -> (job: ScheduledJob, context: JobContext) {
        let online = TUFOnlineKeys.generate()
        _ = try await TUFRepositoryWorkflows.initialize(
            rootKey: TUFSigningKey(), online: online, lifetimes: TUFLifetimes(), store: api.store,
            dependencies: api.dependencies)
        let context = JobContext(
            commits: CommitPath(
                store: api.store, dependencies: api.dependencies, catalogs: nil, logger: Logger(label: "test")),
            node: "test")
        return (TUFRepositoryWorkflows.job(signing: TUFSigning(keys: online)), context)
    }

    @Test(arguments: engines)
    func aPublishedCasesPatchesBecomeTargetsAndNoOthers(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let (job, context) = try await Self.signingJob(api)
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Vendor", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            var digests: [String] = []
            var cases: [String] = []
            for (index, patch) in ["--- a/parse.c\n+++ b/parse.c\n", "--- a/other.c\n+++ b/other.c\n"].enumerated() {
                let caseID = try await DisclosureAPITests.validatedCase(
                    api, reporterToken: labToken, vendor: vendor, purl: "pkg:pypi/patched-\(index)@1.0")
                let uploaded = try await api.send(
                    .post, "/v1/artifacts", token: vendorToken, json: patch,
                    headers: [.contentType: "text/html"])
                let digest = try #require(uploaded["sha256"] as? String, "\(uploaded.text)")
                let fix = try await api.send(
                    .post, "/v1/cases/\(caseID)/fixes", token: vendorToken,
                    json: #"{"target": {"purl": "pkg:pypi/patched-\#(index)@1.1"}, "patch": "\#(digest)"}"#)
                #expect(fix.status == .created, "\(fix.text)")
                digests.append(digest)
                cases.append(caseID)
            }
            // Before publication a patch is the vendor's alone: nothing is due.
            #expect(try await job.run(context) == nil)

            let id = try await DisclosureAPITests.publish(cases[0], api)
            #expect(try await job.run(context) == "added 2 targets; signed targets 2, snapshot 2, timestamp 2")

            let targets = try await api.send(.get, "/tuf/metadata/2.targets.json")
            let listed = Self.signed(targets)["targets"] as? [String: [String: Any]] ?? [:]
            let hex = String(digests[0].dropFirst("sha256:".count))
            let path = "patches/\(id)/\(hex)"
            #expect(Set(listed.keys) == ["advisories/\(id).json", path], "the unpublished case's patch is not listed")
            let info = try #require(listed[path])
            #expect((info["hashes"] as? [String: String])?["sha256"] == hex && info["length"] as? Int == 28)
            let served = try await api.send(.get, "/tuf/targets/patches/\(id)/\(hex).\(hex)")
            #expect(served.status == .ok && served.text == "--- a/parse.c\n+++ b/parse.c\n")
            #expect(served.headers[.contentType] == "application/octet-stream")
            #expect(served.headers[.contentDisposition] == "attachment")
            let otherHex = String(digests[1].dropFirst("sha256:".count))
            for unlisted in ["patches/\(id)/\(otherHex).\(otherHex)", "patches/\(id)/\(hex)"] {
                #expect(try await api.send(.get, "/tuf/targets/\(unlisted)").status == .notFound, "\(unlisted)")
            }
            #expect(try await job.run(context) == nil)
        }
    }

    @Test(arguments: engines)
    func publishedAdvisoriesBecomeSignedTargets(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let online = TUFOnlineKeys.generate()
            let signing = TUFSigning(keys: online)
            let rootKey = TUFSigningKey()
            _ = try await TUFRepositoryWorkflows.initialize(
                rootKey: rootKey, online: online, lifetimes: TUFLifetimes(), store: api.store,
                dependencies: api.dependencies)
            await #expect(throws: ClearinghouseError.self) {
                try await TUFRepositoryWorkflows.initialize(
                    rootKey: rootKey, online: online, lifetimes: TUFLifetimes(), store: api.store,
                    dependencies: api.dependencies)
            }
            try await TUFRepositoryWorkflows.check(online, store: api.store)
            await #expect(throws: ClearinghouseError.self) {
                try await TUFRepositoryWorkflows.check(TUFOnlineKeys.generate(), store: api.store)
            }

            let root = try await api.send(.get, "/tuf/metadata/1.root.json")
            #expect(root.status == .ok && Self.signed(root)["consistent_snapshot"] as? Bool == true)
            #expect(try Self.verify(root.text, role: .root, root: root.text))
            #expect(try await api.send(.get, "/tuf/metadata/2.root.json").status == .notFound)
            for name in ["0.root.json", "1.timestamp.json", "x.targets.json", "root", "..%2Froot.json", "1.root.yaml"] {
                #expect(try await api.send(.get, "/tuf/metadata/\(name)").status == .notFound, "\(name)")
            }
            let first = try await api.send(.get, "/tuf/metadata/timestamp.json")
            #expect(Self.signed(first)["version"] as? Int == 1 && first.headers[.cacheControl] == "no-cache")

            let ids = try await TAXIIAPITests.publish(2, api)
            let context = JobContext(
                commits: CommitPath(
                    store: api.store, dependencies: api.dependencies, catalogs: nil, logger: Logger(label: "test")),
                node: "test")
            let job = TUFRepositoryWorkflows.job(signing: signing)
            #expect(try await job.run(context) == "added 2 targets; signed targets 2, snapshot 2, timestamp 2")
            #expect(try await job.run(context) == nil)

            let timestamp = try await api.send(.get, "/tuf/metadata/timestamp.json")
            #expect(try Self.verify(timestamp.text, role: .timestamp, root: root.text))
            let snapshot = try await api.send(.get, "/tuf/metadata/2.snapshot.json")
            #expect(try Self.verify(snapshot.text, role: .snapshot, root: root.text))
            let snapshotMeta = (Self.signed(timestamp)["meta"] as? [String: [String: Any]])?["snapshot.json"]
            #expect(
                snapshotMeta?["version"] as? Int == 2 && snapshotMeta?["length"] as? Int == snapshot.text.utf8.count)
            let targets = try await api.send(.get, "/tuf/metadata/2.targets.json")
            #expect(targets.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(try Self.verify(targets.text, role: .targets, root: root.text))
            // A changed byte breaks the signature.
            #expect(
                try !Self.verify(
                    targets.text.replacingOccurrences(of: "CHX-", with: "CHY-"), role: .targets, root: root.text))

            let listed = Self.signed(targets)["targets"] as? [String: [String: Any]] ?? [:]
            #expect(Set(listed.keys) == Set(ids.map { "advisories/\($0).json" }))
            for id in ids {
                let info = try #require(listed["advisories/\(id).json"])
                let hash = try #require((info["hashes"] as? [String: String])?["sha256"])
                let target = try await api.send(.get, "/tuf/targets/advisories/\(hash).\(id).json")
                #expect(target.status == .ok && target.text.utf8.count == info["length"] as? Int)
                #expect(SHA256.hash(data: Data(target.text.utf8)).map { String(format: "%02x", $0) }.joined() == hash)
                let osv = try await api.send(.get, "/v1/published-advisories/\(id)/osv")
                #expect(target.withoutRequestID == osv.withoutRequestID)
                let other = String(repeating: "0", count: 64)
                #expect(try await api.send(.get, "/tuf/targets/advisories/\(other).\(id).json").status == .notFound)
                #expect(try await api.send(.get, "/tuf/targets/advisories/\(id).json").status == .notFound)
            }

            // Thirteen hours on, the timestamp (a day's lifetime) is signed again, alone.
            api.clock.advance(by: 13 * 3_600)
            #expect(try await job.run(context) == "signed timestamp 3")
            let renewed = try await api.send(.get, "/tuf/metadata/timestamp.json")
            #expect(Self.signed(renewed)["version"] as? Int == 3)
            #expect(try Self.verify(renewed.text, role: .timestamp, root: root.text))
            // Four days on, the snapshot (a week's) too, and the timestamp that names it.
            api.clock.advance(by: 4 * 86_400)
            #expect(try await job.run(context) == "signed snapshot 3, timestamp 4")
        }
    }
}
