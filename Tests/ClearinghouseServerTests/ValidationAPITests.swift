import ClearinghouseCore
import ClearinghouseStore
import Crypto
import Foundation
import HTTPTypes
import JSONSupport
import Testing

/// k-of-n validation over HTTP: validators register keys, claim jobs, sign attestations; a quorum of independent
/// validators validates a case and later verifies its fix.
@Suite struct ValidationAPITests {
    struct Validator {
        let organization: String
        let token: String
        let key: Curve25519.Signing.PrivateKey

        var keyID: String { ValidatorKey.keyID(of: key.publicKey.rawRepresentation) }
    }

    func validator(_ api: TestAPI, name: String) async throws -> Validator {
        let organization = try await api.createOrganization(name: name, kind: "validator")
        let admin = try await api.mintToken(for: organization, role: "admin").token
        let key = Curve25519.Signing.PrivateKey()
        let registered = try await api.send(
            .post, "/v1/validator-keys", token: admin,
            json: #"{"public_key": "\#(key.publicKey.rawRepresentation.base64EncodedString())"}"#)
        #expect(registered.status == .created, "\(registered.text)")
        #expect(registered["key_id"] as? String == ValidatorKey.keyID(of: key.publicKey.rawRepresentation))
        return Validator(
            organization: organization, token: try await api.mintToken(for: organization, role: "analyst").token,
            key: key)
    }

    /// Claims a job and signs an attestation of `result` for it, as the reference validator does.
    func attest(
        _ api: TestAPI, _ validator: Validator, result: Attestation.Result, tamper: Bool = false
    ) async throws -> TestAPI.Reply {
        let claimed = try await api.send(.post, "/v1/validation-jobs/claim", token: validator.token)
        #expect(claimed.status == .ok, "\(claimed.text)")
        let job = try #require(claimed["job"] as? [String: Any])
        let jobID = try #require(job["id"] as? String)
        return try await submit(api, validator, jobID: jobID, job: job, result: result, tamper: tamper)
    }

    func submit(
        _ api: TestAPI, _ validator: Validator, jobID: String, job: [String: Any], result: Attestation.Result,
        tamper: Bool = false
    ) async throws -> TestAPI.Reply {
        let statement = JSONTree.object([
            "artifact": (job["artifact"] as? String).map(JSONTree.string) ?? .null,
            "case_id": .string(job["case_id"] as? String ?? ""), "environment_digest": .string("sha256:env"),
            "job_id": .string(jobID), "kind": .string(job["kind"] as? String ?? ""),
            "observed_signature": .string("SIGSEGV in parse_header"), "result": .string(result.rawValue),
            "target": (job["target"] as? String).map(JSONTree.string) ?? .null, "v": .integer(1),
            "validator": .string(validator.organization),
        ]).canonicalText
        let signed = Data(statement.utf8) + (tamper ? Data([0]) : Data())
        let signature = try validator.key.signature(for: signed).base64EncodedString()
        return try await api.send(
            .post, "/v1/validation-jobs/\(jobID)/attestations", token: validator.token,
            json: """
                {"result": "\(result.rawValue)", "environment_digest": "sha256:env",
                 "observed_signature": "SIGSEGV in parse_header", "key_id": "\(validator.keyID)",
                 "signature": "\(signature)"}
                """)
    }

    @Test(arguments: engines)
    func theSchedulerClosesALapsedClaimOnceWithAnAuditEvent(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let researcher = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
            let finding = try await api.send(
                .post, "/v1/findings", token: researcherToken,
                json: #"{"title": "Overflow", "target": {"purl": "pkg:generic/demo@1.0"}, "cwe": ["CWE-121"]}"#)
            let caseID = try #require((finding["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
            let triaged = try await api.send(
                .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken, json: #"{"state": "triaged"}"#)
            #expect(triaged.status == .ok, "\(triaged.text)")
            let validator = try await validator(api, name: "Sandbox One")
            let claimed = try await api.send(.post, "/v1/validation-jobs/claim", token: validator.token)
            let jobID = try #require((claimed["job"] as? [String: Any])?["id"] as? String)
            // The claim put the validator on the case's need-to-know list: a grant, in the log.
            #expect(try await api.send(.get, "/v1/cases/\(caseID)", token: validator.token).status == .ok)
            #expect(try await api.loggedKinds().filter { $0 == "case.participant_add" }.count == 1)

            func expiries() async throws -> [AuditEvent] {
                try await api.auditEvents().filter { $0.action == .validationClaimExpire }
            }
            // Not before the claim lapses: the job ran at start and found nothing.
            try await Task.sleep(for: .milliseconds(1_500))
            #expect(try await expiries().isEmpty)

            api.clock.advance(by: 24 * 3_600 + 61)
            try await RestartAndNodesTests.eventually(within: .seconds(5), "the lapsed claim's closing") {
                try await !expiries().isEmpty
            }
            let closed = try await expiries()
            #expect(closed.count == 1)
            #expect(closed.first?.target == .validationJob(try #require(ValidationJob.ID(jobID))))
            #expect(closed.first?.actor == .scheduler)
            #expect(try await api.store.read { try await $0.validation.lapsedClaims(at: api.clock.now, limit: 10) }.isEmpty)
            // The lapse takes the validator off the list, logged as a withdrawal; its late attestation is refused.
            #expect(try await api.send(.get, "/v1/cases/\(caseID)", token: validator.token).status == .notFound)
            #expect(try await api.loggedKinds().filter { $0 == "case.participant_remove" }.count == 1)
            let late = try await submit(
                api, validator, jobID: jobID, job: try #require(claimed["job"] as? [String: Any]), result: .reproduced)
            #expect(late.status == .notFound || late.status == .conflict, "\(late.text)")
            // Once closed, a lapsed claim is not closed again.
            api.clock.advance(by: 120)
            try await Task.sleep(for: .milliseconds(1_500))
            #expect(try await expiries().count == 1)
        }
    }

    @Test(arguments: engines)
    func aQuorumOfValidatorsValidatesACaseAndVerifiesItsFix(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let researcher = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
            let proof = try await api.send(
                .post, "/v1/artifacts", token: researcherToken, json: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                headers: [.contentType: "application/octet-stream"])
            let digest = try #require(proof["sha256"] as? String)
            let finding = try await api.send(
                .post, "/v1/findings", token: researcherToken,
                json: """
                    {"title": "Stack overflow in parse_header", "target": {"purl": "pkg:generic/demo@1.0"},
                     "cwe": ["CWE-121"], "locations": [{"path": "parse.c", "function": "parse_header"}],
                     "artifacts": ["\(digest)"]}
                    """)
            let caseID = try #require((finding["findings"] as? [[String: Any]])?.first?["case_id"] as? String)

            let first = try await validator(api, name: "Sandbox One")
            let second = try await validator(api, name: "Sandbox Two")
            let third = try await validator(api, name: "Sandbox Three")
            // Nothing to claim before triage; researchers cannot claim at all.
            #expect(try await api.send(.post, "/v1/validation-jobs/claim", token: first.token).status == .noContent)
            #expect(try await api.send(.post, "/v1/validation-jobs/claim", token: researcherToken).status == .forbidden)
            // A validator that reported the same vulnerability is no independent validator of it.
            let duplicate = try await api.send(
                .post, "/v1/findings", token: third.token,
                json:
                    #"{"title": "Overflow", "target": {"purl": "pkg:generic/demo@1.1"}, "cwe": ["CWE-121"], "locations": [{"path": "parse.c", "function": "parse_header"}]}"#
            )
            #expect(try await FindingsAPITests.cases(duplicate, api: api) == [caseID])

            let triaged = try await api.send(
                .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken, json: #"{"state": "triaged"}"#)
            #expect(triaged.status == .ok, "\(triaged.text)")

            // The claimant learns the target and the proof, and may now read both.
            let claimed = try await api.send(.post, "/v1/validation-jobs/claim", token: first.token)
            let job = try #require(claimed["job"] as? [String: Any])
            let jobID = try #require(job["id"] as? String)
            #expect(job["target"] as? String == "pkg:generic/demo@1.0")
            #expect(job["artifact"] as? String == digest)
            #expect(try await api.send(.get, "/v1/artifacts/\(digest)", token: first.token).status == .ok)
            #expect(try await api.send(.get, "/v1/cases/\(caseID)", token: first.token).status == .ok)
            #expect(try await api.send(.post, "/v1/validation-jobs/claim", token: third.token).status == .noContent)

            let bad = try await submit(api, first, jobID: jobID, job: job, result: .reproduced, tamper: true)
            #expect(bad.status == .badRequest && bad["field"] as? String == "signature", "\(bad.text)")
            let one = try await submit(api, first, jobID: jobID, job: job, result: .reproduced)
            #expect(one.status == .created, "\(one.text)")
            #expect((one["job"] as? [String: Any])?["outcome"] is NSNull)
            let again = try await submit(api, first, jobID: jobID, job: job, result: .reproduced)
            #expect(again.status == .conflict)

            let two = try await attest(api, second, result: .reproduced)
            #expect(two.status == .created, "\(two.text)")
            #expect((two["job"] as? [String: Any])?["outcome"] as? String == "reproduced")
            let shown = try await api.send(.get, "/v1/cases/\(caseID)", token: api.coordinatorToken)
            #expect((shown["case"] as? [String: Any])?["state"] as? String == "validated")
            let last = (shown["transitions"] as? [[String: Any]])?.last
            #expect((last?["reason"] as? String)?.hasPrefix("validation quorum") == true)
            let jobShown = try await api.send(.get, "/v1/validation-jobs/\(jobID)", token: api.coordinatorToken)
            let attestations = try #require(jobShown["attestations"] as? [[String: Any]])
            #expect(attestations.count == 2)
            // Anyone with the validator's public key checks an attestation from what the API shows.
            let statement = try #require(attestations[0]["statement"] as? String)
            let signature = try #require(Data(base64Encoded: attestations[0]["signature"] as? String ?? ""))
            #expect(first.key.publicKey.isValidSignature(signature, for: Data(statement.utf8)))
            #expect(try await api.loggedKinds().filter { $0 == "validation.attest" }.count == 2)

            // The fix: remediating, then validators find the proof no longer reproduces on 1.1.
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken,
                    json: #"{"state": "remediating"}"#
                ).status == .ok)
            let fix = try await api.send(
                .post, "/v1/cases/\(caseID)/fix-verifications", token: api.coordinatorToken,
                json: #"{"target": {"purl": "pkg:generic/demo@1.1"}}"#)
            #expect(fix.status == .created, "\(fix.text)")
            #expect(try await attest(api, first, result: .notReproduced).status == .created)
            let fixed = try await attest(api, second, result: .notReproduced)
            #expect((fixed["job"] as? [String: Any])?["outcome"] as? String == "not_reproduced")
            let after = try await api.send(.get, "/v1/cases/\(caseID)", token: researcherToken)
            #expect((after["case"] as? [String: Any])?["state"] as? String == "fixed")
            #expect((after["validation_jobs"] as? [Any])?.count == 2)
            let audited = try await api.auditEvents().filter {
                $0.action == .validationAttest && $0.outcome == .success
            }
            #expect(audited.count == 4)
        }
    }

    @Test(arguments: engines)
    func keysAreCheckedAndOnlyValidatorsRegisterThem(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let vendorAdmin = try await api.mintToken(for: vendor, role: "admin").token
            let key = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
            let refused = try await api.send(
                .post, "/v1/validator-keys", token: vendorAdmin, json: #"{"public_key": "\#(key)"}"#)
            #expect(refused.status == .forbidden)
            let validator = try await api.createOrganization(name: "Sandbox", kind: "validator")
            let admin = try await api.mintToken(for: validator, role: "admin").token
            let short = try await api.send(
                .post, "/v1/validator-keys", token: admin, json: #"{"public_key": "AAAA"}"#)
            #expect(short.status == .badRequest && short["field"] as? String == "public_key")
            let registered = try await api.send(
                .post, "/v1/validator-keys", token: admin, json: #"{"public_key": "\#(key)"}"#)
            let id = try #require(registered["id"] as? String)
            let duplicate = try await api.send(
                .post, "/v1/validator-keys", token: admin, json: #"{"public_key": "\#(key)"}"#)
            #expect(duplicate.status == .conflict)
            #expect(try await api.send(.delete, "/v1/validator-keys/\(id)", token: vendorAdmin).status == .notFound)
            #expect(try await api.send(.delete, "/v1/validator-keys/\(id)", token: admin).status == .noContent)
        }
    }

    /// One validator organization may hold only a few claims at once, so it cannot walk the whole queue onto every
    /// triaged case's need-to-know list.
    @Test func openClaimsAreCapped() async throws {
        try await TestAPI.run(.sqlite, configure: { $0.openClaimsPerOrganization = 2 }) { api in
            let researcher = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
            for function in ["alpha", "beta", "gamma"] {
                let finding = try await api.send(
                    .post, "/v1/findings", token: researcherToken,
                    json: #"{"title": "Overflow in \#(function)", "target": {"purl": "pkg:generic/demo@1.0"}, "locations": [{"path": "a.c", "function": "\#(function)"}]}"#)
                let caseID = try #require((finding["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
                _ = try await api.send(
                    .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken, json: #"{"state": "triaged"}"#)
            }
            let validator = try await validator(api, name: "Sandbox One")
            #expect(try await api.send(.post, "/v1/validation-jobs/claim", token: validator.token).status == .ok)
            let second = try await api.send(.post, "/v1/validation-jobs/claim", token: validator.token)
            #expect(second.status == .ok)
            let third = try await api.send(.post, "/v1/validation-jobs/claim", token: validator.token)
            #expect(third.status == .conflict && third.text.contains("2 open claims"), "\(third.text)")
            // Attesting one frees a place.
            let job = try #require(second["job"] as? [String: Any])
            let jobID = try #require(job["id"] as? String)
            #expect(try await submit(api, validator, jobID: jobID, job: job, result: .reproduced).status == .created)
            #expect(try await api.send(.post, "/v1/validation-jobs/claim", token: validator.token).status == .ok)
        }
    }

    /// Validators run the first reporter's proof, or the one a coordinator chose at triage: never a later
    /// reporter's by default.
    @Test func theProofIsTheFirstReportersOrTheCoordinatorsChoice() async throws {
        try await TestAPI.run(.sqlite) { api in
            let researcher = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
            let rival = try await api.createOrganization(name: "Rival", kind: "researcher")
            let rivalToken = try await api.mintToken(for: rival, role: "analyst").token
            func upload(_ content: String, _ token: String) async throws -> String {
                try #require(
                    try await api.send(
                        .post, "/v1/artifacts", token: token, json: content,
                        headers: [.contentType: "application/octet-stream"])["sha256"] as? String)
            }
            func report(_ token: String, function: String, artifact: String?) async throws -> TestAPI.Reply {
                let cited = artifact.map { #", "artifacts": ["\#($0)"]"# } ?? ""
                return try await api.send(
                    .post, "/v1/findings", token: token,
                    json: #"{"title": "Overflow", "target": {"purl": "pkg:generic/demo@1.0"}, "locations": [{"path": "a.c", "function": "\#(function)"}]\#(cited)}"#)
            }
            func jobArtifact(_ caseID: String) async throws -> Any? {
                let shown = try await api.send(.get, "/v1/cases/\(caseID)", token: api.coordinatorToken)
                return (shown["validation_jobs"] as? [[String: Any]])?.first?["artifact"]
            }
            // The first reporter attached nothing; a later reporter's artifact does not become the proof.
            let first = try await report(researcherToken, function: "alpha", artifact: nil)
            let caseID = try #require(FindingsAPITests.placements(first).first?["case_id"] as? String)
            let rivalProof = try await upload("rival's input", rivalToken)
            _ = try await report(rivalToken, function: "alpha", artifact: rivalProof)
            _ = try await api.send(
                .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken, json: #"{"state": "triaged"}"#)
            #expect(try await jobArtifact(caseID) is NSNull)

            // A coordinator may choose a proof the case's findings cite, and only such a one.
            let ownProof = try await upload("own input", researcherToken)
            let second = try await report(researcherToken, function: "beta", artifact: ownProof)
            let other = try #require(FindingsAPITests.placements(second).first?["case_id"] as? String)
            let laterProof = try await upload("later input", rivalToken)
            _ = try await report(rivalToken, function: "beta", artifact: laterProof)
            let stranger = try await upload("unrelated", researcherToken)
            let refused = try await api.send(
                .post, "/v1/cases/\(other)/transitions", token: api.coordinatorToken,
                json: #"{"state": "triaged", "proof": "\#(stranger)"}"#)
            #expect(refused.status == .badRequest && refused["field"] as? String == "proof", "\(refused.text)")
            let chosen = try await api.send(
                .post, "/v1/cases/\(other)/transitions", token: api.coordinatorToken,
                json: #"{"state": "triaged", "proof": "\#(laterProof)"}"#)
            #expect(chosen.status == .ok, "\(chosen.text)")
            #expect(try await jobArtifact(other) as? String == laterProof)
        }
    }
}
