import ClearinghouseCore
import HTTPTypes
import Testing

/// The frontier framework: coordinators' admins manage designation authorities; AI developers' analysts register
/// models, which only they and the authorities see (RED), and alone record a release or withdraw; authorities'
/// admins pre-register threshold policies (GREEN), which nobody edits.
extension AuthorizationMatrix {
    static let frontier: [MatrixEntry] = [
        MatrixEntry(
            .get, "/v1/designation-authorities", targets: { _ in [.route("/v1/designation-authorities")] },
            expect: Expect.members()),
        MatrixEntry(
            .post, "/v1/designation-authorities",
            targets: { world in
                [.route("/v1/designation-authorities", body: #"{"organization_id": "\#(world.id(.government))"}"#)]
            }, expect: Expect.coordinators(.admin, .created)),
        // Taking the role back from a government organization made an authority for the cell.
        MatrixEntry(
            .delete, "/v1/designation-authorities/{id}",
            targets: { world in [.route("/v1/designation-authorities/\(world.id(.government))")] },
            fresh: { world, target in
                var fresh = target
                let agency = try await world.api.createOrganization(
                    name: "Matrix agency \(world.next())", kind: "government")
                try await world.designateAuthority(agency)
                fresh.path = "/v1/designation-authorities/\(agency)"
                return fresh
            }, expect: Expect.coordinators(.admin, .noContent)),
        MatrixEntry(
            .post, "/v1/models", targets: { _ in [.route("/v1/models", body: MatrixWorld.modelBody)] },
            expect: Expect.members(.analyst, .created) { $0.organization == .aiDeveloper }),
        MatrixEntry(
            .get, "/v1/models", targets: { world in [world.modelTarget { _ in "/v1/models?limit=500" }] },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/models/{id}", targets: { world in [world.modelTarget { "/v1/models/\($0)" }] },
            expect: Expect.visible()),
        // Recording a release again, or withdrawing again, changes nothing: no cell needs a fresh model.
        MatrixEntry(
            .post, "/v1/models/{id}/release", targets: { world in [world.modelTarget { "/v1/models/\($0)/release" }] },
            expect: Expect.visible(then: Expect.only(.analyst, .ok) { $0.organization == .aiDeveloper })),
        MatrixEntry(
            .post, "/v1/models/{id}/withdraw",
            targets: { world in [world.modelTarget { "/v1/models/\($0)/withdraw" }] },
            expect: Expect.visible(then: Expect.only(.analyst, .ok) { $0.organization == .aiDeveloper })),
        MatrixEntry(
            .post, "/v1/threshold-policies",
            targets: { _ in [.route("/v1/threshold-policies", body: MatrixWorld.policyBody(version: "{n}"))] },
            expect: Expect.members(.admin, .created) { $0.organization == .government }),
        MatrixEntry(
            .get, "/v1/threshold-policies",
            targets: { world in [world.thresholdPolicyTarget { _ in "/v1/threshold-policies?limit=500" }] },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/threshold-policies/{id}",
            targets: { world in [world.thresholdPolicyTarget { "/v1/threshold-policies/\($0)" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/models/{id}/evaluations",
            targets: { world in
                [world.modelTarget(body: MatrixWorld.evaluationBody) { "/v1/models/\($0)/evaluations?suite=ctf" }]
            },
            expect: Expect.visible(
                then: Expect.only(.analyst, .created) { [.aiDeveloper, .government].contains($0.organization) })),
        MatrixEntry(
            .get, "/v1/models/{id}/evaluations",
            targets: { world in [world.modelTarget { "/v1/models/\($0)/evaluations" }] }, expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/evaluations/{id}", targets: { world in [world.evaluationTarget { "/v1/evaluations/\($0)" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/evaluations/{id}/judgement",
            targets: { world in
                [world.evaluationTarget { "/v1/evaluations/\($0)/judgement?policy=\(world.thresholdPolicy)" }]
            }, expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/models/{id}/designation-requests",
            targets: { world in [world.modelTarget(body: "{}") { "/v1/models/\($0)/designation-requests" }] },
            expect: Expect.visible(then: Expect.only(.analyst, .created) { $0.organization == .aiDeveloper })),
        MatrixEntry(
            .get, "/v1/models/{id}/designation-requests",
            targets: { world in [world.modelTarget { "/v1/models/\($0)/designation-requests" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/models/{id}/determinations",
            targets: { world in
                [world.modelTarget(body: world.determinationBody) { "/v1/models/\($0)/determinations" }]
            }, expect: Expect.visible(then: Expect.only(.analyst, .created) { $0.organization == .government })),
        MatrixEntry(
            .get, "/v1/models/{id}/determinations",
            targets: { world in [world.modelTarget { "/v1/models/\($0)/determinations" }] }, expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/determinations/{id}",
            targets: { world in [world.determinationTarget { "/v1/determinations/\($0)" }] }, expect: Expect.visible()),
        // An organization signs off once: each cell that may sign gets a determination of its own.
        MatrixEntry(
            .post, "/v1/determinations/{id}/sign-offs",
            targets: { world in
                [world.determinationTarget(body: #"{"position": "concur"}"#) { "/v1/determinations/\($0)/sign-offs" }]
            },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/determinations/\(try await world.recordDetermination())/sign-offs"
                return fresh
            }, expect: Expect.visible(then: Expect.only(.analyst, .created) { $0.organization == .researcher })),
        MatrixEntry(
            .post, "/v1/models/{id}/access-windows",
            targets: { world in
                [world.windowModelTarget(body: world.windowBody) { "/v1/models/\($0)/access-windows" }]
            }, expect: Expect.visible(then: Expect.only(.analyst, .created) { $0.organization == .aiDeveloper })),
        MatrixEntry(
            .get, "/v1/models/{id}/access-windows",
            targets: { world in [world.windowModelTarget { "/v1/models/\($0)/access-windows" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/access-windows",
            targets: { world in [world.windowTarget { _ in "/v1/access-windows?limit=500" }] },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/access-windows/{id}", targets: { world in [world.windowTarget { "/v1/access-windows/\($0)" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/access-windows/{id}/accesses",
            targets: { world in [world.windowTarget { "/v1/access-windows/\($0)/accesses" }] },
            expect: Expect.visible()),
        // Terms are accepted once, an access needs them, an attestation a closed window: each cell that may act gets
        // a window of its own, in the state its action needs.
        MatrixEntry(
            .post, "/v1/access-windows/{id}/terms",
            targets: { world in [world.windowTarget(body: MatrixWorld.termsBody) { "/v1/access-windows/\($0)/terms" }]
            },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/access-windows/\(try await world.openWindow())/terms"
                return fresh
            }, expect: Expect.visible(then: Expect.only(.analyst, .created) { $0.organization == .researcher })),
        MatrixEntry(
            .post, "/v1/access-windows/{id}/accesses",
            targets: { world in
                [
                    world.windowTarget(body: #"{"resource": "weights/checkpoint-1", "kind": "view"}"#) {
                        "/v1/access-windows/\($0)/accesses"
                    }
                ]
            },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/access-windows/\(try await world.openWindow(acceptingTerms: true))/accesses"
                return fresh
            }, expect: Expect.visible(then: Expect.only(.analyst, .created) { $0.organization == .researcher })),
        MatrixEntry(
            .post, "/v1/access-windows/{id}/attestations",
            targets: { world in
                [
                    world.windowTarget(body: #"{"disposition": "destroyed", "statement": "Wiped."}"#) {
                        "/v1/access-windows/\($0)/attestations"
                    }
                ]
            },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/access-windows/\(try await world.openWindow(closing: true))/attestations"
                return fresh
            }, expect: Expect.visible(then: Expect.only(.analyst, .created) { $0.organization == .researcher })),
        // Closing again changes nothing; closing the shared window would refuse the access cells after it.
        MatrixEntry(
            .post, "/v1/access-windows/{id}/close",
            targets: { world in [world.windowTarget { "/v1/access-windows/\($0)/close" }] },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/access-windows/\(try await world.openWindow())/close"
                return fresh
            }, expect: Expect.visible(then: Expect.only(.analyst, .ok) { $0.organization == .aiDeveloper })),
        // Whoever may read a policy is told it never changes.
        MatrixEntry(
            .put, "/v1/threshold-policies/{id}",
            targets: { world in
                [
                    world.thresholdPolicyTarget(body: MatrixWorld.policyBody(version: "1")) {
                        "/v1/threshold-policies/\($0)"
                    }
                ]
            }, expect: Expect.visible(.conflict)),
    ]
}

extension MatrixWorld {
    static let modelBody = #"{"name": "Matrix model", "version": "1.0"}"#

    static func policyBody(version: String) -> String {
        #"{"name": "matrix-policy", "version": \#(version), "effective_from": "2027-01-01", "suites": [{"suite": "ctf", "metric": "solve_rate", "k": 1, "n": 1, "interval": "wilson", "level": 0.95, "threshold": 0.5}]}"#
    }

    /// Makes an organization a designation authority, as the coordinator.
    func designateAuthority(_ organization: String) async throws {
        let added = try await api.send(
            .post, "/v1/designation-authorities", token: coordinatorAdmin,
            json: #"{"organization_id": "\#(organization)"}"#)
        #expect(added.status == .created, "\(added.text)")
    }

    func registerModel() async throws -> String {
        let registered = try await api.send(
            .post, "/v1/models", token: token(.aiDeveloper, .analyst), json: Self.modelBody)
        return try #require(registered["id"] as? String, "\(registered.text)")
    }

    func registerThresholdPolicy() async throws -> String {
        let registered = try await api.send(
            .post, "/v1/threshold-policies", token: token(.government, .admin), json: Self.policyBody(version: "1"))
        return try #require(registered["id"] as? String, "\(registered.text)")
    }

    /// A native evaluation log of the matrix policy's suite: two attempts at one task, one solved.
    static let evaluationBody =
        #"{"format": "clearinghouse-evaluation/1", "task": "ctf", "model": "matrix", "samples": [{"id": "t1", "epoch": 1, "scores": {"flag": true}}, {"id": "t1", "epoch": 2, "scores": {"flag": false}}]}"#

    func submitEvaluation() async throws -> String {
        let submitted = try await api.send(
            .post, "/v1/models/\(model)/evaluations?suite=ctf", token: token(.aiDeveloper, .analyst),
            json: Self.evaluationBody)
        return try #require(submitted["id"] as? String, "\(submitted.text)")
    }

    /// A determination by the authority on the developer's model, consulting the researcher.
    var determinationBody: String {
        #"{"policy_id": "\#(thresholdPolicy)", "outcome": "undetermined", "rationale": "Matrix.", "consulted": ["\#(id(.researcher))"]}"#
    }

    func recordDetermination() async throws -> String {
        let recorded = try await api.send(
            .post, "/v1/models/\(model)/determinations", token: token(.government, .analyst), json: determinationBody)
        return try #require(recorded["id"] as? String, "\(recorded.text)")
    }

    /// Records, as the authority, that a model is covered.
    func recordCovered(_ model: String) async throws {
        let recorded = try await api.send(
            .post, "/v1/models/\(model)/determinations", token: token(.government, .analyst),
            json: #"{"policy_id": "\#(thresholdPolicy)", "outcome": "covered", "rationale": "Matrix."}"#)
        #expect(recorded.status == .created, "\(recorded.text)")
    }

    /// A ten-day window on the covered model for the researcher.
    var windowBody: String {
        let ends = LogEntryDraft.timestamp(api.dependencies.now().addingTimeInterval(10 * 86_400))
        return #"{"evaluator_ids": ["\#(id(.researcher))"], "ends_at": "\#(ends)", "purpose": "Matrix evaluation"}"#
    }

    static let termsBody =
        #"{"nda_scope": "Matrix evaluation only", "ip_categories": ["weights"], "handling_level": "confidential"}"#

    /// Opens a window on the covered model as the developer; the researcher accepts its terms, and the developer
    /// closes it, when asked.
    func openWindow(acceptingTerms: Bool = false, closing: Bool = false) async throws -> String {
        let opened = try await api.send(
            .post, "/v1/models/\(windowModel)/access-windows", token: token(.aiDeveloper, .analyst), json: windowBody)
        let window = try #require(opened["id"] as? String, "\(opened.text)")
        if acceptingTerms {
            let accepted = try await api.send(
                .post, "/v1/access-windows/\(window)/terms", token: token(.researcher, .analyst), json: Self.termsBody)
            #expect(accepted.status == .created, "\(accepted.text)")
        }
        if closing {
            let closed = try await api.send(
                .post, "/v1/access-windows/\(window)/close", token: token(.aiDeveloper, .analyst))
            #expect(closed.status == .ok, "\(closed.text)")
        }
        return window
    }

    /// The covered model (RED: the developer and the designation authority).
    func windowModelTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "AI developer's covered model", path: path(windowModel), missingPath: path(Self.missing(windowModel)),
            body: body, label: .red, holders: [.aiDeveloper, .government], marker: windowModel)
    }

    /// The developer's window on it (RED: the model's holders and the researcher, its evaluator).
    func windowTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "AI developer's access window", path: path(window), missingPath: path(Self.missing(window)),
            body: body, label: .red, holders: [.aiDeveloper, .government, .researcher], marker: window)
    }

    /// The authority's determination (RED: the model's holders and the consulted researcher).
    func determinationTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "authority's determination", path: path(determination),
            missingPath: path(Self.missing(determination)), body: body, label: .red,
            holders: [.aiDeveloper, .government, .researcher], marker: determination)
    }

    /// The AI developer's model (RED: the developer and the designation authority).
    func modelTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "AI developer's model", path: path(model), missingPath: path(Self.missing(model)), body: body,
            label: .red, holders: [.aiDeveloper, .government], marker: model)
    }

    /// The developer's evaluation of its model (as the model: RED, the developer and the designation authority).
    func evaluationTarget(_ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "AI developer's evaluation", path: path(evaluation), missingPath: path(Self.missing(evaluation)),
            label: .red, holders: [.aiDeveloper, .government], marker: evaluation)
    }

    /// The authority's pre-registered policy (GREEN: every verified member).
    func thresholdPolicyTarget(body: String? = nil, _ path: (String) -> String) -> MatrixTarget {
        MatrixTarget(
            name: "authority's policy", path: path(thresholdPolicy), missingPath: path(Self.missing(thresholdPolicy)),
            body: body, label: .green, holders: [.government], marker: thresholdPolicy)
    }
}
