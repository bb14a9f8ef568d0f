import ClearinghouseCore
import Foundation
import SQLKit

/// A row of `findings`: the keys it is found by in columns, the finding document as JSON.
enum FindingRecord {
    static let table = "findings"
    static let columns = [
        "id", "case_id", "organization_id", "reported_at", "duplicate_of", "fingerprints", "document",
    ]

    /// The row's values, in ``columns`` order.
    static func values(_ finding: Finding, encoder: JSONEncoder) throws -> [any Encodable & Sendable] {
        [
            finding.id.rawValue, finding.caseID.rawValue, finding.reporter.rawValue,
            Timestamp.microseconds(finding.reportedAt), finding.duplicateOf?.rawValue,
            finding.fingerprints.map(\.key).joined(separator: " "),
            String(decoding: try encoder.encode(finding.draft), as: UTF8.self),
        ]
    }

    /// Reads a row selected with ``columns``.
    static func finding(_ row: any SQLRow) throws -> Finding {
        let id = try row.decode(column: "id", as: String.self)
        let draft: FindingDraft
        do {
            draft = try JSONDecoder().decode(
                FindingDraft.self, from: Data(try row.decode(column: "document", as: String.self).utf8))
        } catch {
            throw StoreCorruption(table: table, id: id, problem: "the finding document is not readable: \(error)")
        }
        let fingerprints = try row.decode(column: "fingerprints", as: String.self).split(separator: " ").map {
            guard let fingerprint = Fingerprint(key: String($0)) else {
                throw StoreCorruption(table: table, id: id, problem: "unknown fingerprint `\($0)`")
            }
            return fingerprint
        }
        return Finding(
            id: try .stored(id, table: table, id: id, column: "id"),
            caseID: try .stored(
                try row.decode(column: "case_id", as: String.self), table: table, id: id, column: "case_id"),
            reporter: try .stored(
                try row.decode(column: "organization_id", as: String.self), table: table, id: id,
                column: "organization_id"),
            reportedAt: Timestamp.date(try row.decode(column: "reported_at", as: Int64.self)), draft: draft,
            duplicateOf: try row.decode(column: "duplicate_of", as: String?.self).map {
                try .stored($0, table: table, id: id, column: "duplicate_of")
            },
            fingerprints: fingerprints)
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
        let id = try row.decode(column: "id", as: String.self)
        func stored<T: RawRepresentable<String>>(_ column: String) throws -> T {
            try .stored(try row.decode(column: column, as: String.self), table: table, id: id, column: column)
        }
        func identifier<T>(_ column: String) throws -> Identifier<T> {
            try .stored(try row.decode(column: column, as: String.self), table: table, id: id, column: column)
        }
        return Case(
            id: try identifier("id"), state: try stored("state"), label: try stored("label"),
            owner: try identifier("owner_organization_id"), firstFinding: try identifier("first_finding_id"),
            title: try row.decode(column: "title", as: String.self), participants: participants,
            createdAt: Timestamp.date(try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Timestamp.date(try row.decode(column: "updated_at", as: Int64.self)),
            mergedInto: try row.decode(column: "merged_into", as: String?.self).map {
                try .stored($0, table: table, id: id, column: "merged_into")
            })
    }
}

/// A row of `case_transitions`.
enum CaseTransitionRecord {
    static let table = "case_transitions"
    static let columns = [
        "id", "case_id", "from_state", "to_state", "actor_organization_id", "actor_token_id", "actor_channel",
        "reason", "occurred_at",
    ]

    static func values(_ transition: CaseTransition) -> [any Encodable & Sendable] {
        [
            transition.id.rawValue, transition.caseID.rawValue, transition.from?.rawValue, transition.to.rawValue,
            transition.actor.organizationID?.rawValue, transition.actor.tokenID?.rawValue,
            transition.actor.channel.rawValue, transition.reason, Timestamp.microseconds(transition.occurredAt),
        ]
    }

    static func transition(_ row: any SQLRow) throws -> CaseTransition {
        let id = try row.decode(column: "id", as: String.self)
        func optional<T: RawRepresentable<String>>(_ column: String) throws -> T? {
            try row.decode(column: column, as: String?.self).map {
                try .stored($0, table: table, id: id, column: column)
            }
        }
        func optionalID<T>(_ column: String) throws -> Identifier<T>? {
            try row.decode(column: column, as: String?.self).map {
                try .stored($0, table: table, id: id, column: column)
            }
        }
        return CaseTransition(
            id: try .stored(id, table: table, id: id, column: "id"),
            caseID: try .stored(
                try row.decode(column: "case_id", as: String.self), table: table, id: id, column: "case_id"),
            from: try optional("from_state"),
            to: try .stored(
                try row.decode(column: "to_state", as: String.self), table: table, id: id, column: "to_state"),
            actor: AuditActor(
                organizationID: try optionalID("actor_organization_id"), tokenID: try optionalID("actor_token_id"),
                channel: try .stored(
                    try row.decode(column: "actor_channel", as: String.self), table: table, id: id,
                    column: "actor_channel")),
            reason: try row.decode(column: "reason", as: String?.self),
            occurredAt: Timestamp.date(try row.decode(column: "occurred_at", as: Int64.self)))
    }
}
