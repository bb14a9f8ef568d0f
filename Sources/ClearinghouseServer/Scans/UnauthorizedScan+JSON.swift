import ClearinghouseCore
import ClearinghouseWorkflows
public import JSONSupport

extension SeenUnauthorizedScan: JSONWritable {
    /// `{"host" | "address", "port", "unauthorized_scan": {"reason", "detail"}, "asset_id", "owner",
    /// "flagged_at"}`, with `finding_id`, `reporter` and `lease` for those who may know who reported it.
    func write(to json: inout JSONWriter) {
        json.object { json in
            if revealsReporter {
                json.field("finding_id", flag.finding)
                json.field("reporter", flag.reporter)
                json.field("lease", flag.place.lease)
            }
            if case .network = flag.place.place {
                json.field("address", flag.place.text)
            } else {
                json.field("host", flag.place.text)
            }
            json.field("port", flag.place.port)
            json.field("unauthorized_scan", flag.reason)
            json.nullableField("asset_id", flag.asset)
            json.nullableField("owner", flag.owner)
            json.field("flagged_at", flag.flaggedAt)
        }
    }
}

extension UnauthorizedScan.Reason: JSONWritable {
    /// `{"reason": "no_lease", "detail": "…"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("reason", rawValue)
            json.field("detail", explanation)
        }
    }
}
