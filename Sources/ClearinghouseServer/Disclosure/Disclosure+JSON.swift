import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
public import JSONSupport

/// A case's embargo as those on the case read it: who has agreed to the date proposed and who is still awaited.
struct EmbargoView: JSONWritable {
    let embargo: Embargo
    /// The organizations whose agreement is asked: the first reporter and those on the need-to-know list.
    let asked: Set<Organization.ID>

    init(_ embargo: Embargo, of found: Case) {
        self.embargo = embargo
        self.asked = found.participants.union([found.owner])
    }

    /// `{"state", "validated_at", "public_date", "agreed", "awaiting", "changes"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("state", embargo.state.rawValue)
            json.field("validated_at", embargo.validatedAt)
            json.field("public_date", embargo.publicDate)
            json.field("agreed", embargo.agreed.sorted())
            json.field("awaiting", embargo.awaiting(asked).sorted())
            json.field("changes", embargo.changes)
        }
    }
}

extension PublicDate: JSONWritable {
    /// `{"local": "2027-03-04T09:00", "time_zone": "America/New_York", "at": "2027-03-04T14:00:00Z"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("local", local)
            json.field("time_zone", timeZone)
            json.field("at", instant)
        }
    }
}

extension EmbargoChange: JSONWritable {
    /// `{"kind", "by", "public_date", "reason", "at"}`; `by` is null for the policy's own proposal.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("kind", kind.rawValue)
            json.nullableField("by", by)
            json.field("public_date", publicDate)
            json.nullableField("reason", reason)
            json.field("at", at)
        }
    }
}

extension ParticipantStatus: JSONWritable {
    /// `{"status", "justification", "statement", "updated_at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("status", status.rawValue)
            json.nullableField("justification", justification?.rawValue)
            json.nullableField("statement", statement)
            json.field("updated_at", updatedAt)
        }
    }
}

extension CaseParticipant: JSONWritable {
    /// `{"organization_id", "name", "kind", "reporter", "status"}`; `name` and `kind` are null where the caller may
    /// not see the organization's record, `status` until the organization gives one.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", id)
            json.nullableField("name", organization?.name)
            json.nullableField("kind", organization?.kind.rawValue)
            json.field("reporter", isReporter)
            json.nullableField("status", status)
        }
    }
}

extension SuggestedVendor: JSONWritable {
    /// `{"organization_id", "name", "products"}`, the products as Package URLs without versions.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organization_id", organization.id)
            json.field("name", organization.name)
            json.field("products", products.map(\.description))
        }
    }
}

/// `GET /v1/cases/{id}/coordination`: `{"case_id", "state", "embargo", "participants", "fixes", "advisory_id"}`,
/// `embargo` null before the case is validated, `advisory_id` null until it is published.
struct CaseCoordinationView: JSONWritable {
    let found: Case
    let embargo: Embargo?
    let participants: [CaseParticipant]
    let fixes: [CaseFix]
    let advisory: AdvisoryID?

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("case_id", found.id)
            json.field("state", found.state.rawValue)
            json.nullableField("embargo", embargo.map { EmbargoView($0, of: found) })
            json.field("participants", participants)
            json.field("fixes", fixes)
            json.nullableField("advisory_id", advisory?.description)
        }
    }
}

/// `{"vendors": [...]}`.
struct SuggestedVendors: JSONWritable {
    let vendors: [SuggestedVendor]

    func write(to json: inout JSONWriter) {
        json.object { json in json.field("vendors", vendors) }
    }
}

extension CaseFix: JSONWritable {
    /// `{"id", "organization_id", "target", "introduced", "patch", "note", "recorded_at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("organization_id", organization)
            json.field("target", RawJSON(bytes: (try? JSONEncoder().encode(target)) ?? Data("{}".utf8)))
            json.nullableField("introduced", introduced)
            json.nullableField("patch", patch?.description)
            json.nullableField("note", note)
            json.field("recorded_at", recordedAt)
        }
    }
}

/// A published advisory as `GET /v1/published-advisories/{id}` answers it: `{"id", "osv_id", "summary",
/// "details", "aliases", "affected", "credits", "references", "published", "modified", "formats"}`, `formats`
/// naming where each document is.
struct PublishedAdvisoryView: JSONWritable {
    let draft: AdvisoryDraft

    func write(to json: inout JSONWriter) {
        let path = "/v1/published-advisories/\(draft.id)"
        json.object { json in
            json.field("id", draft.id.description)
            json.field("osv_id", draft.id.osv)
            json.field("summary", draft.summary)
            json.field("details", draft.details)
            json.field("aliases", draft.aliases)
            json.field("affected", draft.affected.map(AffectedView.init))
            json.field("credits", draft.credits.map(CreditView.init))
            json.field("references", draft.references.map(ReferenceView.init))
            json.field("published", draft.published)
            json.field("modified", draft.modified)
            json.field("formats", FormatsView(path: path))
        }
    }

    private struct AffectedView: JSONWritable {
        let package: AdvisoryDraft.AffectedPackage
        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("purl", package.purl.description)
                json.nullableField("introduced", package.introduced)
                json.nullableField("fixed", package.fixed)
            }
        }
    }

    private struct CreditView: JSONWritable {
        let credit: AdvisoryDraft.Credit
        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("name", credit.name)
                json.field("type", credit.kind.rawValue)
            }
        }
    }

    private struct ReferenceView: JSONWritable {
        let reference: AdvisoryDraft.Reference
        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("type", reference.kind.rawValue)
                json.field("url", reference.url)
            }
        }
    }

    /// Where each document is: `{"osv", "stix", "csaf", "csaf_vex", "cve"}`.
    private struct FormatsView: JSONWritable {
        let path: String
        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("osv", path + "/osv")
                json.field("stix", path + "/stix")
                json.field("csaf", path + "/csaf")
                json.field("csaf_vex", path + "/csaf-vex")
                json.field("cve", path + "/cve")
            }
        }
    }
}
