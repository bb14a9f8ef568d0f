import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Coordinators put organizations on a case's need-to-know list, merge cases that are one vulnerability and split
/// findings that are another; participants write to each other.
@Suite struct CaseCoordinationAPITests {
    static func finding(_ function: String, version: String = "1.0") -> String {
        #"{"title": "Overflow in \#(function)", "target": {"purl": "pkg:pypi/demo@\#(version)"}, "cwe": ["CWE-787"], "locations": [{"path": "demo.c", "function": "\#(function)"}]}"#
    }

    func submit(_ api: TestAPI, _ body: String, token: String) async throws -> (finding: String, case: String) {
        let reply = try await api.send(.post, "/v1/findings", token: token, json: body)
        #expect(reply.status == .created, "\(reply.text)")
        let placed = try #require((reply["findings"] as? [[String: Any]])?.first)
        let id = try #require(placed["id"] as? String)
        // A finding that joined a case its reporter may not see is placed only for those who see the case.
        let located = try await api.send(.get, "/v1/findings/\(id)", token: api.coordinatorToken)
        return (id, try #require(located["case_id"] as? String))
    }

    @Test(arguments: engines)
    func participantsSeeTheCaseAndWriteToEachOther(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let researcher = try await api.createOrganization(name: "Lab", kind: "researcher")
            let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            let vendorReader = try await api.mintToken(for: vendor, role: "reader").token
            let (_, caseID) = try await submit(api, Self.finding("parse"), token: researcherToken)

            let message = #"{"body": "Can you reproduce with 1.0?"}"#
            #expect(
                try await api.send(.post, "/v1/cases/\(caseID)/messages", token: vendorToken, json: message).status
                    == .notFound)
            let denied = try await api.send(
                .post, "/v1/cases/\(caseID)/participants", token: researcherToken,
                json: #"{"organization_id": "\#(vendor)"}"#)
            #expect(denied.status == .forbidden)
            let added = try await api.send(
                .post, "/v1/cases/\(caseID)/participants", token: api.coordinatorToken,
                json: #"{"organization_id": "\#(vendor)"}"#)
            #expect(added.status == .ok && (added["participants"] as? [String]) == [vendor], "\(added.text)")
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(caseID)/participants", token: api.coordinatorToken,
                    json: #"{"organization_id": "not-an-id"}"#
                ).code == "invalid_field")

            // The vendor now sees the case, writes, and moves it to remediating once it is validated.
            #expect(try await api.send(.get, "/v1/cases/\(caseID)", token: vendorToken).status == .ok)
            let posted = try await api.send(.post, "/v1/cases/\(caseID)/messages", token: vendorToken, json: message)
            #expect(posted.status == .created, "\(posted.text)")
            #expect(
                try await api.send(.post, "/v1/cases/\(caseID)/messages", token: vendorReader, json: message).status
                    == .forbidden)
            #expect(
                try await api.send(.post, "/v1/cases/\(caseID)/messages", token: vendorToken, json: #"{"body": "  "}"#)
                    .code == "invalid_field")
            let reply = #"{"body": "Yes: a 600-byte header.\nProof attached to the finding."}"#
            #expect(
                try await api.send(.post, "/v1/cases/\(caseID)/messages", token: researcherToken, json: reply).status
                    == .created)
            let thread = try await api.send(.get, "/v1/cases/\(caseID)/messages", token: vendorReader)
            let bodies = (thread["items"] as? [[String: Any]])?.compactMap { $0["body"] as? String }
            #expect(bodies?.count == 2 && bodies?.first == "Can you reproduce with 1.0?", "\(thread.text)")

            for state in ["triaged", "validated"] {
                _ = try await api.send(
                    .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken,
                    json: #"{"state": "\#(state)"}"#)
            }
            let remediating = try await api.send(
                .post, "/v1/cases/\(caseID)/transitions", token: vendorToken, json: #"{"state": "remediating"}"#)
            #expect(remediating.status == .ok, "\(remediating.text)")

            let removed = try await api.send(
                .delete, "/v1/cases/\(caseID)/participants/\(vendor)", token: api.coordinatorToken)
            #expect(removed.status == .ok)
            #expect(try await api.send(.get, "/v1/cases/\(caseID)", token: vendorToken).status == .notFound)
            let kinds = try await api.loggedKinds()
            #expect(kinds.contains("case.participant_add") && kinds.contains("case.participant_remove"))
        }
    }

    /// A merge never loosens a finding's protection: the merged case takes the more restrictive label of the two.
    @Test(arguments: engines)
    func aMergeTakesTheMoreRestrictiveLabel(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let researcher = try await api.createOrganization(name: "Lab", kind: "researcher")
            let token = try await api.mintToken(for: researcher, role: "analyst").token
            let hospital = try await api.createOrganization(name: "Valley Hospital", kind: "operator", sector: "healthcare")
            let hospitalToken = try await api.mintToken(for: hospital, role: "analyst").token
            let bystander = try await api.createOrganization(name: "Bystander", kind: "vendor")
            let bystanderToken = try await api.mintToken(for: bystander, role: "analyst").token
            let reply = try await api.send(
                .post, "/v1/findings?tlp=CLEAR", token: token, json: Self.finding("parse_header"))
            let open = try #require((reply["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
            let guarded = try await api.send(
                .post, "/v1/findings?tlp=AMBER%2BSTRICT", token: hospitalToken, json: Self.finding("parse_hdr"))
            let strict = try #require((guarded["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
            #expect(try await api.send(.get, "/v1/cases/\(open)", token: bystanderToken).status == .ok)

            let merged = try await api.send(
                .post, "/v1/cases/\(open)/merge", token: api.coordinatorToken, json: #"{"case_id": "\#(strict)"}"#)
            #expect(merged.status == .ok, "\(merged.text)")
            #expect(merged["tlp"] as? String == "TLP:AMBER+STRICT")
            // The hospital's finding is now in the merged case, which those its label excludes no longer see.
            #expect(try await api.send(.get, "/v1/cases/\(open)", token: bystanderToken).status == .notFound)
            #expect(try await api.send(.get, "/v1/cases/\(open)").status == .unauthorized)
            #expect(try await api.send(.get, "/v1/cases/\(open)", token: token).status == .ok)
        }
    }

    @Test(arguments: engines)
    func coordinatorsMergeAndSplitCases(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let researcher = try await api.createOrganization(name: "Lab", kind: "researcher")
            let token = try await api.mintToken(for: researcher, role: "analyst").token
            let rival = try await api.createOrganization(name: "Agent Co", kind: "ai-developer")
            let rivalToken = try await api.mintToken(for: rival, role: "analyst").token
            let (first, kept) = try await submit(api, Self.finding("parse_header"), token: token)
            // The same bug, reported where the function has another name: deduplication missed it.
            let (second, other) = try await submit(api, Self.finding("parse_hdr"), token: rivalToken)
            #expect(kept != other)

            let merged = try await api.send(
                .post, "/v1/cases/\(kept)/merge", token: api.coordinatorToken,
                json: #"{"case_id": "\#(other)", "reason": "parse_hdr is an alias of parse_header"}"#)
            #expect(merged.status == .ok, "\(merged.text)")
            #expect(merged["first_finding_id"] as? String == first)
            let listed = try await api.send(.get, "/v1/cases/\(kept)/findings", token: api.coordinatorToken)
            #expect((listed["items"] as? [Any])?.count == 2)
            let old = try await api.send(.get, "/v1/cases/\(other)", token: api.coordinatorToken)
            #expect((old["case"] as? [String: Any])?["merged_into"] as? String == kept)
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(other)/merge", token: api.coordinatorToken,
                    json: #"{"case_id": "\#(kept)"}"#
                ).status == .conflict)
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(other)/transitions", token: api.coordinatorToken,
                    json: #"{"state": "triaged"}"#
                ).status == .conflict)
            // Its fingerprints moved too: the rival's bug reported again joins the merged case.
            let (third, again) = try await submit(api, Self.finding("parse_hdr", version: "1.1"), token: rivalToken)
            #expect(again == kept)

            // Split the rival's finding back out: it opens its own case, credited to the rival.
            let split = try await api.send(
                .post, "/v1/cases/\(kept)/split", token: api.coordinatorToken,
                json: #"{"findings": ["\#(second)"], "reason": "a different bug after all"}"#)
            #expect(split.status == .created, "\(split.text)")
            #expect(split["owner"] as? String == rival && split["first_finding_id"] as? String == second)
            let splitID = try #require(split["id"] as? String)
            #expect(
                try await api.send(.get, "/v1/findings/\(second)", token: rivalToken)["case_id"] as? String == splitID)
            // A split leaves at least one finding behind.
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(kept)/split", token: api.coordinatorToken,
                    json: #"{"findings": ["\#(first)", "\#(third)"]}"#
                ).status == .badRequest)
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(kept)/split", token: token,
                    json: #"{"findings": ["\#(first)"]}"#
                ).status == .forbidden)
            let kinds = try await api.loggedKinds()
            #expect(kinds.contains("case.merge") && kinds.contains("case.split"))
        }
    }
}
