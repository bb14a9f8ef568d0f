import ClearinghouseCore
import Foundation

/// An organization as the API shows it.
struct OrganizationResource: Encodable {
    struct VerificationResource: Encodable {
        let state: String
        let verifiedAt: Date?
        let verifiedBy: String?

        enum CodingKeys: String, CodingKey {
            case state
            case verifiedAt = "verified_at"
            case verifiedBy = "verified_by"
        }
    }

    let id: String
    let name: String
    let kind: String
    let sector: String?
    let contacts: [Contact]
    let verification: VerificationResource
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, kind, sector, contacts, verification
        case createdAt = "created_at"
    }

    init(_ organization: Organization) {
        id = organization.id.rawValue
        name = organization.name
        kind = organization.kind.rawValue
        sector = organization.sector?.rawValue
        contacts = organization.contacts
        verification = VerificationResource(
            state: organization.verification.state.rawValue, verifiedAt: organization.verification.verifiedAt,
            verifiedBy: organization.verification.verifiedBy?.rawValue)
        createdAt = organization.createdAt
    }
}

/// The body of `POST /v1/organizations`.
struct CreateOrganizationBody: JSONRequestBody {
    struct ContactBody: Decodable {
        let name: String
        let email: String
        let phone: String?
        let role: String?
    }

    let name: String
    let kind: String
    let sector: String?
    let contacts: [ContactBody]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, kind, sector, contacts
    }

    var registration: OrganizationRegistration {
        OrganizationRegistration(
            name: name, kind: kind, sector: sector,
            contacts: (contacts ?? []).map { Contact(name: $0.name, email: $0.email, phone: $0.phone, role: $0.role) })
    }
}

/// The body of `POST /v1/organizations/{id}/verify`: optional.
struct VerifyOrganizationBody: JSONRequestBody {
    /// How the coordinator verified the organization, for the audit trail.
    let note: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case note
    }

    static var emptyBodyAllowed: Bool { true }
}
