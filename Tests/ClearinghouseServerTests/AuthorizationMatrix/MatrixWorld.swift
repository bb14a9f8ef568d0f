import ClearinghouseCore
import Crypto
import Foundation
import JSONSupport
import Synchronization
import Testing
import TLP

/// A case the operator reported under one label, with the vendor on its need-to-know list (except under RED, which
/// coordinators cannot see and so cannot share), triaged so that it has a validation job, a message, and a
/// coordinator's SSVC decision.
struct MatrixCase: Sendable {
    let label: TLPLabel
    let id: String
    let finding: String
    let artifact: String
    /// The log entry of the finding's commitment, which keeps the finding's label and reporter.
    let logIndex: Int
    let participants: Set<MatrixOrganization>
    let job: String?
    let decision: String?
    let message: String

    var holders: Set<MatrixOrganization> { participants.union([.owner]) }
    var name: String { "case \(label.marking)" }
}

/// The world every cell of the matrix runs in: its organizations, a token of every role for each, and the records
/// the routes act on. Records that a granted mutation would change are made afresh for that cell (``fresh``).
struct MatrixWorld: Sendable {
    let api: TestAPI
    /// A unique number for each record made and request sent, so that no two findings or names collide.
    let counter: Counter
    let organizations: [MatrixOrganization: String]
    let tokens: [String: String]
    /// A token of each organization that no caller uses, for the matrix to revoke.
    let spareTokens: [MatrixOrganization: String]
    let cases: [MatrixCase]
    let sbom: String
    /// VEX documents by the verified vendor (GREEN) and by the operator (AMBER+STRICT).
    let vendorVEX: String
    let ownerVEX: String
    let advisory: String
    let validatorKey: String
    /// A scan lease the operator holds.
    let scanLease: String
    /// The operator's verified network, and its grant to the researcher to scan it.
    let scanAsset: String
    let scanGrant: String
    /// The operator's webhook subscription, and a delivery of it still pending.
    let webhook: String
    let webhookDelivery: String
    /// The AI developer's model (RED: the developer and the government organization, a designation authority),
    /// and the authority's pre-registered threshold policy (GREEN).
    var model = ""
    var thresholdPolicy = ""
    /// The developer's evaluation of its model, and the authority's determination about it.
    var evaluation = ""
    var determination = ""
    /// A second model of the developer's, determined covered, and the developer's access window on it for the
    /// researcher, which has not accepted its terms.
    var windowModel = ""
    var window = ""

    static let labels: [TLPLabel] = [.clear, .green, .amber, .amberStrict, .red]

    var callers: [MatrixCaller] {
        [.anonymous]
            + MatrixOrganization.allCases.flatMap { organization in
                TokenRole.allCases.map { role in
                    MatrixCaller(organization: organization, role: role, token: token(organization, role))
                }
            }
    }

    func id(_ organization: MatrixOrganization) -> String { organizations[organization]! }

    func token(_ organization: MatrixOrganization, _ role: TokenRole) -> String {
        tokens["\(organization.rawValue) \(role.rawValue)"]!
    }

    var coordinatorAdmin: String { token(.coordinator, .admin) }
    var ownerAnalyst: String { token(.owner, .analyst) }

