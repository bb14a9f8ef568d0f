import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Writes that race for one unique record (the same artifact uploaded at once, one validator claiming at once from
/// several processes) end in a success or a 409 conflict, never a 500, on both engines; racing uploads of the same
/// bytes all succeed.
@Suite struct ConcurrentWritesTests {
    @Test(arguments: engines)
    func racingWritesConflictInsteadOfFailing(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let researcher = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let researcherToken = try await api.mintToken(for: researcher, role: "analyst").token
            let rival = try await api.createOrganization(name: "Rival Lab", kind: "researcher")
            let rivalToken = try await api.mintToken(for: rival, role: "analyst").token
            for round in 0..<4 {
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<8 {
                        group.addTask {
                            try await api.send(
                                .post, "/v1/artifacts", token: index.isMultiple(of: 2) ? researcherToken : rivalToken,
                                json: "same crash input \(round)", headers: [.contentType: "application/octet-stream"]
                            ).status.code
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // Identical bytes are stored once; every upload of them succeeds, racing or not.
                #expect(statuses.allSatisfy { [200, 201].contains($0) }, "uploads: \(statuses)")
            }

            let finding = try await api.send(
                .post, "/v1/findings", token: researcherToken,
                json: #"{"title": "Overflow", "target": {"purl": "pkg:generic/demo@1.0"}, "cwe": ["CWE-121"]}"#)
            let caseID = try #require((finding["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
            _ = try await api.send(
                .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken, json: #"{"state": "triaged"}"#)
            let validatorToken = try await ValidationAPITests().validator(api, name: "Sandbox One").token
            let claims = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await api.send(.post, "/v1/validation-jobs/claim", token: validatorToken).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.allSatisfy { [200, 204, 409].contains($0) }, "claims: \(claims)")
            #expect(claims.contains(200))
        }
    }
}
