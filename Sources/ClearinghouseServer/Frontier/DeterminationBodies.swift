import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation

/// Identifiers a body lists, each checked and named by its place when it is not one.
func identifiers<Entity>(_ texts: [String]?, field: String) throws(ClearinghouseError) -> [Identifier<Entity>] {
    var ids: [Identifier<Entity>] = []
    for (index, text) in (texts ?? []).enumerated() {
        guard let id = Identifier<Entity>(text) else {
            throw .invalidField("\(field)[\(index)]", "`\(field)[\(index)]` is an id.")
        }
        ids.append(id)
    }
    return ids
}

/// The body of `POST /v1/models/{id}/designation-requests`: `{"evaluation_ids", "note"}`, both optional.
struct DesignationRequestBody: JSONRequestBody {
    let evaluationIDs: [String]?
    let note: String?

    static var emptyBodyAllowed: Bool { true }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case note
        case evaluationIDs = "evaluation_ids"
    }

    func evaluations() throws(ClearinghouseError) -> [SubmittedEvaluation.ID] {
        try identifiers(evaluationIDs, field: "evaluation_ids")
    }
}

/// The body of `POST /v1/models/{id}/determinations`: `{"policy_id", "outcome", "rationale", "evaluation_ids",
/// "consulted", "request_id"}`.
struct DeterminationBody: JSONRequestBody {
    let policyID: String
    let outcome: String
    let rationale: String
    let evaluationIDs: [String]?
    let consulted: [String]?
    let requestID: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case outcome, rationale, consulted
        case policyID = "policy_id"
        case evaluationIDs = "evaluation_ids"
        case requestID = "request_id"
    }

    func recording() throws(ClearinghouseError) -> DeterminationWorkflows.Recording {
        guard let policy = RegisteredThresholdPolicy.ID(policyID) else {
            throw .invalidField("policy_id", "`policy_id` is a pre-registered policy's id.")
        }
        guard let outcome = Determination.Outcome(rawValue: outcome) else {
            let names = Determination.Outcome.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw .invalidField("outcome", "`outcome` is one of \(names).")
        }
        var request: DesignationRequest.ID?
        if let requestID {
            guard let id = DesignationRequest.ID(requestID) else {
                throw .invalidField("request_id", "`request_id` is a designation request's id.")
            }
            request = id
        }
        return DeterminationWorkflows.Recording(
            policy: policy, outcome: outcome, rationale: rationale,
            evaluations: try identifiers(evaluationIDs, field: "evaluation_ids"),
            consulted: try identifiers(consulted, field: "consulted"), request: request)
    }
}

/// The body of `POST /v1/determinations/{id}/sign-offs`: `{"position", "note"}`.
struct SignOffBody: JSONRequestBody {
    let position: String
    let note: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case position, note
    }

    func checkedPosition() throws(ClearinghouseError) -> DeterminationSignOff.Position {
        guard let position = DeterminationSignOff.Position(rawValue: position) else {
            throw .invalidField("position", "`position` is `concur` or `dissent`.")
        }
        return position
    }
}
