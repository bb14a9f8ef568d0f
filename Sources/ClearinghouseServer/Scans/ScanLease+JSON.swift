import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
public import JSONSupport

/// A lease as `GET /v1/scans/{id}` answers it.
extension ScanLease: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("holder_id", holder.rawValue)
            json.nullableField("grant_id", grant?.rawValue)
            json.field("scope", claim.scope)
            json.field("technique", claim.technique.rawValue)
            json.field("agent", claim.agent)
            json.field("allow_overlap", claim.allowsOverlap)
            json.field("starts_at", claim.startsAt)
            json.field("ends_at", claim.endsAt)
            json.field("state", state.rawValue)
            json.field("heartbeat_at", heartbeatAt)
            json.nullableField("summary", summary.map(Counts.init))
            json.field("created_at", createdAt)
            json.nullableField("finished_at", finishedAt)
        }
    }

    private struct Counts: JSONWritable {
        let counts: [String: Int]

        func write(to json: inout JSONWriter) {
            json.object { json in
                for (name, count) in counts.sorted(by: { $0.key < $1.key }) {
                    json.field(named: name, count)
                }
            }
        }
    }
}

/// `{"kind", …its fields, "canonical"}`: the scope in the form a request writes it, and as one line.
extension ScanScope: JSONWritable {
    func write(to json: inout JSONWriter) {
        let request = request
        json.object { json in
            json.field("kind", request.kind)
            json.field("purl", request.purl)
            json.field("range", request.range)
            json.field("url", request.url)
            json.field("ref", request.ref)
            json.field("cidr", request.cidr)
            json.field("host", request.host)
            json.field("canonical", description)
        }
    }
}

extension ScanProvenance: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("tool", tool)
            json.nullableField("model", model)
            json.nullableField("version", version)
        }
    }
}

/// A lease in another claim's way, as a `409 conflict` lists it: its holder and id only where the access policy
/// lets the claimant know them.
struct ScanConflictBody: JSONWritable {
    static let anonymousHolder = "another participant"

    let conflict: ScanConflict

    func write(to json: inout JSONWriter) {
        let lease = conflict.lease
        json.object { json in
            json.field("holder", conflict.holder?.name ?? Self.anonymousHolder)
            json.field("holder_id", conflict.holder?.id.rawValue)
            json.field("lease_id", conflict.holder == nil ? nil : lease.id)
            json.field("scope", lease.scope)
            json.field("technique", lease.technique.rawValue)
            json.field("starts_at", lease.startsAt)
            json.field("ends_at", lease.endsAt)
        }
    }
}

/// An asset as the asset routes answer it.
extension ScanAsset: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("owner_id", owner.rawValue)
            json.field("scope", scope)
            json.field("name", name)
            json.field("verified", isVerified)
            json.nullableField("verification", verification.map(VerificationBody.init))
            json.field("created_at", createdAt)
        }
    }

    private struct VerificationBody: JSONWritable {
        let verification: Verification

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("method", verification.method.rawValue)
                json.nullableField("note", verification.note)
                json.field("verified_by", verification.by.rawValue)
                json.field("verified_at", verification.at)
            }
        }
    }
}

/// A grant as the grant routes answer it.
extension ScanGrant: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id.rawValue)
            json.field("granter_id", granter.rawValue)
            json.field("grantee_id", grantee.rawValue)
            json.field("scopes", scopes)
            json.field("techniques", techniques.map(\.rawValue).sorted())
            json.field("starts_at", startsAt)
            json.field("ends_at", endsAt)
            json.field("max_requests_per_second", maximumRequestsPerSecond)
            json.field("contact", contact)
            json.field("created_at", createdAt)
            json.nullableField("revoked_at", revokedAt)
        }
    }
}

/// `{"scope", "since", "items": [{"scope", "technique", "outcome", "scans", "last_at", "holders", "other_participants"}]}`.
struct CoverageBody: JSONWritable {
    let scope: ScanScope
    let since: Date
    let coverage: ScanCoverage
    let organizations: [Organization.ID: Organization]

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("scope", scope)
            json.field("since", since)
            json.field("items", coverage.entries.map { EntryBody(entry: $0, organizations: organizations) })
        }
    }

    struct EntryBody: JSONWritable {
        let entry: ScanCoverage.Entry
        let organizations: [Organization.ID: Organization]

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("scope", entry.scope)
                json.field("technique", entry.technique.rawValue)
                json.field("outcome", entry.outcome.rawValue)
                json.field("scans", entry.scans)
                json.field("last_at", entry.lastAt)
                json.field("holders", entry.holders.map { HolderBody(id: $0, name: organizations[$0]?.name) })
                json.field("other_participants", entry.otherParticipants)
            }
        }
    }

    struct HolderBody: JSONWritable {
        let id: Organization.ID
        let name: String?

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("id", id.rawValue)
                json.nullableField("name", name)
            }
        }
    }
}
