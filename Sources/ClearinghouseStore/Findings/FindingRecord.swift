import ClearinghouseCore
import Foundation
import SQLKit

/// A row of `findings`: the keys it is found by in columns, the finding document as JSON.
enum FindingRecord {
    static let table = "findings"
    static let columns = [
        "id", "case_id", "organization_id", "reported_at", "duplicate_of", "fingerprints", "document", "label",
        "aliases", "purl", "unauthorized_scan",
    ]

    /// The row's values, in ``columns`` order.
    static func values(_ finding: Finding, encoder: JSONEncoder) throws -> [any Encodable & Sendable] {
        [
            finding.id.rawValue, finding.caseID.rawValue, finding.reporter.rawValue,
            Timestamp.microseconds(finding.reportedAt), finding.duplicateOf?.rawValue,
            finding.fingerprints.map(\.key).joined(separator: " "),
            String(decoding: try encoder.encode(finding.draft), as: UTF8.self), finding.label.rawValue,
            String(decoding: try encoder.encode(finding.draft.aliases), as: UTF8.self), packageURL(of: finding),
            finding.unauthorizedScan?.rawValue,
        ]
    }

    /// The Package URL of a finding about a package, as its document writes it.
    private static func packageURL(of finding: Finding) -> String? {
        if case .package(let purl) = finding.draft.target { purl.description } else { nil }
    }

    /// Reads a row selected with ``columns``.
    static func finding(_ row: any SQLRow) throws -> Finding {
        let row = try StoredRow(row, table: table)
        let fingerprints = try row.text("fingerprints").split(separator: " ").map {
            guard let fingerprint = Fingerprint(key: String($0)) else {
                throw StoreCorruption(table: table, id: row.id, problem: "unknown fingerprint `\($0)`")
            }
            return fingerprint
        }
        return Finding(
            id: try row.identifier("id"), caseID: try row.identifier("case_id"),
            reporter: try row.identifier("organization_id"), reportedAt: try row.date("reported_at"),
            label: try row.enumeration("label"), draft: try row.json("document", as: FindingDraft.self, what: "finding document"),
            duplicateOf: try row.optionalIdentifier("duplicate_of"), fingerprints: fingerprints,
            unauthorizedScan: try row.optionalEnumeration("unauthorized_scan"))
    }
}

/// A row of `cases`, with its participants read separately.
enum CaseRecord {
    static let table = "cases"
    static let columns = [
        "id", "state", "label", "owner_organization_id", "first_finding_id", "title", "merged_into", "created_at",
        "updated_at",
    ]

    static func values(_ record: Case) -> [any Encodable & Sendable] {
        [
            record.id.rawValue, record.state.rawValue, record.label.rawValue, record.owner.rawValue,
            record.firstFinding.rawValue, record.title, record.mergedInto?.rawValue,
            Timestamp.microseconds(record.createdAt), Timestamp.microseconds(record.updatedAt),
        ]
    }

    static func `case`(_ row: any SQLRow, participants: Set<Organization.ID>) throws -> Case {
        let row = try StoredRow(row, table: table)
        return Case(
            id: try row.identifier("id"), state: try row.enumeration("state"), label: try row.enumeration("label"),
            owner: try row.identifier("owner_organization_id"), firstFinding: try row.identifier("first_finding_id"),
            title: try row.text("title"), participants: participants, createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"), mergedInto: try row.optionalIdentifier("merged_into"))
    }
}

/// A row of `case_transitions`.
enum CaseTransitionRecord {
    static let table = "case_transitions"
    static let columns = [
        "id", "case_id", "from_state", "to_state", "actor_organization_id", "actor_token_id", "actor_channel",
        "reason", "occurred_at", "actor_person_id",
    ]

    static func values(_ transition: CaseTransition) -> [any Encodable & Sendable] {
        [
            transition.id.rawValue, transition.caseID.rawValue, transition.from?.rawValue, transition.to.rawValue,
            transition.actor.organizationID?.rawValue, transition.actor.tokenID?.rawValue,
            transition.actor.channel.rawValue, transition.reason, Timestamp.microseconds(transition.occurredAt),
            transition.actor.personID?.rawValue,
        ]
    }

    static func transition(_ row: any SQLRow) throws -> CaseTransition {
        let row = try StoredRow(row, table: table)
        return CaseTransition(
            id: try row.identifier("id"), caseID: try row.identifier("case_id"),
            from: try row.optionalEnumeration("from_state"), to: try row.enumeration("to_state"),
            actor: AuditActor(
                organizationID: try row.optionalIdentifier("actor_organization_id"),
                tokenID: try row.optionalIdentifier("actor_token_id"),
                personID: try row.optionalIdentifier("actor_person_id"), channel: try row.enumeration("actor_channel")),
            reason: try row.optionalText("reason"), occurredAt: try row.date("occurred_at"))
    }
}
