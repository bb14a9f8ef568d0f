import ClearinghouseCore
import JSONSupport

/// The body of `POST /v1/cases/{id}/embargo/proposals`: `{"public_date": {"local", "time_zone"}, "reason"}`.
struct EmbargoProposalBody: JSONRequestBody {
    let publicDate: PublicDateBody
    let reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case publicDate = "public_date"
        case reason
    }
}

/// `{"local": "2027-03-04T09:00", "time_zone": "America/New_York"}`: a wall-clock time in a named zone.
struct PublicDateBody: Decodable, Sendable {
    let local: String
    let timeZone: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case local
        case timeZone = "time_zone"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try decoder.rejectUnknownKeys(CodingKeys.self)
        local = try container.decode(String.self, forKey: .local)
        timeZone = try container.decode(String.self, forKey: .timeZone)
    }

    /// The date, checked.
    func checked() throws(ClearinghouseError) -> PublicDate {
        try PublicDate(local: local, timeZone: timeZone)
    }
}

/// The body of `POST /v1/cases/{id}/embargo/end`: why the embargo ends before its date.
struct EmbargoEndBody: JSONRequestBody {
    let reason: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case reason
    }
}

/// The body of `PUT /v1/cases/{id}/participants/{organization}/status`.
struct ParticipantStatusBody: JSONRequestBody {
    let status: String
    let justification: String?
    let statement: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status, justification, statement
    }
}

/// The body of `POST /v1/cases/{id}/fixes`: `{"target": {"purl"} | {"repository", "commit"}, "introduced",
/// "patch", "note"}`.
struct CaseFixBody: JSONRequestBody {
    let target: FindingTarget
    let introduced: String?
    let patch: ArtifactDigest?
    let note: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case target, introduced, patch, note
    }
}

/// The body of `POST /v1/cases/{id}/publication`: `{"summary", "details"}`.
struct PublicationBody: JSONRequestBody {
    let summary: String?
    let details: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case summary, details
    }

    /// The words, checked.
    func checked() throws(ClearinghouseError) -> PublicationRequest {
        try PublicationRequest(summary: summary, details: details)
    }
}
