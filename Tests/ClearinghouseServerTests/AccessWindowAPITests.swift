import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Pre-release access windows through the API: only on a covered model and for at most 30 days; terms before any
/// access; every access and attempt recorded with its signals; access ends by itself and at an early close; an
/// attestation at the close; and no release waits on a window.
@Suite struct AccessWindowAPITests {
    static func windowBody(evaluator: String, days: Double, from now: Date) -> String {
        let ends = LogEntryDraft.timestamp(now.addingTimeInterval(days * 86_400))
        return
            #"{"evaluator_ids": ["\#(evaluator)"], "ends_at": "\#(ends)", "purpose": "Cyber-capability evaluation before release"}"#
    }

    static let terms =
        #"{"nda_scope": "Evaluation team only; no derived models", "ip_categories": ["weights", "system-prompts"], "handling_level": "restricted"}"#

    @Test(arguments: engines)
    func aWindowGoesFromTermsToAccessToAttestation(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let subject = try await DeterminationAPITests.subject(api)
            let parties = subject.parties
            let lab = try await api.createOrganization(name: "Evaluation Lab", kind: "researcher")
            let evaluator = try await api.mintToken(for: lab, role: "analyst").token
            let windows = "/v1/models/\(subject.model)/access-windows"
            let now = api.dependencies.now()

            // Windows are for covered models.
            let uncovered = try await api.send(
                .post, windows, token: parties.developer, json: Self.windowBody(evaluator: lab, days: 10, from: now))
            #expect(uncovered.status == .conflict && uncovered.text.contains("covered"), "\(uncovered.text)")
            let covered = try await api.send(
                .post, "/v1/models/\(subject.model)/determinations", token: parties.authority,
                json: DeterminationAPITests.determination(subject, outcome: "covered"))
            #expect(covered.status == .created, "\(covered.text)")

            // At most 30 days, refused with the latest end allowed, and the attempt recorded.
            let long = try await api.send(
                .post, windows, token: parties.developer, json: Self.windowBody(evaluator: lab, days: 31, from: now))
            #expect(long.status == .badRequest && long["field"] as? String == "ends_at", "\(long.text)")
            #expect(
                long.text.contains("at most 30 days")
                    && long.text.contains(LogEntryDraft.timestamp(now.addingTimeInterval(30 * 86_400))))
            #expect(
                try await api.auditEvents().contains {
                    $0.action == .accessWindowOpen && $0.outcome == .denied && $0.detail?.contains("30 days") == true
                })
            #expect(
                try await api.send(
                    .post, windows, token: parties.rival, json: Self.windowBody(evaluator: lab, days: 10, from: now)
                ).status == .notFound)

            let opened = try await api.send(
                .post, windows, token: parties.developer, json: Self.windowBody(evaluator: lab, days: 10, from: now))
            #expect(opened.status == .created && opened["state"] as? String == "open", "\(opened.text)")
            let window = try #require(opened["id"] as? String)
            let path = "/v1/access-windows/\(window)"

            // The evaluator sees the window, not the model; others see neither.
            #expect(try await api.send(.get, path, token: evaluator).status == .ok)
            #expect(try await api.send(.get, "/v1/models/\(subject.model)", token: evaluator).status == .notFound)
            #expect(try await api.send(.get, path, token: parties.rival).status == .notFound)
            #expect(try await api.send(.get, path, token: parties.hospital).status == .notFound)

            // No access before the terms; the attempt is recorded.
            let early = try await api.send(
                .post, "\(path)/accesses", token: evaluator, json: #"{"resource": "api/v1/chat", "kind": "query"}"#)
            #expect(early.status == .forbidden && early.text.contains("terms"), "\(early.text)")
            let low = try await api.send(
                .post, "\(path)/terms", token: evaluator,
                json: Self.terms.replacingOccurrences(of: "\"restricted\"", with: "\"confidential\""))
            #expect(low.status == .badRequest && low["field"] as? String == "handling_level", "\(low.text)")
            let accepted = try await api.send(.post, "\(path)/terms", token: evaluator, json: Self.terms)
            #expect(accepted.status == .created && accepted["handling_level"] as? String == "restricted")
            #expect(try await api.send(.post, "\(path)/terms", token: evaluator, json: Self.terms).status == .conflict)
            #expect(
                try await api.send(.post, "\(path)/terms", token: parties.developer, json: Self.terms).status
                    == .forbidden)

            let query = try await api.send(
                .post, "\(path)/accesses", token: evaluator, json: #"{"resource": "api/v1/chat", "kind": "query"}"#)
            #expect(query.status == .created && query["outcome"] as? String == "granted", "\(query.text)")
            #expect((query["actor"] as? String)?.hasPrefix("token:") == true && query["from"] as? String != nil)
            let export = try await api.send(
                .post, "\(path)/accesses", token: evaluator, json: #"{"resource": "weights/shard-3", "kind": "export"}"#
            )
            #expect(export.status == .created && (export["signals"] as? [String])?.contains("export") == true)
            #expect(
                try await api.send(
                    .post, "\(path)/accesses", token: parties.developer,
                    json: #"{"resource": "api/v1/chat", "kind": "query"}"#
                ).status == .forbidden)
            let tooSoon = try await api.send(
                .post, "\(path)/attestations", token: evaluator,
                json: #"{"disposition": "destroyed", "statement": "Wiped."}"#)
            #expect(tooSoon.status == .conflict && tooSoon.text.contains("still open"), "\(tooSoon.text)")

            // The release is the developer's to record, window or not.
            #expect(
                try await api.send(.post, "/v1/models/\(subject.model)/release", token: parties.developer, json: "{}")
                    .status == .ok)

            // Access ends by itself with the window.
            api.clock.advance(by: 11 * 86_400)
            let late = try await api.send(
                .post, "\(path)/accesses", token: evaluator, json: #"{"resource": "api/v1/chat", "kind": "query"}"#)
            #expect(late.status == .forbidden && late.text.contains("ended"), "\(late.text)")
            let log = try await api.send(.get, "\(path)/accesses", token: parties.developer)
            let items = try #require(log["items"] as? [[String: Any]])
            #expect(
                items.map { $0["outcome"] as? String } == ["terms_not_accepted", "granted", "granted", "expired"],
                "\(log.text)")
            #expect((items.last?["signals"] as? [String])?.contains("after_expiry") == true)
            #expect(
                (try await api.send(.get, "\(path)/accesses", token: parties.authority)["items"] as? [Any])?.count == 4)
            #expect(try await api.send(.get, "\(path)/accesses", token: parties.rival).status == .notFound)
            #expect(
                try await api.auditEvents().count { $0.action == .accessWindowAccess && $0.outcome == .denied } >= 3)

            let attested = try await api.send(
                .post, "\(path)/attestations", token: evaluator,
                json:
                    #"{"disposition": "destroyed", "statement": "Weights wiped; transcripts kept 90 days under the terms."}"#
            )
            #expect(
                attested.status == .created && attested["disposition"] as? String == "destroyed", "\(attested.text)")
            #expect(
                try await api.send(
                    .post, "\(path)/attestations", token: evaluator,
                    json: #"{"disposition": "retained", "statement": "Again."}"#
                ).status == .conflict)
            let shown = try await api.send(.get, path, token: parties.authority)
            #expect(shown["state"] as? String == "expired")
            let evaluators = try #require(shown["evaluators"] as? [[String: Any]])
            #expect(((evaluators.first?["attestation"] as? [String: Any])?["disposition"] as? String) == "destroyed")
            #expect(((evaluators.first?["terms"] as? [String: Any])?["nda_scope"] as? String)?.isEmpty == false)

            let listed = try await api.send(.get, "/v1/access-windows", token: evaluator)
            #expect((listed["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [window])
            #expect(
                (try await api.send(.get, "/v1/access-windows", token: parties.rival)["items"] as? [Any])?.isEmpty
                    == true)
        }
    }

    @Test(arguments: engines)
    func closingEndsAccessAtOnce(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let subject = try await DeterminationAPITests.subject(api)
            let parties = subject.parties
            let lab = try await api.createOrganization(name: "Evaluation Lab", kind: "researcher")
            let evaluator = try await api.mintToken(for: lab, role: "analyst").token
            _ = try await api.send(
                .post, "/v1/models/\(subject.model)/determinations", token: parties.authority,
                json: DeterminationAPITests.determination(subject, outcome: "covered"))
            let opened = try await api.send(
                .post, "/v1/models/\(subject.model)/access-windows", token: parties.developer,
                json: Self.windowBody(evaluator: lab, days: 30, from: api.dependencies.now()))
            let window = try #require(opened["id"] as? String, "\(opened.text)")
            let path = "/v1/access-windows/\(window)"
            #expect(try await api.send(.post, "\(path)/terms", token: evaluator, json: Self.terms).status == .created)
            #expect(try await api.send(.post, "\(path)/close", token: evaluator).status == .forbidden)
            api.clock.advance(by: 3_600)
            let closed = try await api.send(.post, "\(path)/close", token: parties.developer)
            #expect(closed.status == .ok && closed["state"] as? String == "closed", "\(closed.text)")
            let refused = try await api.send(
                .post, "\(path)/accesses", token: evaluator, json: #"{"resource": "api/v1/chat", "kind": "view"}"#)
            #expect(refused.status == .forbidden && refused.text.contains("closed"), "\(refused.text)")
            // Closing again keeps the first close.
            api.clock.advance(by: 60)
            #expect(
                try await api.send(.post, "\(path)/close", token: parties.developer)["closed_at"] as? String == closed[
                    "closed_at"] as? String)
            #expect(
                try await api.send(
                    .post, "\(path)/attestations", token: evaluator,
                    json: #"{"disposition": "retained", "statement": "Results kept under the NDA."}"#
                ).status == .created)
        }
    }
}
