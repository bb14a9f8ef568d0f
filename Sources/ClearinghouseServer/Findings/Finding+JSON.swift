import ClearinghouseCore
import Foundation
public import JSONSupport

extension Finding: JSONWritable {
    /// `{"id", "case_id", "organization_id", "reported_at", "tlp", "duplicate", "duplicate_of", "fingerprints",
    /// "report": {...}}`, where `report` is the finding document (see `FindingDraft`'s coding). Written so for those
    /// who may see its case.
    func write(to json: inout JSONWriter) {
        PlacedFinding(self, locatable: true).write(to: &json)
    }
}

extension PlacedFinding: JSONWritable {
    /// A finding's JSON, with `case_id` and `duplicate_of` null for those who may not see its case: `duplicate`
    /// says whether it joined an existing case. A finding about infrastructure whose scan no lease of its reporter
    /// authorized carries `unauthorized_scan` with the `reason` and its `detail`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", finding.id)
            json.nullableField("case_id", locatable ? finding.caseID : nil)
            json.field("organization_id", finding.reporter)
            json.field("reported_at", finding.reportedAt)
            json.field("tlp", finding.label.marking)
            json.field("duplicate", finding.duplicateOf != nil)
            json.nullableField("duplicate_of", locatable ? finding.duplicateOf : nil)
            json.field("fingerprints", finding.fingerprints.map(\.key))
            json.field("report", RawJSON(bytes: (try? Finding.encoder.encode(finding.draft)) ?? Data("{}".utf8)))
            json.field("unauthorized_scan", finding.unauthorizedScan)
        }
    }
}

extension Finding {
    /// Writes reports with sorted keys, so that a finding reads the same every time.
    fileprivate static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension Case: JSONWritable {
    /// `{"id", "state", "tlp", "owner", "first_finding_id", "title", "participants", "merged_into", "created_at",
    /// "updated_at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("state", state.rawValue)
            json.field("tlp", label.marking)
            json.field("owner", owner)
            json.field("first_finding_id", firstFinding)
            json.field("title", title)
            json.field("participants", participants.sorted())
            json.nullableField("merged_into", mergedInto)
            json.field("created_at", createdAt)
            json.field("updated_at", updatedAt)
        }
    }
}

extension CaseTransition: JSONWritable {
    /// `{"id", "from", "to", "organization_id", "reason", "at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.nullableField("from", from?.rawValue)
            json.field("to", to.rawValue)
            json.nullableField("organization_id", actor.organizationID)
            json.nullableField("reason", reason)
            json.field("at", occurredAt)
        }
    }
}

extension Artifact: JSONWritable {
    /// `{"sha256", "size", "media_type", "created_at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("sha256", digest.description)
            json.field("size", size)
            json.field("media_type", mediaType)
            json.field("created_at", createdAt)
        }
    }
}

extension CaseMessage: JSONWritable {
    /// `{"id", "case_id", "organization_id", "body", "posted_at"}`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", id)
            json.field("case_id", caseID)
            json.nullableField("organization_id", author.organizationID)
            json.field("body", body)
            json.field("posted_at", postedAt)
        }
    }
}
