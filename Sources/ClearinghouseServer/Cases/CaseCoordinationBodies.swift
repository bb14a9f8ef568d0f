import ClearinghouseCore

/// The body of `POST /v1/cases/{id}/participants`.
struct CaseParticipantBody: JSONRequestBody {
    let organizationID: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case organizationID = "organization_id"
    }
}

/// The body of `POST /v1/cases/{id}/merge`: the case to fold into the one in the path.
struct CaseMergeBody: JSONRequestBody {
    let caseID: String
    let reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case caseID = "case_id"
        case reason
    }
}

/// The body of `POST /v1/cases/{id}/split`: the findings that describe another vulnerability.
struct CaseSplitBody: JSONRequestBody {
    let findings: [String]
    let reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case findings, reason
    }
}

/// The body of `POST /v1/cases/{id}/messages`.
struct CaseMessageBody: JSONRequestBody {
    let body: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case body
    }
}
