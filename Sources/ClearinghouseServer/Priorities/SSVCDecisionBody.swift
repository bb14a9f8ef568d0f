import ClearinghouseCore

/// The body of `POST /v1/ssvc-decisions`: the subject (`case_id` or `advisory_id`), the table, the inputs as
/// decision point → value (keys or names), and an optional rationale.
struct SSVCDecisionBody: JSONRequestBody {
    let caseID: String?
    let advisoryID: String?
    let table: String
    let inputs: [String: String]
    let rationale: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case caseID = "case_id"
        case advisoryID = "advisory_id"
        case table, inputs, rationale
    }

    /// The subject the body names.
    ///
    /// - Throws: `invalid_field` unless exactly one of `case_id` and `advisory_id` is given and well formed.
    func subject() throws(ClearinghouseError) -> PrioritySubject {
        try Self.subject(caseID: caseID, advisoryID: advisoryID)
    }

    /// The subject that exactly one of a case id and an advisory id names (in a body or a query).
    static func subject(caseID: String?, advisoryID: String?) throws(ClearinghouseError) -> PrioritySubject {
        switch (caseID, advisoryID) {
        case (let id?, nil): try PrioritySubject(kind: "case", id: id, field: "case_id")
        case (nil, let id?): try PrioritySubject(kind: "advisory", id: id, field: "advisory_id")
        default: throw .invalidField("case_id", "Name the subject with exactly one of `case_id` and `advisory_id`.")
        }
    }
}
