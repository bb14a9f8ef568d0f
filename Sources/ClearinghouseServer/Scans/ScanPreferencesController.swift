import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport
import PackageURL

/// Maintainers' preferences for scans of their products: published by the vendor, read by scanners.
struct ScanPreferencesController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/organizations/{id}/scan-preferences", use: show)
        routes.on(.put, "/v1/organizations/{id}/scan-preferences", use: publish)
        routes.on(.get, "/v1/scan-preferences", use: lookup)
    }

    private var preferences: MaintainerPreferenceWorkflows { MaintainerPreferenceWorkflows(environment.workflows) }

    /// `GET /v1/organizations/{id}/scan-preferences`: the organization itself and coordinators.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context)
        return .json(PreferencesBody(organization: organization.id, preferences: try await preferences.preferences(of: organization)))
    }

    /// `PUT /v1/organizations/{id}/scan-preferences` with `{"require_proof", "ai_agents", "contact"}`: its admins.
    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context)
        try await environment.authorizeMutation(
            .publishScanPreferences(of: organization.id), auditing: .scanPreferencesSet,
            target: .organization(organization.id), context: context)
        let body = try await request.decodeJSON(
            ScanPreferencesBody.self, limit: environment.configuration.maximumBodySize)
        let published = try ScanPreferences(
            requiresProof: body.requireProof, allowsAIAgents: body.aiAgents, contact: body.contact)
        try await preferences.publish(published, of: organization, by: environment.requester(context))
        return .json(PreferencesBody(organization: organization.id, preferences: published))
    }

    /// `GET /v1/scan-preferences?purl=`: members; what the maintainers of a package ask of scanners.
    @Sendable func lookup(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        guard let text = request.uri.queryParameters["purl"].map(String.init), text.utf8.count <= 2_048,
            let purl = try? PackageURL(parsing: text)
        else {
            throw ClearinghouseError.invalidField("purl", "`purl` is a Package URL, such as `pkg:npm/left-pad`.")
        }
        let maintainers = try await preferences.maintainers(of: purl, by: environment.requester(context))
        return .json(LookupBody(purl: purl.description, maintainers: maintainers))
    }
}

/// `{"require_proof", "ai_agents", "contact"}`.
struct ScanPreferencesBody: JSONRequestBody {
    let requireProof: Bool
    let aiAgents: Bool
    let contact: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case contact
        case requireProof = "require_proof"
        case aiAgents = "ai_agents"
    }
}

private struct PreferencesBody: JSONWritable {
    let organization: Organization.ID
    let preferences: ScanPreferences

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", organization.rawValue)
            json.field("require_proof", preferences.requiresProof)
            json.field("ai_agents", preferences.allowsAIAgents)
            json.nullableField("contact", preferences.contact)
        }
    }
}

private struct LookupBody: JSONWritable {
    let purl: String
    let maintainers: [MaintainerPreferences]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("purl", purl)
            json.field("maintainers", maintainers.map(MaintainerBody.init))
        }
    }

    struct MaintainerBody: JSONWritable {
        let maintainer: MaintainerPreferences

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("name", maintainer.maintainer.name)
                json.field("products", maintainer.products.map(\.description))
                json.field("require_proof", maintainer.preferences.requiresProof)
                json.field("ai_agents", maintainer.preferences.allowsAIAgents)
                json.nullableField("contact", maintainer.preferences.contact)
            }
        }
    }
}