    static func build(_ api: TestAPI) async throws -> MatrixWorld {
        var organizations: [MatrixOrganization: String] = [.coordinator: api.coordinator.id.rawValue]
        for organization in MatrixOrganization.allCases where organization != .coordinator {
            organizations[organization] = try await api.createOrganization(
                name: "Matrix \(organization.rawValue)", kind: organization.kind.rawValue,
                sector: organization.kind == .operator ? "healthcare" : nil, verify: organization.isVerified)
        }
        var tokens: [String: String] = [:]
        var spareTokens: [MatrixOrganization: String] = [:]
        for (organization, id) in organizations {
            for role in TokenRole.allCases {
                tokens["\(organization.rawValue) \(role.rawValue)"] = try await api.mintToken(
                    for: id, role: role.rawValue
                ).token
            }
            spareTokens[organization] = try await api.mintToken(for: id, role: "reader").id
        }
        let advisory = "PYSEC-2026-7001"
        let imported = try await api.send(
            .post, "/v1/advisories/import", token: api.coordinatorToken, json: Self.advisory(advisory))
        #expect(imported.status == .ok, "\(imported.text)")

        let counter = Counter()
        var world = MatrixWorld(
            api: api, counter: counter, organizations: organizations, tokens: tokens, spareTokens: spareTokens,
            cases: [], sbom: "", vendorVEX: "", ownerVEX: "", advisory: advisory, validatorKey: "",
            scanLease: "", scanAsset: "", scanGrant: "", webhook: "", webhookDelivery: "")
        var cases: [MatrixCase] = []
        for label in Self.labels {
            cases.append(try await world.makeCase(label))
        }
        let sbom = try await world.makeSBOM()
        let vendorVEX = try await world.publishVEX(as: world.token(.participant, .analyst))
        let ownerVEX = try await world.publishVEX(as: world.ownerAnalyst)
        let validatorKey = try await world.registerValidatorKey()
        let scanLease = try await world.claimScan()
        let scanAsset = try await world.registerScanAsset(verified: true)
        let scanGrant = try await world.grantScans()
        let webhook = try await world.subscribeWebhook()
        let ping = try await api.send(.post, "/v1/webhooks/\(webhook)/ping", token: world.token(.owner, .admin))
        let webhookDelivery = try #require(ping["id"] as? String, "\(ping.text)")
        world = MatrixWorld(
            api: api, counter: counter, organizations: organizations, tokens: tokens, spareTokens: spareTokens, cases: cases,
            sbom: sbom, vendorVEX: vendorVEX, ownerVEX: ownerVEX, advisory: advisory, validatorKey: validatorKey,
            scanLease: scanLease, scanAsset: scanAsset, scanGrant: scanGrant, webhook: webhook,
            webhookDelivery: webhookDelivery)
        try await world.designateAuthority(world.id(.government))
        world.model = try await world.registerModel()
        world.thresholdPolicy = try await world.registerThresholdPolicy()
        world.evaluation = try await world.submitEvaluation()
        world.determination = try await world.recordDetermination()
        world.windowModel = try await world.registerModel()
        try await world.recordCovered(world.windowModel)
        world.window = try await world.openWindow()
        try await api.signCheckpoint()
        return world
    }

    static func advisory(_ id: String) -> String {
        #"{"id":"\#(id)","modified":"2026-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"matrix-demo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}]}]}"#
    }

    func next() -> Int { counter.next() }

