import ClearinghouseCore
import HTTPTypes

/// Every route the server serves, with the answer each caller gets for each target: the authorization matrix.
///
/// A route the server serves without an entry here fails `AuthorizationMatrixTests`, so no route skips it. The
/// rules follow `docs/access-policy.md`; the readers of records are decided by ``MatrixCaller/reads(_:holders:)``.
/// Reads come first and the validation claim last: a claim puts the validator on a case's list.
enum AuthorizationMatrix {
    static let entries: [MatrixEntry] = operations + transparencyLog + organizations + advisories + exposure
        + priorities + findingsAndCases + disclosure + webhooks + scans + scanAuthorizations + frontier + validation

    // MARK: Public documents

    static let operations: [MatrixEntry] = [
        MatrixEntry(.get, "/health", targets: { _ in [.route("/health")] }, expect: Expect.anyone()),
        MatrixEntry(.get, "/ready", targets: { _ in [.route("/ready")] }, expect: Expect.anyone()),
        MatrixEntry(.get, "/metrics", targets: { _ in [.route("/metrics")] }, expect: Expect.anyone()),
        MatrixEntry(.get, "/openapi.json", targets: { _ in [.route("/openapi.json")] }, expect: Expect.anyone()),
        MatrixEntry(.get, "/v1/me", targets: { _ in [.route("/v1/me")] }, expect: Expect.members()),
    ]

    static let transparencyLog: [MatrixEntry] = [
        MatrixEntry(.get, "/checkpoint", targets: { _ in [.route("/checkpoint")] }, expect: Expect.anyone()),
        MatrixEntry(.get, "/tile/{path}", targets: { _ in [.route("/tile/0/000.p/1")] }, expect: Expect.anyone()),
        MatrixEntry(.get, "/v1/log/checkpoint", targets: { _ in [.route("/v1/log/checkpoint")] }, expect: Expect.anyone()),
        MatrixEntry(
            .get, "/v1/log/entries", targets: { _ in [.route("/v1/log/entries?start=0&end=1")] },
            expect: Expect.anyone()),
        MatrixEntry(
            .get, "/v1/log/proof/inclusion", targets: { _ in [.route("/v1/log/proof/inclusion?index=0&tree_size=1")] },
            expect: Expect.anyone()),
        MatrixEntry(
            .get, "/v1/log/proof/consistency",
            targets: { _ in [.route("/v1/log/proof/consistency?first=1&second=1")] }, expect: Expect.anyone()),
        // A commitment keeps the label and reporter of the finding it commits to, not its case's later list.
        MatrixEntry(
            .get, "/v1/log/entries/{index}/reveal",
            targets: { world in
                world.caseTargets(holders: { _ in [.owner] }) {
                    ("/v1/log/entries/\($0.logIndex)/reveal", "/v1/log/entries/999999/reveal")
                }
            }, expect: Expect.visible()),
    ]

    // MARK: Organizations and tokens

