import ClearinghouseCore
import Foundation
import SQLKit
import ThreatFeeds

/// A row of `ssvc_decisions`; the inputs are a JSON array.
enum SSVCDecisionRecord {
    static let table = "ssvc_decisions"
    static let columns = [
        "id", "subject_kind", "subject_id", "table_name", "table_id", "outcome_point", "outcome", "outcome_name",
        "inputs", "organization_id", "token_id", "channel", "rationale", "decided_at",
    ]

    private struct StoredInput: Codable {
        let point: String
        let pointName: String
        let value: String
        let valueName: String
    }

    static func values(_ decision: SSVCDecision) throws -> [any Encodable & Sendable] {
        let inputs = decision.inputs.map {
            StoredInput(point: $0.point, pointName: $0.pointName, value: $0.value, valueName: $0.valueName)
        }
        return [
            decision.id.rawValue, decision.subject.kind.rawValue, decision.subject.id, decision.table, decision.tableID,
            decision.outcomePoint, decision.outcome, decision.outcomeName,
            String(decoding: try JSONEncoder().encode(inputs), as: UTF8.self),
            decision.decidedBy.organizationID?.rawValue, decision.decidedBy.tokenID?.rawValue,
            decision.decidedBy.channel.rawValue, decision.rationale, Timestamp.microseconds(decision.decidedAt),
        ]
    }

    static func decision(_ row: any SQLRow) throws -> SSVCDecision {
        let row = try StoredRow(row, table: table)
        let subject: PrioritySubject
        do {
            subject = try PrioritySubject(kind: try row.text("subject_kind"), id: try row.text("subject_id"), field: "")
        } catch {
            throw StoreCorruption(table: table, id: row.id, problem: "the subject is not readable: \(error)")
        }
        return SSVCDecision(
            id: try row.identifier("id"), subject: subject, table: try row.text("table_name"),
            tableID: try row.text("table_id"), outcomePoint: try row.text("outcome_point"),
            outcome: try row.text("outcome"), outcomeName: try row.text("outcome_name"),
            inputs: try row.json("inputs", as: [StoredInput].self, what: "inputs list").map {
                .init(point: $0.point, pointName: $0.pointName, value: $0.value, valueName: $0.valueName)
            },
            decidedBy: AuditActor(
                organizationID: try row.optionalIdentifier("organization_id"),
                tokenID: try row.optionalIdentifier("token_id"), channel: try row.enumeration("channel")),
            decidedAt: try row.date("decided_at"), rationale: try row.optionalText("rationale"))
    }
}

/// A row of `kev_entries`; CWEs are a space-separated list.
enum KEVEntryRecord {
    static let table = "kev_entries"
    static let columns = [
        "cve_id", "vendor_project", "product", "vulnerability_name", "date_added", "short_description",
        "required_action", "due_date", "known_ransomware_campaign_use", "notes", "cwes",
    ]

    static func values(_ entry: KEVCatalog.Entry) -> [any Encodable & Sendable] {
        [
            entry.cveID, entry.vendorProject, entry.product, entry.vulnerabilityName, entry.dateAdded.description,
            entry.shortDescription, entry.requiredAction, entry.dueDate.description, entry.knownRansomwareCampaignUse,
            entry.notes, entry.cwes.joined(separator: " "),
        ]
    }

    static func entry(_ row: any SQLRow) throws -> KEVCatalog.Entry {
        let row = try StoredRow(row, table: table, idColumn: "cve_id")
        let day = { (column: String) throws -> CalendarDay in
            guard let day = CalendarDay(try row.text(column)) else {
                throw StoreCorruption(table: table, id: row.id, problem: "`\(column)` is not a date")
            }
            return day
        }
        return KEVCatalog.Entry(
            cveID: row.id, vendorProject: try row.text("vendor_project"), product: try row.text("product"),
            vulnerabilityName: try row.text("vulnerability_name"), dateAdded: try day("date_added"),
            shortDescription: try row.text("short_description"), requiredAction: try row.text("required_action"),
            dueDate: try day("due_date"), knownRansomwareCampaignUse: try row.text("known_ransomware_campaign_use"),
            notes: try row.text("notes"), cwes: try row.text("cwes").split(separator: " ").map(String.init))
    }
}