    /// Reports a finding under `label` as the operator and prepares its case as ``MatrixCase`` describes.
    func makeCase(_ label: TLPLabel) async throws -> MatrixCase {
        let n = next()
        let proof = try await api.send(
            .post, "/v1/artifacts", token: ownerAnalyst, json: "matrix proof \(n)",
            headers: [.contentType: "application/octet-stream"])
        let artifact = try #require(proof["sha256"] as? String, "\(proof.text)")
        let logSize = try await api.store.read { try await $0.log.state().size }
        let reported = try await api.send(
            .post, "/v1/findings?tlp=\(label.marking.dropFirst(4))", token: ownerAnalyst,
            json: """
                {"title": "Matrix overflow \(n)", "target": {"purl": "pkg:generic/matrix-\(n)@1.0"},
                 "cwe": ["CWE-787"], "artifacts": ["\(artifact)"]}
                """)
        let placed = try #require((reported["findings"] as? [[String: Any]])?.first, "\(reported.text)")
        let finding = try #require(placed["id"] as? String)
        let caseID = try #require(placed["case_id"] as? String)
        let logIndex = try await api.store.read { repositories in
            let size = try await repositories.log.state().size
            for index in logSize..<size where try await repositories.log.commitment(at: index) != nil {
                return Int(index)
            }
            return -1
        }
        #expect(logIndex >= 0, "the finding's commitment is in the log")

        var participants: Set<MatrixOrganization> = []
        var job: String?
        var decision: String?
        if label != .red {
            let added = try await api.send(
                .post, "/v1/cases/\(caseID)/participants", token: coordinatorAdmin,
                json: #"{"organization_id": "\#(id(.participant))"}"#)
            #expect(added.status == .ok, "\(added.text)")
            participants.insert(.participant)
            let triaged = try await api.send(
                .post, "/v1/cases/\(caseID)/transitions", token: coordinatorAdmin, json: #"{"state": "triaged"}"#)
            #expect(triaged.status == .ok, "\(triaged.text)")
            let shown = try await api.send(.get, "/v1/cases/\(caseID)", token: coordinatorAdmin)
            job = ((shown["validation_jobs"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(job != nil, "\(shown.text)")
            let decided = try await api.send(
                .post, "/v1/ssvc-decisions", token: coordinatorAdmin, json: Self.decision(caseID: caseID))
            #expect(decided.status == .created, "\(decided.text)")
            decision = decided["id"] as? String
        }
        let message = "matrix message \(n)"
        let posted = try await api.send(
            .post, "/v1/cases/\(caseID)/messages", token: ownerAnalyst, json: #"{"body": "\#(message)"}"#)
        #expect(posted.status == .created, "\(posted.text)")
        return MatrixCase(
            label: label, id: caseID, finding: finding, artifact: artifact, logIndex: logIndex,
            participants: participants, job: job, decision: decision, message: message)
    }

    static func decision(caseID: String) -> String {
        #"{"case_id": "\#(caseID)", "table": "cisa-coordinator", "inputs": {"E": "A", "A": "Y", "TI": "T", "MWI": "H"}}"#
    }

    func makeSBOM() async throws -> String {
        let n = next()
        let uploaded = try await api.send(
            .post, "/v1/sboms?asset=Matrix-\(n)", token: ownerAnalyst, json: Self.sbomDocument)
        return try #require(uploaded["id"] as? String, "\(uploaded.text)")
    }

    static let sbomDocument =
        #"{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"bom-ref":"d","name":"matrix-demo","version":"1.0","purl":"pkg:pypi/matrix-demo@1.0"}]}"#

    static let vexDocument =
        #"{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"PYSEC-2026-7001"},"products":[{"@id":"pkg:pypi/matrix-demo"}],"status":"not_affected","justification":"vulnerable_code_not_present"}]}"#

    func publishVEX(as token: String) async throws -> String {
        let published = try await api.send(.post, "/v1/vex", token: token, json: Self.vexDocument)
        return try #require(published["id"] as? String, "\(published.text)")
    }

    func registerValidatorKey() async throws -> String {
        let registered = try await api.send(
            .post, "/v1/validator-keys", token: token(.validator, .admin), json: Self.validatorKeyBody())
        return try #require(registered["id"] as? String, "\(registered.text)")
    }

    static func validatorKeyBody() -> String {
        let key = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
        return #"{"public_key": "\#(key)"}"#
    }

    /// Claims a lease on a package of its own as the operator, for an hour.
    func claimScan() async throws -> String {
        let claimed = try await api.send(.post, "/v1/scans", token: ownerAnalyst, json: Self.scanClaim("\(next())"))
        return try #require(claimed["id"] as? String, "\(claimed.text)")
    }

    /// A subscription to a loopback port where nothing listens: deliveries fail there and stay pending, and no
    /// packet leaves the machine (the matrix's instance allows only `127.0.0.1`).
    var webhookBody: String {
        #"{"url": "http://127.0.0.1:9/matrix-\#(next())", "events": ["advisory.published"]}"#
    }

    /// The operator's admins subscribe.
    func subscribeWebhook() async throws -> String {
        let made = try await api.send(.post, "/v1/webhooks", token: token(.owner, .admin), json: webhookBody)
        return try #require(made["id"] as? String, "\(made.text)")
    }

    static let scanAssetBody = #"{"scope": {"kind": "net", "cidr": "198.51.100.0/24"}, "name": "Matrix network"}"#

    /// The operator registers its network, and a coordinator verifies it when asked.
    func registerScanAsset(verified: Bool) async throws -> String {
        let registered = try await api.send(.post, "/v1/scan-assets", token: ownerAnalyst, json: Self.scanAssetBody)
        let id = try #require(registered["id"] as? String, "\(registered.text)")
        if verified {
            let checked = try await api.send(
                .post, "/v1/scan-assets/\(id)/verify", token: coordinatorAdmin, json: #"{"method": "registry-record"}"#)
            #expect(checked.status == .ok, "\(checked.text)")
        }
        return id
    }

    /// The operator's grant to the researcher, for fuzzing its network for a day.
    var scanGrantBody: String {
        #"{"grantee_id": "\#(id(.researcher))", "scopes": [{"kind": "net", "cidr": "198.51.100.0/25"}], "techniques": ["fuzzing"], "ends_at": "\#(JSONWriter.timestamp(api.clock.now.addingTimeInterval(30 * 86_400)))", "max_requests_per_second": 10, "contact": "noc@matrix.example"}"#
    }

    func grantScans() async throws -> String {
        let granted = try await api.send(.post, "/v1/scan-grants", token: token(.owner, .admin), json: scanGrantBody)
        return try #require(granted["id"] as? String, "\(granted.text)")
    }

    /// A claim on a package no other claim names.
    static func scanClaim(_ n: String) -> String {
        #"{"scope": {"kind": "pkg", "purl": "pkg:npm/matrix-scan-\#(n)"}, "technique": "sast", "agent": {"tool": "matrix"}, "duration_seconds": 3600}"#
    }

    /// Registers an organization of the same kind and verification as `organization`, for a cell that changes it.
    func makeOrganization(like organization: MatrixOrganization) async throws -> String {
        try await api.createOrganization(
            name: "Matrix fresh \(next())", kind: organization.kind.rawValue,
            sector: organization.kind == .operator ? "healthcare" : nil, verify: organization.isVerified)
    }
}

/// Hands out increasing numbers to concurrent callers.
final class Counter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