    static let organizations: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/organizations",
            targets: { _ in [.route("/v1/organizations", body: #"{"name": "Matrix new {n}", "kind": "researcher"}"#)] },
            expect: Expect.coordinators(.admin, .created)),
        MatrixEntry(
            .get, "/v1/organizations",
            targets: { world in world.organizationTargets { _ in "/v1/organizations?limit=100" } },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/organizations/{id}", targets: { world in world.organizationTargets { "/v1/organizations/\($0)" } },
            expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/organizations/{id}/verify",
            targets: { world in
                world.organizationTargets(body: #"{"note": "checked"}"#) { "/v1/organizations/\($0)/verify" }
            },
            fresh: { world, target in
                // Verifying an unverified organization changes it: those cells verify one made for them.
                guard let holder = target.holders.first, !holder.isVerified else { return target }
                var fresh = target
                fresh.path = "/v1/organizations/\(try await world.makeOrganization(like: holder))/verify"
                return fresh
            },
            expect: Expect.visible(then: Expect.only(.admin, .ok) { $0.isVerifiedCoordinator })),
        MatrixEntry(
            .post, "/v1/organizations/{id}/tokens",
            targets: { world in
                world.organizationTargets(body: #"{"role": "reader"}"#) { "/v1/organizations/\($0)/tokens" }
            },
            expect: Expect.visible(then: managesTokens(.created))),
        MatrixEntry(
            .get, "/v1/organizations/{id}/tokens",
            targets: { world in world.organizationTargets { "/v1/organizations/\($0)/tokens" } },
            expect: Expect.visible(then: managesTokens(.ok))),
        MatrixEntry(
            .post, "/v1/organizations/{id}/invitations",
            targets: { world in
                world.organizationTargets(body: #"{"email": "matrix{n}@example.org", "name": "Matrix Person", "role": "reader"}"#) {
                    "/v1/organizations/\($0)/invitations"
                }
            },
            expect: Expect.visible(then: managesTokens(.created))),
        MatrixEntry(
            .get, "/v1/organizations/{id}/invitations",
            targets: { world in world.organizationTargets { "/v1/organizations/\($0)/invitations" } },
            expect: Expect.visible(then: managesTokens(.ok))),
        // Each organization's spare token: revoking one twice changes nothing, so no cell needs a fresh one.
        MatrixEntry(
            .delete, "/v1/tokens/{id}",
            targets: { world in
                MatrixOrganization.allCases.map { organization in
                    let id = world.spareTokens[organization]!
                    return MatrixTarget(
                        name: "spare token of \(organization.rawValue)", path: "/v1/tokens/\(id)",
                        missingPath: "/v1/tokens/\(MatrixWorld.missing(id))", label: .amberStrict,
                        holders: [organization])
                }
            }, expect: Expect.visible(then: managesTokens(.noContent))),
        MatrixEntry(
            .get, "/v1/organizations/{id}/products",
            targets: { world in world.organizationTargets { "/v1/organizations/\($0)/products" } },
            expect: Expect.visible()),
        MatrixEntry(
            .put, "/v1/organizations/{id}/products",
            targets: { world in
                world.organizationTargets(body: #"{"products": [{"type": "pypi", "name": "matrix-demo"}]}"#) {
                    "/v1/organizations/\($0)/products"
                }
            },
            expect: Expect.visible { caller, target in
                guard caller.isVerifiedCoordinator && caller.has(.admin) else { return .forbidden }
                // Only vendors' VEX statements speak for products; other kinds are refused once let through.
                return .answers(target.holders == [.participant] ? .ok : .badRequest)
            }),
        MatrixEntry(
            .get, "/v1/organizations/{id}/quality",
            targets: { world in world.organizationTargets { "/v1/organizations/\($0)/quality" } },
            expect: Expect.visible()),
        MatrixEntry(
            .put, "/v1/organizations/{id}/intake-policy",
            targets: { world in
                world.organizationTargets(body: #"{"daily_quota": null, "precision_floor": null}"#) {
                    "/v1/organizations/\($0)/intake-policy"
                }
            }, expect: Expect.visible(then: Expect.only(.admin, .ok) { $0.isVerifiedCoordinator })),
        MatrixEntry(.get, "/v1/audit", targets: { _ in [.route("/v1/audit?limit=5")] }, expect: Expect.coordinators(.analyst)),
    ]

    /// An organization's admins, and verified coordinators' admins, manage its tokens and invite its people.
    static func managesTokens(_ status: HTTPResponse.Status) -> MatrixEntry.Expectation {
        { caller, target in
            let allowed = caller.isVerifiedCoordinator || caller.organization.map(target.holders.contains) == true
            return allowed && caller.has(.admin) ? .answers(status) : .forbidden
        }
    }

    // MARK: Advisories and exposure

    static let advisories: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/advisories/import",
            targets: { world in [.route("/v1/advisories/import", body: MatrixWorld.advisory(world.advisory))] },
            expect: Expect.coordinators(.analyst)),
        MatrixEntry(
            .post, "/v1/query",
            targets: { _ in [.route("/v1/query", body: #"{"package": {"purl": "pkg:pypi/matrix-demo@1.0"}}"#)] },
            expect: Expect.anyone()),
        MatrixEntry(
            .post, "/v1/querybatch",
            targets: { _ in
                [.route("/v1/querybatch", body: #"{"queries": [{"package": {"purl": "pkg:pypi/matrix-demo@1.0"}}]}"#)]
            }, expect: Expect.anyone()),
        MatrixEntry(
            .get, "/v1/vulns/{id}", targets: { world in [.route("/v1/vulns/\(world.advisory)")] }, expect: Expect.anyone()),
        MatrixEntry(
            .get, "/v1/advisories/{id}/exposure",
            targets: { world in [.route("/v1/advisories/\(world.advisory)/exposure")] },
            expect: Expect.coordinators(.analyst)),
    ]

    static let exposure: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/sboms",
            targets: { _ in [.route("/v1/sboms?asset=Matrix-upload-{n}", body: MatrixWorld.sbomDocument)] },
            expect: Expect.members(.analyst, .created)),
        MatrixEntry(
            .get, "/v1/sboms",
            targets: { world in
                var target = world.sbomTarget
                target.path = "/v1/sboms?limit=100"
                return [target]
            }, expect: Expect.lists()),
        MatrixEntry(.get, "/v1/sboms/{id}", targets: { world in [world.sbomTarget] }, expect: Expect.visible()),
        MatrixEntry(
            .put, "/v1/sboms/{id}",
            targets: { world in
                var target = world.sbomTarget
                target.body = MatrixWorld.sbomDocument
                return [target]
            }, expect: Expect.visible(then: ownsIt(.ok))),
        MatrixEntry(
            .delete, "/v1/sboms/{id}", targets: { world in [world.sbomTarget] },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/sboms/\(try await world.makeSBOM())"
                return fresh
            }, expect: Expect.visible(then: ownsIt(.noContent))),
        MatrixEntry(
            .post, "/v1/vex", targets: { _ in [.route("/v1/vex", body: MatrixWorld.vexDocument)] },
            expect: Expect.members(.analyst, .created)),
        MatrixEntry(
            .get, "/v1/vex",
            targets: { world in
                world.vexTargets.map { target in
                    var listed = target
                    listed.path = "/v1/vex?limit=100"
                    return listed
                }
            }, expect: Expect.lists()),
        MatrixEntry(
            .delete, "/v1/vex/{id}", targets: { world in world.vexTargets },
            fresh: { world, target in
                var fresh = target
                let publisher = target.holders.first == .owner ? world.ownerAnalyst : world.token(.participant, .analyst)
                fresh.path = "/v1/vex/\(try await world.publishVEX(as: publisher))"
                return fresh
            }, expect: Expect.visible(then: ownsIt(.noContent))),
        MatrixEntry(.get, "/v1/exposure", targets: { _ in [.route("/v1/exposure")] }, expect: Expect.members()),
    ]

    /// Analysts and admins of the organization that holds the target.
    static func ownsIt(_ status: HTTPResponse.Status) -> MatrixEntry.Expectation {
        { caller, target in
            caller.organization.map(target.holders.contains) == true && caller.has(.analyst)
                ? .answers(status) : .forbidden
        }
    }

    // MARK: Priorities

    static let priorities: [MatrixEntry] = [
        MatrixEntry(
            .get, "/v1/priorities",
            targets: { world in
                world.caseTargets(marker: { $0.id }) { _ in ("/v1/priorities?kind=case&limit=100", "") }
            }, expect: Expect.lists()),
        MatrixEntry(
            .post, "/v1/ssvc-decisions",
            targets: { world in
                world.cases.map { found in
                    MatrixTarget(
                        name: found.name, path: "/v1/ssvc-decisions", missingPath: "/v1/ssvc-decisions",
                        body: MatrixWorld.decision(caseID: found.id),
                        missingBody: MatrixWorld.decision(caseID: MatrixWorld.missing(found.id)), label: found.label,
                        holders: found.holders)
                }
            }, expect: Expect.visible(then: Expect.only(.analyst, .created) { _ in true })),
        MatrixEntry(
            .get, "/v1/ssvc-decisions",
            targets: { world in
                world.caseTargets(where: { $0.decision != nil }, marker: { $0.decision }) {
                    ("/v1/ssvc-decisions?case_id=\($0.id)", "/v1/ssvc-decisions?case_id=\(MatrixWorld.missing($0.id))")
                }
            }, expect: Expect.visible(then: { _, _ in .lists(true) })),
        MatrixEntry(
            .post, "/v1/kev/import", targets: { _ in [.route("/v1/kev/import", body: kev)] },
            expect: Expect.coordinators(.analyst)),
        MatrixEntry(
            .post, "/v1/epss/import",
            targets: { _ in [.route("/v1/epss/import", body: epss, contentType: "text/csv")] },
            expect: Expect.coordinators(.analyst)),
        MatrixEntry(.get, "/v1/threat-feeds", targets: { _ in [.route("/v1/threat-feeds")] }, expect: Expect.members()),
    ]

    static let kev =
        #"{"catalogVersion":"1","dateReleased":"2025-01-01T00:00:00Z","count":1,"vulnerabilities":[{"cveID":"CVE-2024-0001","vendorProject":"v","product":"p","vulnerabilityName":"n","dateAdded":"2024-01-02","shortDescription":"d","requiredAction":"a","dueDate":"2024-01-23","knownRansomwareCampaignUse":"Known"}]}"#

    static let epss = "#model_version:v2025.03.14,score_date:2024-01-03T00:00:00Z\ncve,epss,percentile\nCVE-2024-0001,0.5,0.97\n"

    // MARK: Findings, artifacts and cases

    static let findingsAndCases: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/findings",
            targets: { _ in
                [
                    .route(
                        "/v1/findings",
                        body: #"{"title": "Matrix report {n}", "target": {"purl": "pkg:generic/matrix-new-{n}@1.0"}}"#)
                ]
            }, expect: Expect.members(.analyst, .created)),
        // An organization lists the findings it reported, not those of cases it was let into.
        MatrixEntry(
            .get, "/v1/findings",
            targets: { world in world.caseTargets(marker: { $0.finding }) { _ in ("/v1/findings?limit=100", "") } },
            expect: { caller, target in
                guard caller.isMember else { return .unauthenticated }
                return .lists(caller.organization == .owner && caller.reads(target.label, holders: target.holders))
            }),
        MatrixEntry(
            .get, "/v1/findings/{id}",
            targets: { world in
                world.caseTargets { ("/v1/findings/\($0.finding)", "/v1/findings/\(MatrixWorld.missing($0.finding))") }
            }, expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/artifacts",
            targets: { _ in
                [.route("/v1/artifacts", body: "matrix upload {n}", contentType: "application/octet-stream")]
            }, expect: Expect.members(.analyst, .created)),
        // A proof is read as the finding that cites it.
        MatrixEntry(
            .get, "/v1/artifacts/{digest}",
            targets: { world in
                world.caseTargets {
                    ("/v1/artifacts/\($0.artifact)", "/v1/artifacts/\(MatrixWorld.missing($0.artifact))")
                }
            }, expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/cases",
            targets: { world in world.caseTargets(marker: { $0.id }) { _ in ("/v1/cases?limit=100", "") } },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/cases/{id}", targets: { world in world.caseTargets(casePath("")) }, expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/cases/{id}/findings",
            targets: { world in world.caseTargets(marker: { $0.finding }, casePath("/findings")) },
            expect: Expect.visible(then: { _, _ in .lists(true) })),
        MatrixEntry(
            .get, "/v1/cases/{id}/messages",
            targets: { world in world.caseTargets(marker: { $0.message }, casePath("/messages")) },
            expect: Expect.visible(then: { _, _ in .lists(true) })),
        MatrixEntry(
            .post, "/v1/cases/{id}/messages",
            targets: { world in world.caseTargets(body: #"{"body": "matrix note {n}"}"#, casePath("/messages")) },
            expect: Expect.visible(then: Expect.only(.analyst, .created) { _ in true })),
        // Withdrawing: coordinators and the first reporter. Remediating: coordinators and a vendor on the list,
        // whom the triaged (or, under RED, reported) case then answers 409.
        MatrixEntry(
            .post, "/v1/cases/{id}/transitions",
            targets: { world in
                world.caseTargets(body: #"{"state": "withdrawn"}"#, nameSuffix: " withdrawn", casePath("/transitions"))
                    + world.caseTargets(
                        body: #"{"state": "remediating"}"#, nameSuffix: " remediating", casePath("/transitions"))
            },
            fresh: { world, target in
                target.body?.contains("withdrawn") == true ? try await world.freshCase(like: target) : target
            },
            expect: Expect.visible { caller, target in
                let coordinates = caller.isVerifiedCoordinator && caller.has(.analyst)
                if target.body?.contains("withdrawn") == true {
                    return (coordinates || caller.organization == .owner) && caller.has(.analyst)
                        ? .answers(.ok) : .forbidden
                }
                let vendor = caller.organization == .participant && target.holders.contains(.participant)
                return (coordinates || vendor) && caller.has(.analyst) ? .answers(.conflict) : .forbidden
            }),
        MatrixEntry(
            .post, "/v1/cases/{id}/participants",
            targets: { world in
                world.caseTargets(
                    body: #"{"organization_id": "\#(world.id(.researcher))"}"#, casePath("/participants"))
            }, fresh: { world, target in try await world.freshCase(like: target) },
            expect: Expect.visible(then: coordinates(.ok))),
        MatrixEntry(
            .delete, "/v1/cases/{id}/participants/{organization}",
            targets: { world in
                world.caseTargets {
                    (
                        "/v1/cases/\($0.id)/participants/\(world.id(.participant))",
                        "/v1/cases/\(MatrixWorld.missing($0.id))/participants/\(world.id(.participant))"
                    )
                }
            }, fresh: { world, target in try await world.freshCase(like: target) },
            expect: Expect.visible(then: coordinates(.ok))),
        MatrixEntry(
            .post, "/v1/cases/{id}/merge",
            targets: { world in
                world.caseTargets(body: #"{"case_id": "\#(world.cases[0].id)"}"#, casePath("/merge"))
            },
            fresh: { world, target in
                var fresh = try await world.freshCase(like: target)
                let other = try await world.makeCase(target.label)
                fresh.body = #"{"case_id": "\#(other.id)"}"#
                return fresh
            }, expect: Expect.visible(then: coordinates(.ok))),
        // Splitting a case's only finding is refused (400) once the caller is let through.
        MatrixEntry(
            .post, "/v1/cases/{id}/split",
            targets: { world in
                world.cases.flatMap { found in
                    world.caseTargets(
                        where: { $0.id == found.id }, body: #"{"findings": ["\#(found.finding)"]}"#, casePath("/split"))
                }
            }, expect: Expect.visible(then: coordinates(.badRequest))),
    ]

    /// The path of a case's route, and the same route for a case that does not exist.
    static func casePath(_ suffix: String) -> (MatrixCase) -> (path: String, missing: String) {
        { ("/v1/cases/\($0.id)\(suffix)", "/v1/cases/\(MatrixWorld.missing($0.id))\(suffix)") }
    }

    /// Verified coordinators' analysts and admins.
    static func coordinates(_ status: HTTPResponse.Status) -> MatrixEntry.Expectation {
        Expect.only(.analyst, status) { $0.isVerifiedCoordinator }
    }

    // MARK: Scans

    /// Leases are their holders' (AMBER): the operator's lease is seen by it and coordinators, and only the operator
    /// keeps it, ends it or extends it.
    static let scans: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/scans", targets: { _ in [.route("/v1/scans", body: MatrixWorld.scanClaim("{n}"))] },
            expect: Expect.members(.analyst, .created) { $0.organization?.isVerified == true }),
        MatrixEntry(
            .get, "/v1/scans", targets: { world in [world.scanLeaseTarget { _ in "/v1/scans?limit=500" }] },
            expect: Expect.lists(onlyHolders: true)),
        MatrixEntry(
            .get, "/v1/coverage", targets: { _ in [.route("/v1/coverage?scope=pkg:npm/matrix-scan-1")] },
            expect: Expect.members()),
        // Every member lists the flags at its own assets (coordinators every flag).
        MatrixEntry(
            .get, "/v1/unauthorized-scans", targets: { _ in [.route("/v1/unauthorized-scans")] },
            expect: Expect.members()),
        MatrixEntry(
            .get, "/v1/scans/{id}", targets: { world in [world.scanLeaseTarget { "/v1/scans/\($0)" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/scans/{id}/heartbeat",
            targets: { world in [world.scanLeaseTarget { "/v1/scans/\($0)/heartbeat" }] },
            expect: Expect.visible(then: holdsLease(.ok))),
        MatrixEntry(
            .post, "/v1/scans/{id}/extend",
            targets: { world in
                [world.scanLeaseTarget(body: #"{"duration_seconds": 60}"#) { "/v1/scans/\($0)/extend" }]
            }, expect: Expect.visible(then: holdsLease(.ok))),
        MatrixEntry(
            .post, "/v1/scans/{id}/release",
            targets: { world in [world.scanLeaseTarget { "/v1/scans/\($0)/release" }] },
            fresh: { world, target in try await world.freshScanLease(like: target) },
            expect: Expect.visible(then: holdsLease(.ok))),
        MatrixEntry(
            .post, "/v1/scans/{id}/complete",
            targets: { world in
                [world.scanLeaseTarget(body: #"{"summary": {"findings": 0}}"#) { "/v1/scans/\($0)/complete" }]
            },
            fresh: { world, target in try await world.freshScanLease(like: target) },
            expect: Expect.visible(then: holdsLease(.ok))),
    ]

    /// Assets are their owners' (AMBER); grants are their granters', with the grantee on the list.
    static let scanAuthorizations: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/scan-assets", targets: { _ in [.route("/v1/scan-assets", body: MatrixWorld.scanAssetBody)] },
            expect: Expect.members(.analyst, .created) { $0.organization?.isVerified == true }),
        MatrixEntry(
            .get, "/v1/scan-assets", targets: { world in [world.scanAssetTarget { _ in "/v1/scan-assets?limit=500" }] },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/scan-assets/{id}", targets: { world in [world.scanAssetTarget { "/v1/scan-assets/\($0)" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .post, "/v1/scan-assets/{id}/verify",
            targets: { world in
                [world.scanAssetTarget(body: #"{"method": "dns-record"}"#) { "/v1/scan-assets/\($0)/verify" }]
            }, expect: Expect.visible(then: coordinates(.ok))),
        MatrixEntry(
            .delete, "/v1/scan-assets/{id}", targets: { world in [world.scanAssetTarget { "/v1/scan-assets/\($0)" }] },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/scan-assets/\(try await world.registerScanAsset(verified: false))"
                return fresh
            }, expect: Expect.visible(then: Expect.only(.analyst, .noContent) { $0.organization == .owner })),
        // Only the operator owns the network: another verified organization's admins are refused its scopes (400).
        MatrixEntry(
            .post, "/v1/scan-grants", targets: { world in [.route("/v1/scan-grants", body: world.scanGrantBody)] },
            expect: { caller, _ in
                guard caller.isMember else { return .unauthenticated }
                guard caller.organization?.isVerified == true, caller.has(.admin) else { return .forbidden }
                return .answers(caller.organization == .owner ? .created : .badRequest)
            }),
        MatrixEntry(
            .get, "/v1/scan-grants", targets: { world in [world.scanGrantTarget { _ in "/v1/scan-grants?limit=500" }] },
            expect: Expect.lists()),
        MatrixEntry(
            .get, "/v1/scan-grants/{id}", targets: { world in [world.scanGrantTarget { "/v1/scan-grants/\($0)" }] },
            expect: Expect.visible()),
        MatrixEntry(
            .get, "/v1/organizations/{id}/scan-preferences",
            targets: { world in world.organizationTargets { "/v1/organizations/\($0)/scan-preferences" } },
            expect: Expect.visible()),
        MatrixEntry(
            .put, "/v1/organizations/{id}/scan-preferences",
            targets: { world in
                world.organizationTargets(body: #"{"require_proof": true, "ai_agents": true, "contact": "psirt@matrix.example"}"#) {
                    "/v1/organizations/\($0)/scan-preferences"
                }
            },
            expect: Expect.visible { caller, target in
                caller.organization.map(target.holders.contains) == true && caller.has(.admin) ? .answers(.ok) : .forbidden
            }),
        MatrixEntry(
            .get, "/v1/scan-preferences", targets: { _ in [.route("/v1/scan-preferences?purl=pkg:pypi/matrix-demo")] },
            expect: Expect.members()),
        // Revoking a revoked grant changes nothing, so no cell needs a fresh one.
        MatrixEntry(
            .post, "/v1/scan-grants/{id}/revoke",
            targets: { world in [world.scanGrantTarget { "/v1/scan-grants/\($0)/revoke" }] },
            expect: Expect.visible(then: Expect.only(.analyst, .ok) { $0.organization == .owner })),
    ]

    /// The lease's holder, with an analyst or admin token.
    static func holdsLease(_ status: HTTPResponse.Status) -> MatrixEntry.Expectation {
        Expect.only(.analyst, status) { $0.organization == .owner }
    }

    // MARK: Validation

    static let validation: [MatrixEntry] = [
        MatrixEntry(
            .post, "/v1/validator-keys", targets: { _ in [.route("/v1/validator-keys", body: "{key}")] },
            expect: Expect.members(.admin, .created) { $0.organization?.kind == .validator }),
        // A key is its organization's alone: others, coordinators included, get the answer for a missing key.
        MatrixEntry(
            .delete, "/v1/validator-keys/{id}",
            targets: { world in
                [
                    MatrixTarget(
                        name: "validator's key", path: "/v1/validator-keys/\(world.validatorKey)",
                        missingPath: "/v1/validator-keys/\(MatrixWorld.missing(world.validatorKey))", label: .red,
                        holders: [.validator])
                ]
            },
            fresh: { world, target in
                var fresh = target
                fresh.path = "/v1/validator-keys/\(try await world.registerValidatorKey())"
                return fresh
            },
            expect: { caller, _ in
                guard caller.isMember else { return .unauthenticated }
                guard caller.organization == .validator else { return .missing }
                return caller.has(.admin) ? .answers(.noContent) : .forbidden
            }),
        MatrixEntry(
            .get, "/v1/validation-jobs/{id}",
            targets: { world in
                world.caseTargets(where: { $0.job != nil }) {
                    ("/v1/validation-jobs/\($0.job!)", "/v1/validation-jobs/\(MatrixWorld.missing($0.job!))")
                }
            }, expect: Expect.visible()),
        // An empty body is refused (400) once the caller is let through.
        MatrixEntry(
            .post, "/v1/validation-jobs/{id}/attestations",
            targets: { world in
                world.caseTargets(where: { $0.job != nil }, body: "{}") {
                    (
                        "/v1/validation-jobs/\($0.job!)/attestations",
                        "/v1/validation-jobs/\(MatrixWorld.missing($0.job!))/attestations"
                    )
                }
            }, expect: Expect.visible(then: Expect.only(.analyst, .badRequest) { validates($0) })),
        MatrixEntry(
            .post, "/v1/cases/{id}/fix-verifications",
            targets: { world in
                world.caseTargets(
                    body: #"{"target": {"purl": "pkg:generic/matrix-fixed@2.0"}}"#, casePath("/fix-verifications"))
            },
            expect: Expect.visible(
                then: Expect.only(.analyst, .created) { caller in
                    caller.isVerifiedCoordinator || caller.organization == .participant
                })),
        // Last: a claim puts the validator on the claimed case's list.
        MatrixEntry(
            .post, "/v1/validation-jobs/claim", targets: { _ in [.route("/v1/validation-jobs/claim")] },
            expect: Expect.members(.analyst) { validates($0) }),
    ]

    /// Verified validators.
    static func validates(_ caller: MatrixCaller) -> Bool {
        caller.organization?.kind == .validator && caller.organization?.isVerified == true
    }
}
