import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

/// Exposure, both ways: what affects an organization's SBOMs, and whom an advisory affects.
struct ExposureController {
    let environment: APIEnvironment
    let advisories: AdvisoryCatalog
    let exposure: ExposureCatalog

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/exposure", use: organizationExposure)
        routes.on(.get, "/v1/advisories/{id}/exposure", use: advisoryExposure)
    }

    var queries: ExposureQueries { ExposureQueries(environment.workflows, advisories: advisories, exposure: exposure) }

    /// `GET /v1/exposure[?sbom=ID]`: the caller's organization's affected components, the advisories (that the
    /// caller may see) affecting each, their fixed versions, and the VEX statement that applies.
    @Sendable func organizationExposure(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let only = try request.uri.queryParameters["sbom"].map { (text) throws(ClearinghouseError) in
            guard let id = SBOMRecord.ID(String(text)) else { throw ClearinghouseError.notFound("sbom") }
            return id
        }
        let answer = try queries.organizationExposure(only: only, by: environment.requester(context))
        let entries = answer.entries
        return .json(
            OrganizationExposureBody(
                organization: answer.organization, sboms: entries.count,
                components: entries.reduce(0) { $0 + $1.components.count },
                unmatched: entries.reduce(0) { $0 + $1.unmatched.count }, findings: answer.findings))
    }

    /// `GET /v1/advisories/{id}/exposure`: for coordinators, how many organizations, SBOMs and components an
    /// advisory affects, by sector, and the list.
    @Sendable func advisoryExposure(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        try await environment.authorize(.readAdvisoryExposure, context: context)
        let id = Advisory.ID(rawValue: context.parameters.decoded("id") ?? "")
        let (findings, organizations) = try await queries.advisoryExposure(id, by: environment.requester(context))
        return .json(AdvisoryExposureBody(advisory: id, findings: findings, organizations: organizations))
    }
}

private struct FindingBody: JSONWritable {
    let finding: ExposureFinding
    var organization: Organization?

    func write(to json: inout JSONWriter) {
        json.object { json in
            if let organization {
                json.field("organization_id", organization.id)
                json.field("organization_name", organization.name)
                json.field("sector", organization.sector?.rawValue)
            }
            json.field("sbom_id", finding.sbom)
            json.field("asset", finding.asset)
            json.field("internet_facing", finding.internetFacing)
            json.field("component", ComponentBody(finding: finding))
            json.field("advisory", finding.advisory.rawValue)
            json.field("aliases", finding.aliases)
            json.field("fixed_versions", finding.fixedVersions)
            json.field("suppressed", finding.isSuppressed)
            if let vex = finding.vex {
                json.field(
                    "vex",
                    VEXStatementBody(status: vex.status.rawValue, justification: vex.justification, detail: vex.detail))
            }
        }
    }
}

private struct ComponentBody: JSONWritable {
    let finding: ExposureFinding

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("reference", finding.component.reference)
            json.field("name", finding.component.name)
            json.field("version", finding.version)
            json.field("purl", finding.component.purl)
        }
    }
}

private struct VEXStatementBody: JSONWritable {
    let status: String
    let justification: String?
    let detail: String?

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("status", status)
            json.field("justification", justification)
            json.field("detail", detail)
        }
    }
}

private struct OrganizationExposureBody: JSONWritable {
    let organization: Organization.ID
    let sboms: Int
    let components: Int
    let unmatched: Int
    let findings: [ExposureFinding]

    func write(to json: inout JSONWriter) {
        let open = findings.filter { !$0.isSuppressed }
        json.object { json in
            json.field("organization_id", organization)
            json.field("sboms", sboms)
            json.field("components", components)
            json.field("unmatched_components", unmatched)
            json.field("affected_components", Set(open.map { "\($0.sbom)/\($0.component.reference)" }).count)
            json.field("advisories", Set(open.map(\.advisory)).count)
            json.field("findings", findings.map { FindingBody(finding: $0) })
        }
    }
}

private struct AdvisoryExposureBody: JSONWritable {
    let advisory: Advisory.ID
    let findings: [ExposureFinding]
    let organizations: [Organization.ID: Organization]

    func write(to json: inout JSONWriter) {
        let open = findings.filter { !$0.isSuppressed }
        var bySector: [String: Set<Organization.ID>] = [:]
        for finding in open {
            let sector = organizations[finding.organization]?.sector?.rawValue ?? "none"
            bySector[sector, default: []].insert(finding.organization)
        }
        json.object { json in
            json.field("advisory", advisory.rawValue)
            json.field("organizations", Set(open.map(\.organization)).count)
            json.field("sboms", Set(open.map(\.sbom)).count)
            json.field("components", open.count)
            json.field("by_sector", SectorCounts(counts: bySector.mapValues(\.count)))
            json.field(
                "affected", findings.map { FindingBody(finding: $0, organization: organizations[$0.organization]) })
        }
    }
}

/// `{"sector": count, …}` in sector order.
struct SectorCounts: JSONWritable {
    let counts: [String: Int]

    func write(to json: inout JSONWriter) {
        json.raw("{")
        for (index, key) in counts.keys.sorted().enumerated() {
            if index > 0 { json.raw(",") }
            json.string(key)
            json.raw(":\(counts[key] ?? 0)")
        }
        json.raw("}")
    }
}
