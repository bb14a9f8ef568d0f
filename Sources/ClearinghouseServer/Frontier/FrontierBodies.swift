import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation

/// The body of `POST /v1/designation-authorities`: `{"organization_id"}`.
struct DesignationAuthorityBody: JSONRequestBody {
    let organizationID: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case organizationID = "organization_id"
    }

    func organization() throws(ClearinghouseError) -> Organization.ID {
        guard let id = Organization.ID(organizationID) else {
            throw .invalidField("organization_id", "`organization_id` is an organization's id.")
        }
        return id
    }
}

/// The body of `POST /v1/models`: `{"name", "version", "planned_release_at", "confidentiality"}`.
struct ModelRegistrationBody: JSONRequestBody {
    let name: String
    let version: String
    let plannedReleaseAt: Date?
    let confidentiality: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, version, confidentiality
        case plannedReleaseAt = "planned_release_at"
    }

    /// The registration, with `confidentiality` `confidential` unless the body says otherwise.
    func registration() throws(ClearinghouseError) -> ModelWorkflows.Registration {
        let level = confidentiality ?? FrontierModel.Confidentiality.confidential.rawValue
        guard let checked = FrontierModel.Confidentiality(rawValue: level) else {
            let names = FrontierModel.Confidentiality.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw .invalidField("confidentiality", "`confidentiality` is one of \(names).")
        }
        return ModelWorkflows.Registration(
            name: name, version: version, plannedReleaseAt: plannedReleaseAt, confidentiality: checked)
    }
}

/// The body of `POST /v1/models/{id}/release`: `{"released_at"}`, now when empty.
struct ModelReleaseBody: JSONRequestBody {
    let releasedAt: Date?

    static var emptyBodyAllowed: Bool { true }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case releasedAt = "released_at"
    }
}
