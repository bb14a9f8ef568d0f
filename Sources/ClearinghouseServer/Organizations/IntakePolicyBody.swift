import ClearinghouseCore

/// The body of `PUT /v1/organizations/{id}/intake-policy`.
struct IntakePolicyBody: JSONRequestBody {
    let dailyQuota: Int?
    let precisionFloor: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dailyQuota = "daily_quota"
        case precisionFloor = "precision_floor"
    }
}
