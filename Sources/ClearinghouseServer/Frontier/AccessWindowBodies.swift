import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation

/// The body of `POST /v1/models/{id}/access-windows`: `{"evaluator_ids", "starts_at", "ends_at", "purpose"}`;
/// the window starts now when `starts_at` is left out.
struct AccessWindowBody: JSONRequestBody {
    let evaluatorIDs: [String]
    let startsAt: Date?
    let endsAt: Date
    let purpose: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case purpose
        case evaluatorIDs = "evaluator_ids"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
    }

    func opening() throws(ClearinghouseError) -> AccessWindowWorkflows.Opening {
        AccessWindowWorkflows.Opening(
            evaluators: try identifiers(evaluatorIDs, field: "evaluator_ids"), startsAt: startsAt, endsAt: endsAt,
            purpose: purpose)
    }
}

/// The body of `POST /v1/access-windows/{id}/terms`: `{"nda_scope", "ip_categories", "handling_level"}`.
struct WindowTermsBody: JSONRequestBody {
    let ndaScope: String
    let ipCategories: [String]
    let handlingLevel: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case ndaScope = "nda_scope"
        case ipCategories = "ip_categories"
        case handlingLevel = "handling_level"
    }

    func acceptance() throws(ClearinghouseError) -> AccessWindowWorkflows.Acceptance {
        // As `openapi.json` says: more than 20 is refused, not cut short.
        guard ipCategories.count <= 20 else {
            throw .invalidField("ip_categories", "`ip_categories` lists at most 20 categories.")
        }
        var categories: Set<ConfidentialityTerms.IPCategory> = []
        for (index, text) in ipCategories.enumerated() {
            guard let category = ConfidentialityTerms.IPCategory(rawValue: text) else {
                let names = ConfidentialityTerms.IPCategory.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
                throw .invalidField("ip_categories[\(index)]", "`ip_categories[\(index)]` is one of \(names).")
            }
            categories.insert(category)
        }
        guard let level = FrontierModel.Confidentiality(rawValue: handlingLevel) else {
            let names = FrontierModel.Confidentiality.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw .invalidField("handling_level", "`handling_level` is one of \(names).")
        }
        return AccessWindowWorkflows.Acceptance(ndaScope: ndaScope, ipCategories: categories, handlingLevel: level)
    }
}

/// The body of `POST /v1/access-windows/{id}/accesses`: `{"resource", "kind"}`.
struct WindowAccessBody: JSONRequestBody {
    let resource: String
    let kind: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case resource, kind
    }

    func checkedKind() throws(ClearinghouseError) -> WindowAccess.Kind {
        guard let kind = WindowAccess.Kind(rawValue: kind) else {
            let names = WindowAccess.Kind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw .invalidField("kind", "`kind` is one of \(names).")
        }
        return kind
    }
}

/// The body of `POST /v1/access-windows/{id}/attestations`: `{"disposition", "statement"}`.
struct WindowAttestationBody: JSONRequestBody {
    let disposition: String
    let statement: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case disposition, statement
    }

    func checkedDisposition() throws(ClearinghouseError) -> WindowAttestation.Disposition {
        guard let disposition = WindowAttestation.Disposition(rawValue: disposition) else {
            throw .invalidField("disposition", "`disposition` is `retained` or `destroyed`.")
        }
        return disposition
    }
}
