import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Designation requests, determinations and sign-offs through the API, and the framework's promise: a model's
/// release is recorded whatever any determination says.
@Suite struct DeterminationAPITests {
    /// A registered model with a pre-registered policy and the developer's evaluation of it.
    struct Subject {
        let parties: FrontierAPITests.Parties
        let model: String
        let policy: String
        let evaluation: String
        /// A verified government organization that is not an authority, to consult.
        let agency: String
        let agencyAnalyst: String
    }

    static func subject(_ api: TestAPI) async throws -> Subject {
        let parties = try await FrontierAPITests.parties(api)
        let model = try #require(
            try await api.send(.post, "/v1/models", token: parties.developer, json: FrontierAPITests.model)["id"]
                as? String)
        let policy = try #require(
            try await api.send(
                .post, "/v1/threshold-policies", token: parties.authorityAdmin, json: FrontierAPITests.policy)["id"]
                as? String)
        let archive = try Data(contentsOf: FrontierAPITests.logs.appending(path: "ctf_probe_0.3.285.eval"))
        let evaluation = try #require(
            try await api.send(
                .post, "/v1/models/\(model)/evaluations?suite=ctf_probe", token: parties.developer, body: archive,
                headers: [.contentType: "application/octet-stream"])["id"] as? String)
        let agency = try await api.createOrganization(name: "Sector Risk Agency", kind: "government")
        return Subject(
            parties: parties, model: model, policy: policy, evaluation: evaluation, agency: agency,
            agencyAnalyst: try await api.mintToken(for: agency, role: "analyst").token)
    }

    static func determination(_ subject: Subject, outcome: String = "undetermined", extra: String = "") -> String {
        #"{"policy_id": "\#(subject.policy)", "outcome": "\#(outcome)", "rationale": "8 of 12 solved; the 95% interval straddles 0.4.", "evaluation_ids": ["\#(subject.evaluation)"], "consulted": ["\#(subject.agency)"]\#(extra)}"#
    }

    @Test(arguments: engines)
    func aDeterminationRecordsItsRationaleAndItsConsultedPartiesSignOff(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let subject = try await Self.subject(api)
            let parties = subject.parties
            let asked = try await api.send(
                .post, "/v1/models/\(subject.model)/designation-requests", token: parties.developer,
                json: #"{"evaluation_ids": ["\#(subject.evaluation)"], "note": "Self-assessment attached."}"#)
            #expect(asked.status == .created, "\(asked.text)")
            let request = try #require(asked["id"] as? String)
            #expect(
                try await api.send(
                    .post, "/v1/models/\(subject.model)/designation-requests", token: parties.rival, json: "{}"
                ).status == .notFound)
            #expect(
                try await api.send(
                    .post, "/v1/models/\(subject.model)/designation-requests", token: parties.authority, json: "{}"
                ).status == .forbidden)

            // Only an authority records; what it names must exist and belong to the model.
            let byDeveloper = try await api.send(
                .post, "/v1/models/\(subject.model)/determinations", token: parties.developer,
                json: Self.determination(subject))
            #expect(byDeveloper.status == .forbidden)
            for (body, field) in [
                (
                    Self.determination(subject).replacingOccurrences(of: subject.policy, with: subject.model),
                    "policy_id"
                ),
                (
                    Self.determination(subject).replacingOccurrences(of: subject.evaluation, with: subject.model),
                    "evaluation_ids[0]"
                ),
                (
                    Self.determination(subject).replacingOccurrences(of: subject.agency, with: subject.model),
                    "consulted[0]"
                ),
                (
                    Self.determination(subject).replacingOccurrences(
                        of: "8 of 12 solved; the 95% interval straddles 0.4.", with: " "), "rationale"
                ),
            ] {
                let refused = try await api.send(
                    .post, "/v1/models/\(subject.model)/determinations", token: parties.authority, json: body)
                #expect(refused.status == .badRequest && refused["field"] as? String == field, "\(refused.text)")
            }

            let recorded = try await api.send(
                .post, "/v1/models/\(subject.model)/determinations", token: parties.authority,
                json: Self.determination(subject, extra: #", "request_id": "\#(request)""#))
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded["advisory"] as? Bool == true && recorded["awaiting"] as? [String] == [subject.agency])
            let determination = try #require(recorded["id"] as? String)
            #expect(try await api.loggedKinds().suffix(2) == ["designation.request", "determination.record"])

            // The consulted agency sees the determination, not the model, and signs off once.
            #expect(
                try await api.send(.get, "/v1/determinations/\(determination)", token: subject.agencyAnalyst).status
                    == .ok)
            #expect(
                try await api.send(.get, "/v1/models/\(subject.model)", token: subject.agencyAnalyst).status
                    == .notFound)
            #expect(
                try await api.send(.get, "/v1/determinations/\(determination)", token: parties.hospital).status
                    == .notFound)
            let notConsulted = try await api.send(
                .post, "/v1/determinations/\(determination)/sign-offs", token: parties.developer,
                json: #"{"position": "concur"}"#)
            #expect(notConsulted.status == .forbidden)
            let signed = try await api.send(
                .post, "/v1/determinations/\(determination)/sign-offs", token: subject.agencyAnalyst,
                json: #"{"position": "dissent", "note": "The suite is near saturation."}"#)
            #expect(signed.status == .created && (signed["awaiting"] as? [String])?.isEmpty == true, "\(signed.text)")
            let again = try await api.send(
                .post, "/v1/determinations/\(determination)/sign-offs", token: subject.agencyAnalyst,
                json: #"{"position": "concur"}"#)
            #expect(again.status == .conflict)
            #expect(try await api.loggedKinds().last == "determination.sign_off")

            let listed = try await api.send(
                .get, "/v1/models/\(subject.model)/determinations", token: parties.developer)
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(
                items.count == 1
                    && (items.first?["sign_offs"] as? [[String: Any]])?.first?["position"] as? String == "dissent")
            let requests = try await api.send(
                .get, "/v1/models/\(subject.model)/designation-requests", token: parties.authority)
            #expect((requests["items"] as? [[String: Any]])?.first?["note"] as? String == "Self-assessment attached.")
        }
    }

    /// Organizations the instance always consults are added to every determination, and checked like the others.
    @Test func theInstancesConsulteesAreAlwaysAdded() async throws {
        let missing = Organization.ID(UUID())
        try await TestAPI.run(.sqlite, configure: { $0.designationConsultees = [missing] }) { api in
            let subject = try await Self.subject(api)
            let refused = try await api.send(
                .post, "/v1/models/\(subject.model)/determinations", token: subject.parties.authority,
                json: Self.determination(subject))
            #expect(refused.status == .badRequest && refused["field"] as? String == "consulted[1]", "\(refused.text)")
        }
    }

    /// Voluntary by construction: whatever the determination says, and whether or not one is awaited, the developer
    /// records the release and withdraws, and the records stay.
    @Test(arguments: engines)
    func noReleaseWaitsOnADetermination(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let subject = try await Self.subject(api)
            let parties = subject.parties
            // A model asked about and not yet determined releases.
            _ = try await api.send(
                .post, "/v1/models/\(subject.model)/designation-requests", token: parties.developer, json: "{}")
            let pending = try await api.send(.post, "/v1/models/\(subject.model)/release", token: parties.developer)
            #expect(pending.status == .ok && pending["released_at"] is String)

            for outcome in ["covered", "not_covered", "undetermined"] {
                let model = try #require(
                    try await api.send(.post, "/v1/models", token: parties.developer, json: FrontierAPITests.model)[
                        "id"]
                        as? String)
                let recorded = try await api.send(
                    .post, "/v1/models/\(model)/determinations", token: parties.authority,
                    json:
                        #"{"policy_id": "\#(subject.policy)", "outcome": "\#(outcome)", "rationale": "Recorded as \#(outcome)."}"#
                )
                #expect(recorded.status == .created, "\(recorded.text)")
                let determination = try #require(recorded["id"] as? String)
                let released = try await api.send(.post, "/v1/models/\(model)/release", token: parties.developer)
                #expect(released.status == .ok && released["released_at"] is String, "\(outcome): \(released.text)")
                let withdrawn = try await api.send(.post, "/v1/models/\(model)/withdraw", token: parties.developer)
                #expect(withdrawn.status == .ok && withdrawn["withdrawn_at"] is String)
                // The record stays: the determination, and the model with its release.
                let kept = try await api.send(.get, "/v1/determinations/\(determination)", token: parties.developer)
                #expect(kept.status == .ok && kept["outcome"] as? String == outcome)
                let model2 = try await api.send(.get, "/v1/models/\(model)", token: parties.authority)
                #expect(model2["released_at"] is String && model2["withdrawn_at"] is String)
            }
        }
    }
}
