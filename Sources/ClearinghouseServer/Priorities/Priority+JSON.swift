import ClearinghouseCore
import Foundation
import JSONSupport
import ThreatFeeds

/// `{"generated_at", "policy", "total", "items": [...], "next_cursor"}`.
struct PriorityQueueBody: JSONWritable {
    let generatedAt: Date
    let policy: PriorityPolicy
    let total: Int
    let items: [PriorityItem]
    let nextCursor: String?

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("generated_at", generatedAt)
            json.field("policy", policy.description)
            json.field("total", total)
            json.field("items", items.map(PriorityItemJSON.init))
            json.nullableField("next_cursor", nextCursor)
        }
    }
}

/// One ranked subject: `{"rank", "subject": {"kind", "id"}, "title", "state", "aliases", "tier", "due_at",
/// "overdue", "opened_at", "explanation", "ssvc", "kev", "epss", "exposure"}`.
private struct PriorityItemJSON: JSONWritable {
    let item: PriorityItem

    func write(to json: inout JSONWriter) {
        let candidate = item.candidate
        json.object { json in
            json.field("rank", item.rank)
            json.field("subject", SubjectJSON(subject: candidate.subject))
            json.field("title", candidate.title)
            json.field("state", candidate.state?.rawValue)
            json.field("aliases", candidate.aliases)
            json.nullableField("tier", item.tier?.name)
            json.field("due_at", item.dueAt)
            json.field("overdue", item.isOverdue)
            json.field("opened_at", candidate.openedAt)
            json.field("explanation", item.explanation)
            json.nullableField("ssvc", candidate.decision.map { SSVCDecisionJSON(decision: $0, decidedByCoordinator: nil) })
            json.nullableField("kev", candidate.evidence.knownExploited.map(KEVEntryJSON.init))
            json.nullableField("epss", candidate.evidence.prediction.map(PredictionJSON.init))
            json.field("exposure", ExposureSummaryJSON(summary: candidate.exposure))
        }
    }
}

private struct SubjectJSON: JSONWritable {
    let subject: PrioritySubject

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("kind", subject.kind.rawValue)
            json.field("id", subject.id)
        }
    }
}

/// `{"id", "subject", "table", "table_id", "outcome", "outcome_name", "tier", "inputs": [{"point", "point_name",
/// "value", "value_name"}], "decided_by": {"organization_id", "token_id", "coordinator"}, "decided_at",
/// "rationale"}`.
struct SSVCDecisionJSON: JSONWritable {
    let decision: SSVCDecision
    /// Whether a coordinator decided, when the answer says so.
    let decidedByCoordinator: Bool?

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("id", decision.id)
            json.field("subject", SubjectJSON(subject: decision.subject))
            json.field("table", decision.table)
            json.field("table_id", decision.tableID)
            json.field("outcome", decision.outcome)
            json.field("outcome_name", decision.outcomeName)
            json.nullableField("tier", PriorityTier(decision)?.name)
            json.field("inputs", decision.inputs.map(InputJSON.init))
            json.field("decided_by", DeciderJSON(actor: decision.decidedBy, coordinator: decidedByCoordinator))
            json.field("decided_at", decision.decidedAt)
            json.nullableField("rationale", decision.rationale)
        }
    }

    private struct InputJSON: JSONWritable {
        let input: SSVCDecision.Input

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("point", input.point)
                json.field("point_name", input.pointName)
                json.field("value", input.value)
                json.field("value_name", input.valueName)
            }
        }
    }

    private struct DeciderJSON: JSONWritable {
        let actor: AuditActor
        let coordinator: Bool?

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.nullableField("organization_id", actor.organizationID)
                json.nullableField("token_id", actor.tokenID)
                json.field("coordinator", coordinator)
            }
        }
    }
}

/// `{"decisions": [...]}`.
struct SSVCDecisionListBody: JSONWritable {
    let decisions: [SSVCDecisionJSON]

    func write(to json: inout JSONWriter) {
        json.object { json in json.field("decisions", decisions) }
    }
}

private struct KEVEntryJSON: JSONWritable {
    let entry: KEVCatalog.Entry

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("cve_id", entry.cveID)
            json.field("vendor_project", entry.vendorProject)
            json.field("product", entry.product)
            json.field("vulnerability_name", entry.vulnerabilityName)
            json.field("date_added", entry.dateAdded.description)
            json.field("due_date", entry.dueDate.description)
            json.field("known_ransomware_campaign_use", entry.knownRansomwareCampaignUse)
            json.field("required_action", entry.requiredAction)
        }
    }
}

private struct PredictionJSON: JSONWritable {
    let prediction: ExploitationEvidence.Prediction

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("cve_id", prediction.score.cveID)
            json.field("epss", prediction.score.probability)
            json.field("percentile", prediction.score.percentile)
            json.field("scored_at", prediction.scoredAt)
        }
    }
}

private struct ExposureSummaryJSON: JSONWritable {
    let summary: ExposureSummary

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("organizations", summary.organizations)
            json.field("sboms", summary.sboms)
            json.field("components", summary.components)
            json.field("internet_facing_assets", summary.internetFacingAssets)
            json.field("by_sector", SectorCounts(counts: summary.bySector))
        }
    }
}

/// `{"feed", "version", "released", "entries", "imported_at", "added", "updated", "removed", "unchanged"}`.
struct ThreatFeedImportBody: JSONWritable {
    let result: ThreatFeedImport

    func write(to json: inout JSONWriter) {
        json.object { json in
            ThreatFeedStatusBody(status: result.status).fields(to: &json)
            json.field("added", result.added)
            json.field("updated", result.updated)
            json.field("removed", result.removed)
            json.field("unchanged", result.unchanged)
        }
    }
}

/// `{"feed", "version", "released", "entries", "imported_at"}`.
struct ThreatFeedStatusBody: JSONWritable {
    let status: ThreatFeedStatus

    func write(to json: inout JSONWriter) {
        json.object { json in fields(to: &json) }
    }

    func fields(to json: inout JSONWriter) {
        json.field("feed", status.feed)
        json.field("version", status.version)
        json.field("released", status.released)
        json.field("entries", status.entries)
        json.field("imported_at", status.importedAt)
    }
}
