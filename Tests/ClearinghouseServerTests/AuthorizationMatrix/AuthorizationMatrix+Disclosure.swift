import ClearinghouseCore
import HTTPTypes

@testable import ClearinghouseServer

/// Coordinated disclosure: those who may see a case read its coordination; the first reporter, those on its list
/// and coordinators negotiate its embargo, which the matrix's cases (triaged, not validated) do not have yet, so
/// they get 409 where others get 403; a participant gives its own status, or a coordinator gives it for it; vendors
/// on a case and coordinators record fixes; coordinators publish; anyone reads what was published.
extension AuthorizationMatrix {
    static let disclosure: [MatrixEntry] =
        [
            MatrixEntry(
                .get, "/v1/cases/{id}/coordination", targets: { world in world.caseTargets(casePath("/coordination")) },
                expect: Expect.visible()),
            MatrixEntry(
                .post, "/v1/cases/{id}/embargo/proposals",
                targets: { world in
                    world.caseTargets(
                        body:
                            #"{"public_date": {"local": "2027-01-04T09:00", "time_zone": "UTC"}, "reason": "matrix {n}"}"#,
                        casePath("/embargo/proposals"))
                }, expect: Expect.visible(then: negotiates)),
            MatrixEntry(
                .post, "/v1/cases/{id}/embargo/agreements",
                targets: { world in world.caseTargets(casePath("/embargo/agreements")) },
                expect: Expect.visible(then: negotiates)),
            MatrixEntry(
                .post, "/v1/cases/{id}/embargo/end",
                targets: { world in
                    world.caseTargets(body: #"{"reason": "matrix {n}: exploited"}"#, casePath("/embargo/end"))
                }, expect: Expect.visible(then: coordinates(.conflict))),
            // Under RED the vendor is not on the list: the case is found, the participant is not.
            MatrixEntry(
                .put, "/v1/cases/{id}/participants/{organization}/status",
                targets: { world in
                    world.caseTargets(body: #"{"status": "affected", "statement": "matrix {n}"}"#) {
                        (
                            "/v1/cases/\($0.id)/participants/\(world.id(.participant))/status",
                            "/v1/cases/\(MatrixWorld.missing($0.id))/participants/\(world.id(.participant))/status"
                        )
                    }
                },
                expect: Expect.visible { caller, target in
                    guard target.holders.contains(.participant) else { return .answers(.notFound) }
                    let speaks = caller.isVerifiedCoordinator || caller.organization == .participant
                    return speaks && caller.has(.analyst) ? .answers(.ok) : .forbidden
                }),
            MatrixEntry(
                .get, "/v1/cases/{id}/participants/suggestions",
                targets: { world in world.caseTargets(casePath("/participants/suggestions")) },
                expect: Expect.visible(then: coordinates(.ok))),
            // Fixes: coordinators, and the vendor where it is on the list (not under RED).
            MatrixEntry(
                .post, "/v1/cases/{id}/fixes",
                targets: { world in
                    world.caseTargets(body: #"{"target": {"purl": "pkg:pypi/matrix-demo@1.{n}"}}"#, casePath("/fixes"))
                },
                expect: Expect.visible { caller, target in
                    let vendor = caller.organization == .participant && target.holders.contains(.participant)
                    return (caller.isVerifiedCoordinator || vendor) && caller.has(.analyst)
                        ? .answers(.created) : .forbidden
                }),
            // The matrix's cases are not validated: coordinators are let through to a 409.
            MatrixEntry(
                .post, "/v1/cases/{id}/publication",
                targets: { world in world.caseTargets(body: #"{"details": "matrix {n}"}"#, casePath("/publication")) },
                expect: Expect.visible(then: coordinates(.conflict))),
            // Embargo-safe alerts: coordinators, once a case is validated (the matrix's are not: 409).
            MatrixEntry(
                .post, "/v1/cases/{id}/alerts",
                targets: { world in
                    world.caseTargets(body: #"{"instructions": "matrix {n}: isolate it"}"#, casePath("/alerts"))
                }, expect: Expect.visible(then: coordinates(.conflict))),
            // Each organization lists its own alerts; the matrix's world has sent none, so one named is missing.
            MatrixEntry(.get, "/v1/alerts", targets: { _ in [.route("/v1/alerts")] }, expect: Expect.members()),
            MatrixEntry(
                .get, "/v1/alerts/{id}", targets: { _ in [.route("/v1/alerts/01939b2e-0000-7000-8000-000000000000")] },
                expect: Expect.members(.reader, .notFound)),
            // Published advisories are public; the matrix's world has published none.
            MatrixEntry(
                .get, "/v1/published-advisories", targets: { _ in [.route("/v1/published-advisories")] },
                expect: Expect.anyone()),
            MatrixEntry(
                .get, "/v1/published-advisories/{id}",
                targets: { _ in [.route("/v1/published-advisories/CHX-2026-9999")] },
                expect: Expect.anyone(.notFound)),
            MatrixEntry(
                .get, "/v1/published-advisories/{id}/osv",
                targets: { _ in [.route("/v1/published-advisories/CHX-2026-9999/osv")] },
                expect: Expect.anyone(.notFound)),
            MatrixEntry(
                .get, "/v1/published-advisories/{id}/stix",
                targets: { _ in [.route("/v1/published-advisories/CHX-2026-9999/stix")] },
                expect: Expect.anyone(.notFound)),
            MatrixEntry(
                .get, "/v1/published-advisories/{id}/csaf",
                targets: { _ in [.route("/v1/published-advisories/CHX-2026-9999/csaf")] },
                expect: Expect.anyone(.notFound)),
            MatrixEntry(
                .get, "/v1/published-advisories/{id}/csaf-vex",
                targets: { _ in [.route("/v1/published-advisories/CHX-2026-9999/csaf-vex")] },
                expect: Expect.anyone(.notFound)),
            MatrixEntry(
                .get, "/v1/published-advisories/{id}/cve",
                targets: { _ in [.route("/v1/published-advisories/CHX-2026-9999/cve")] },
                expect: Expect.anyone(.notFound)),
        ] + taxii + tuf + csafProvider

    /// The TUF repository is public too; the matrix's instance has none, so anyone gets 404.
    static let tuf = [
        MatrixEntry(
            .get, "/tuf/metadata/{file}", targets: { _ in [.route("/tuf/metadata/timestamp.json")] },
            expect: Expect.anyone(.notFound)),
        MatrixEntry(
            .get, "/tuf/targets/{path}",
            targets: { _ in [.route("/tuf/targets/advisories/\(String(repeating: "0", count: 64)).CHX-2026-0001.json")]
            },
            expect: Expect.anyone(.notFound)),
    ]

    /// The CSAF provider directory is public; the matrix's instance has published nothing and holds no signing key.
    static let csafProvider = [
        (
            "/.well-known/csaf/provider-metadata.json", "/.well-known/csaf/provider-metadata.json",
            HTTPResponse.Status.ok
        ),
        ("/.well-known/csaf/white/index.txt", "/.well-known/csaf/white/index.txt", .ok),
        ("/.well-known/csaf/white/changes.csv", "/.well-known/csaf/white/changes.csv", .ok),
        ("/.well-known/csaf/white/{year}/{file}", "/.well-known/csaf/white/2026/chx-2026-9999.json", .notFound),
        (
            "/.well-known/csaf/openpgp/{file}",
            "/.well-known/csaf/openpgp/C959BDBAFA32A2F89A153B678CFDE12197965A9A.asc",
            .notFound
        ),
    ].map { template, route, status in
        MatrixEntry(.get, template, targets: { _ in [.route(route)] }, expect: Expect.anyone(status))
    }

    /// TAXII is public, as published advisories are.
    static let taxii: [MatrixEntry] = {
        let collection = "/taxii2/api/collections/{collection}/"
        let path = "/taxii2/api/collections/\(TAXIIController.collectionID)/"
        let object = "objects/vulnerability--00000000-0000-5000-8000-000000000000/"
        return [
            ("/taxii2/", "/taxii2/", HTTPResponse.Status.ok), ("/taxii2/api/", "/taxii2/api/", .ok),
            ("/taxii2/api/collections/", "/taxii2/api/collections/", .ok), (collection, path, .ok),
            (collection + "objects/", path + "objects/", .ok), (collection + "manifest/", path + "manifest/", .ok),
            (collection + "objects/{object}/", path + object, .notFound),
            (collection + "objects/{object}/versions/", path + object + "versions/", .notFound),
        ].map { template, route, status in
            MatrixEntry(.get, template, targets: { _ in [.route(route)] }, expect: Expect.anyone(status))
        }
    }()

    /// The first reporter, those on the list and coordinators, with an analyst token: 409 on a case without an
    /// embargo.
    static func negotiates(_ caller: MatrixCaller, _ target: MatrixTarget) -> MatrixOutcome {
        guard let organization = caller.organization else { return .unauthenticated }
        let onCase = caller.isVerifiedCoordinator || target.holders.contains(organization)
        return onCase && caller.has(.analyst) ? .answers(.conflict) : .forbidden
    }
}
