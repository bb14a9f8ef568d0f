import ClearinghouseCore

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
