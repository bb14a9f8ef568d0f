import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
public import JSONSupport

/// The body of `POST /v1/cases/{id}/alerts`: `{"instructions"}`.
struct ExposureAlertBody: JSONRequestBody {
    let instructions: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case instructions
    }
}

/// An alert as its organization reads it: never the case it comes from.
extension ExposureAlert: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("kind", kind.rawValue)
            json.field("sbom_id", sbom.rawValue)
            json.field("asset", asset)
            json.field("component", component)
            json.field("instructions", instructions)
            json.nullableField("advisory_id", advisory?.description)
            json.field("created_at", createdAt)
        }
    }
}

extension ExposureAlertWorkflows.Outcome: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("sent", sent)
            json.field("organizations", organizations)
            json.field("already_sent", alreadySent)
        }
    }
}
