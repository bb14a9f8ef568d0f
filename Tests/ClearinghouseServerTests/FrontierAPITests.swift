import ClearinghouseCore
import ClearinghouseStore
import Crypto
import Foundation
import HTTPTypes
import Testing

/// The frontier framework through the API: designation authorities, models seen only by their developer and the
/// authorities, releases and withdrawals that ask nobody, and threshold policies pre-registered in the log and
/// never edited.
@Suite struct FrontierAPITests {
    /// A developer and its rival, a government organization made a designation authority, another government
    /// organization that is not one, and a hospital.
    struct Parties {
        let developer: String
        let developerID: String
        let rival: String
        let authority: String
        let authorityAdmin: String
        let authorityID: String
        let agencyAdmin: String
        let hospital: String
    }

    static func parties(_ api: TestAPI) async throws -> Parties {
        let developer = try await api.createOrganization(name: "Frontier Labs", kind: "ai-developer")
        let rival = try await api.createOrganization(name: "Rival AI", kind: "ai-developer")
        let authority = try await api.createOrganization(name: "Center for AI Standards", kind: "government")
        let agency = try await api.createOrganization(name: "State Water Board", kind: "government")
        let hospital = try await api.createOrganization(name: "Valley Hospital", kind: "operator", sector: "healthcare")
        let designated = try await api.send(
            .post, "/v1/designation-authorities", token: api.coordinatorToken,
            json: #"{"organization_id": "\#(authority)"}"#)
        #expect(designated.status == .created && designated["organization_id"] as? String == authority)
        return Parties(
            developer: try await api.mintToken(for: developer, role: "analyst").token, developerID: developer,
            rival: try await api.mintToken(for: rival, role: "analyst").token,
            authority: try await api.mintToken(for: authority, role: "analyst").token,
            authorityAdmin: try await api.mintToken(for: authority, role: "admin").token, authorityID: authority,
            agencyAdmin: try await api.mintToken(for: agency, role: "admin").token,
            hospital: try await api.mintToken(for: hospital, role: "analyst").token)
    }

    static let model =
        #"{"name": "Atlas", "version": "2.0", "planned_release_at": "2027-03-01T00:00:00Z", "confidentiality": "restricted"}"#

    @Test(arguments: engines)
    func aModelIsSeenOnlyByItsDeveloperAndTheAuthorities(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await Self.parties(api)
            // Only a verified government organization can hold the role.
            let notGovernment = try await api.send(
                .post, "/v1/designation-authorities", token: api.coordinatorToken,
                json: #"{"organization_id": "\#(parties.developerID)"}"#)
            #expect(notGovernment.status == .badRequest && notGovernment["field"] as? String == "organization_id")
            let byOthers = try await api.send(
                .post, "/v1/designation-authorities", token: parties.authorityAdmin,
                json: #"{"organization_id": "\#(parties.authorityID)"}"#)
            #expect(byOthers.status == .forbidden)
            let listed = try await api.send(.get, "/v1/designation-authorities", token: parties.hospital)
            #expect(
                (listed["items"] as? [[String: Any]])?.map { $0["organization_id"] as? String } == [parties.authorityID]
            )

            let registered = try await api.send(.post, "/v1/models", token: parties.developer, json: Self.model)
            #expect(registered.status == .created, "\(registered.text)")
            #expect(registered["confidentiality"] as? String == "restricted" && registered["released_at"] is NSNull)
            let id = try #require(registered["id"] as? String)
            #expect(try await api.loggedKinds().last == "model.register")
            let byOperator = try await api.send(.post, "/v1/models", token: parties.hospital, json: Self.model)
            #expect(byOperator.status == .forbidden, "\(byOperator.text)")

            for (token, status) in [
                (parties.developer, HTTPResponse.Status.ok), (parties.authority, .ok),
                (api.coordinatorToken, .notFound),
                (parties.rival, .notFound), (parties.hospital, .notFound),
            ] {
                #expect(try await api.send(.get, "/v1/models/\(id)", token: token).status == status)
            }
            let authorityList = try await api.send(.get, "/v1/models", token: parties.authority)
            #expect((authorityList["items"] as? [[String: Any]])?.count == 1)
            let rivalList = try await api.send(.get, "/v1/models", token: parties.rival)
            #expect((rivalList["items"] as? [[String: Any]])?.isEmpty == true)

            // Only the developer records the release or withdraws; nobody is asked, and the first date stays.
            #expect(
                try await api.send(.post, "/v1/models/\(id)/withdraw", token: parties.authority).status == .forbidden)
            let released = try await api.send(
                .post, "/v1/models/\(id)/release", token: parties.developer,
                json: #"{"released_at": "2027-02-20T12:00:00Z"}"#)
            #expect(released.status == .ok && released["released_at"] as? String == "2027-02-20T12:00:00Z")
            let withdrawn = try await api.send(.post, "/v1/models/\(id)/withdraw", token: parties.developer)
            #expect(withdrawn.status == .ok && withdrawn["withdrawn_at"] is String)
            let again = try await api.send(.post, "/v1/models/\(id)/release", token: parties.developer)
            #expect(again["released_at"] as? String == "2027-02-20T12:00:00Z")
            #expect(try await api.loggedKinds().suffix(2) == ["model.release", "model.withdraw"])

            // Without the role, the authority sees the model no more.
            let removed = try await api.send(
                .delete, "/v1/designation-authorities/\(parties.authorityID)", token: api.coordinatorToken)
            #expect(removed.status == .noContent)
            #expect(try await api.send(.get, "/v1/models/\(id)", token: parties.authority).status == .notFound)
        }
    }

    static let policy = """
        {"name": "cyber-capability", "version": 1, "effective_from": "2027-01-01",
         "suites": [{"suite": "ctf_probe", "metric": "solve_rate", "k": 1, "n": 2, "interval": "wilson",
                     "level": 0.95, "threshold": 0.4}]}
        """

    @Test(arguments: engines)
    func policiesArePreRegisteredInTheLogAndNeverEdited(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await Self.parties(api)
            let refused = try await api.send(
                .post, "/v1/threshold-policies", token: parties.agencyAdmin, json: Self.policy)
            #expect(refused.status == .forbidden, "\(refused.text)")

            let registered = try await api.send(
                .post, "/v1/threshold-policies", token: parties.authorityAdmin, json: Self.policy)
            #expect(registered.status == .created, "\(registered.text)")
            let id = try #require(registered["id"] as? String)
            // The digest is the SHA-256 of the canonical text served as `policy`, and the log's public entry says it.
            let canonical =
                #"{"effective_from":"2027-01-01","name":"cyber-capability","suites":[{"interval":"wilson","k":1,"level":0.95,"metric":"solve_rate","n":2,"suite":"ctf_probe","threshold":0.4}],"version":1}"#
            let digest = SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(registered["sha256"] as? String == digest, "\(registered.text)")
            let entry = try await api.store.read { repositories in
                let size = try await repositories.log.state().size
                return try await repositories.log.entries(from: size - 1, to: size).first
            }
            #expect(entry?.kind == "threshold_policy.register")
            #expect(entry.map { String(decoding: $0.data, as: UTF8.self).contains(digest) } == true)

            // The same name and version again, a bad document, an edit: refused, and the edit recorded.
            let twice = try await api.send(
                .post, "/v1/threshold-policies", token: parties.authorityAdmin, json: Self.policy)
            #expect(twice.status == .conflict, "\(twice.text)")
            let malformed = Self.policy.replacingOccurrences(of: #""k": 1, "n": 2"#, with: #""k": 3, "n": 2"#)
            let bad = try await api.send(
                .post, "/v1/threshold-policies", token: parties.authorityAdmin, json: malformed)
            #expect(bad.status == .badRequest && bad["field"] as? String == "policy", "\(bad.text)")
            let edited = try await api.send(
                .put, "/v1/threshold-policies/\(id)", token: parties.authorityAdmin,
                json: Self.policy.replacingOccurrences(of: "0.4", with: "0.6"))
            #expect(edited.status == .conflict && (edited["detail"] as? String)?.contains("version 2") == true)
            let attempt = try await api.auditEvents().first { $0.action == .thresholdPolicyEdit }
            #expect(attempt?.outcome == .denied && attempt?.target?.id == id)

            // Every verified member reads policies; nobody anonymous does.
            let read = try await api.send(.get, "/v1/threshold-policies/\(id)", token: parties.hospital)
            #expect(read.status == .ok && (read["policy"] as? [String: Any])?["name"] as? String == "cyber-capability")
            #expect(try await api.send(.get, "/v1/threshold-policies").status == .unauthorized)
        }
    }

    static let logs = URL(filePath: #filePath).deletingLastPathComponent()
        .appending(path: "../EvaluationsTests/Resources/inspect").standardized

    @Test(arguments: engines)
    func evaluationsAreSubmittedSeenWithTheirModelAndJudged(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let parties = try await Self.parties(api)
            let model = try #require(
                try await api.send(.post, "/v1/models", token: parties.developer, json: Self.model)["id"] as? String)
            let policy = try #require(
                try await api.send(
                    .post, "/v1/threshold-policies", token: parties.authorityAdmin, json: Self.policy)["id"] as? String)
            let archive = try Data(contentsOf: Self.logs.appending(path: "ctf_probe_0.3.285.eval"))
            let octets: HTTPFields = [.contentType: "application/octet-stream"]

            // The developer's self-assessment: the current inspect_ai's Zstandard `.eval`.
            let submitted = try await api.send(
                .post, "/v1/models/\(model)/evaluations?suite=ctf_probe", token: parties.developer, body: archive,
                headers: octets)
            #expect(submitted.status == .created, "\(submitted.text)")
            #expect(submitted["self_assessment"] as? Bool == true && submitted["samples"] as? Int == 12)
            let digest = SHA256.hash(data: archive).map { String(format: "%02x", $0) }.joined()
            #expect(submitted["sha256"] as? String == digest)
            #expect((submitted["elicitation"] as? [String: Any])?["tools"] as? [String] == ["lookup"])
            let scorers = try #require(submitted["scorers"] as? [[String: Any]])
            #expect(scorers.first?["scorer"] as? String == "includes" && scorers.first?["solved"] as? Int == 8)
            let evaluation = try #require(submitted["id"] as? String)
            #expect(try await api.loggedKinds().last == "evaluation.submit")

            // The authority's own run of the same task, as `.json`.
            let json = try Data(contentsOf: Self.logs.appending(path: "ctf_probe_0.3.285.json"))
            let byAuthority = try await api.send(
                .post, "/v1/models/\(model)/evaluations?suite=ctf_probe", token: parties.authority, body: json,
                headers: [.contentType: "application/json"])
            #expect(byAuthority.status == .created && byAuthority["self_assessment"] as? Bool == false)

            // Nobody else learns the model exists; a bad log or suite is refused saying why, and recorded.
            for token in [parties.rival, parties.hospital, api.coordinatorToken] {
                let refused = try await api.send(
                    .post, "/v1/models/\(model)/evaluations?suite=ctf_probe", token: token, body: archive,
                    headers: octets)
                #expect(refused.status == .notFound)
                #expect(try await api.send(.get, "/v1/evaluations/\(evaluation)", token: token).status == .notFound)
            }
            let truncated = try await api.send(
                .post, "/v1/models/\(model)/evaluations?suite=ctf_probe", token: parties.developer,
                body: archive.prefix(archive.count / 2), headers: octets)
            #expect(truncated.status == .badRequest && truncated["field"] as? String == "log", "\(truncated.text)")
            let refusal = try await api.auditEvents().first { $0.action == .evaluationSubmit && $0.outcome == .denied }
            #expect(refusal?.detail?.hasPrefix("refused: The evaluation log cannot be read") == true)
            let noSuite = try await api.send(
                .post, "/v1/models/\(model)/evaluations", token: parties.developer, body: archive, headers: octets)
            #expect(noSuite.status == .badRequest && noSuite["field"] as? String == "suite")

            let listed = try await api.send(.get, "/v1/models/\(model)/evaluations", token: parties.authority)
            #expect((listed["items"] as? [[String: Any]])?.count == 2)

            // Judged by the pre-registered policy: 8 of 12, Wilson [0.3906, 0.8619] against 0.4.
            let judged = try await api.send(
                .get, "/v1/evaluations/\(evaluation)/judgement?policy=\(policy)", token: parties.authority)
            #expect(judged.status == .ok, "\(judged.text)")
            #expect(judged["outcome"] as? String == "cannot_rule_out" && judged["scorer"] as? String == "includes")
            #expect((judged["low"] as? Double).map { abs($0 - 0.390622088872799) < 1e-9 } == true)
            // Submitted on the test clock's 2027-01-15, inside the policy's days.
            #expect(judged["policy_effective"] as? Bool == true)
            let other = Self.policy.replacingOccurrences(of: "ctf_probe", with: "exploit-dev")
                .replacingOccurrences(of: "cyber-capability", with: "exploit-policy")
            let otherPolicy = try #require(
                try await api.send(.post, "/v1/threshold-policies", token: parties.authorityAdmin, json: other)["id"]
                    as? String)
            let noRule = try await api.send(
                .get, "/v1/evaluations/\(evaluation)/judgement?policy=\(otherPolicy)", token: parties.developer)
            #expect(noRule.status == .badRequest && noRule["field"] as? String == "policy")
        }
    }
}
