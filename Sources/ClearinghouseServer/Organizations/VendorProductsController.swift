import ClearinghouseCore
import ClearinghouseWorkflows
import Hummingbird
import JSONSupport

/// The products a vendor is registered for: what its VEX statements may speak of in other organizations' SBOMs.
struct VendorProductsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.get, "/v1/organizations/{id}/products", use: show)
        routes.on(.put, "/v1/organizations/{id}/products", use: replace)
    }

    /// `GET /v1/organizations/{id}/products`: for the organization itself and coordinators.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context)
        let scopes = try await OrganizationWorkflows(environment.workflows).products(
            of: organization.id, by: environment.requester(context))
        return .json(ProductsBody(organization: organization.id, scopes: scopes))
    }

    /// `PUT /v1/organizations/{id}/products` with `{"products": [{"type", "namespace", "name"}]}`: coordinator
    /// admins, for vendors; replaces the list.
    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let organization = try await environment.visibleOrganization(context)
        try await environment.authorize(.registerProducts, context: context)
        let body = try await request.decodeJSON(VendorProductsBody.self, limit: environment.configuration.maximumBodySize)
        guard body.products.count <= ProductScope.maximumCount else {
            throw ClearinghouseError.invalidField(
                "products", "A vendor registers at most \(ProductScope.maximumCount) products.")
        }
        let scopes = try body.products.enumerated().map { (index, product) throws(ClearinghouseError) in
            try ProductScope(
                type: product.type, namespace: product.namespace, name: product.name, field: "products[\(index)]")
        }
        let stored = try await OrganizationWorkflows(environment.workflows).setProducts(
            scopes, of: organization, by: environment.requester(context))
        return .json(ProductsBody(organization: organization.id, scopes: stored))
    }
}

/// `{"products": [{"type", "namespace", "name"}]}`.
struct VendorProductsBody: JSONRequestBody {
    struct Product: Decodable, Sendable {
        let type: String
        let namespace: String?
        let name: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case type, namespace, name
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            try decoder.rejectUnknownKeys(CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
            name = try container.decodeIfPresent(String.self, forKey: .name)
        }
    }

    let products: [Product]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case products
    }
}

/// `{"organization_id", "products": [{"type", "namespace", "name", "purl"}]}`.
private struct ProductsBody: JSONWritable {
    let organization: Organization.ID
    let scopes: [ProductScope]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", organization)
            json.field("products", scopes.map(ScopeBody.init))
        }
    }

    struct ScopeBody: JSONWritable {
        let scope: ProductScope

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("type", scope.type)
                json.nullableField("namespace", scope.namespace.isEmpty ? nil : scope.namespace)
                json.nullableField("name", scope.name.isEmpty ? nil : scope.name)
                json.field("scope", scope.description)
            }
        }
    }
}
