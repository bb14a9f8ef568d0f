import ClearinghouseCore

/// The body of `POST /v1/cases/{id}/transitions`.
struct CaseTransitionBody: JSONRequestBody {
    /// The state to move to.
    let state: String
    /// Why, for the case's history and the audit trail.
    let reason: String?
    /// When triaging, the artifact validators run (`sha256:…`), among those the case's findings cite.
    let proof: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case state, reason, proof
    }
}
