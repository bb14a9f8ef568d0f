public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var disclosure: DisclosureRepository { DisclosureRepository(database: database) }
}

/// Reads and writes what coordinated disclosure keeps of a case: its embargo with every change, and its
/// participants' statuses.
public struct DisclosureRepository: Sendable {
    let database: any SQLDatabase

    static let embargoColumns = [
        "case_id", "validated_at", "state", "public_local", "public_zone", "public_at", "agreed", "updated_at",
    ]
    static let changeColumns = [
        "case_id", "position", "kind", "organization_id", "public_local", "public_zone", "public_at", "reason",
        "changed_at",
    ]
    static let statusColumns = ["case_id", "organization_id", "status", "justification", "statement", "updated_at"]

    /// A case's embargo with its changes, or `nil` before the case is validated.
    ///
    /// - Parameter locking: in a write transaction, holds the embargo's row until the transaction ends (PostgreSQL;
    ///   SQLite has one writer), so that two changes made at once apply one after the other.
    public func embargo(of caseID: Case.ID, locking: Bool = false) async throws -> Embargo? {
        var query = database.select().columns(Self.embargoColumns).from("case_embargoes")
            .where("case_id", .equal, caseID.rawValue)
        if locking { query = query.for(.update) }
        guard let row = try await query.first() else { return nil }
        let stored = try StoredRow(row, table: "case_embargoes", idColumn: "case_id")
        let agreed = try stored.json("agreed", as: [String].self, what: "embargo's agreements").map {
            text throws -> Organization.ID in
            try .stored(text, table: "case_embargoes", id: caseID.rawValue, column: "agreed")
        }
        let changes = try await database.select().columns(Self.changeColumns).from("embargo_changes")
            .where("case_id", .equal, caseID.rawValue).orderBy("position").all().map(Self.change)
        return Embargo(
            stored: caseID, validatedAt: try stored.date("validated_at"), state: try stored.enumeration("state"),
            publicDate: try Self.publicDate(stored), agreed: Set(agreed), changes: changes)
    }

    /// Active embargoes whose public date is before `date`, by case id after `after`.
    public func active(dueBefore date: Date, after: String?, limit: Int) async throws -> [Case.ID] {
        var query = database.select().column("case_id").from("case_embargoes")
            .where("state", .equal, Embargo.State.active.rawValue)
            .where("public_at", .lessThan, Timestamp.microseconds(date))
        if let after { query = query.where("case_id", .greaterThan, after) }
        return try await query.orderBy("case_id").limit(limit).all().map { row in
            let raw = try row.decode(column: "case_id", as: String.self)
            return try .stored(raw, table: "case_embargoes", id: raw, column: "case_id")
        }
    }

    /// Whether a reminder was sent (for its lead time and its date).
    public func wasSent(_ reminder: EmbargoReminder) async throws -> Bool {
        try await database.select().column("case_id").from("embargo_reminders")
            .where("case_id", .equal, reminder.caseID.rawValue).where("reminder", .equal, reminder.name)
            .where("public_at", .equal, Timestamp.microseconds(reminder.publicDate.instant)).first() != nil
    }

    /// Records a reminder as sent.
    ///
    /// - Returns: `false` when it was sent already (for this lead time and this date).
    public func recordReminder(_ reminder: EmbargoReminder, at date: Date) async throws -> Bool {
        guard try await !wasSent(reminder) else { return false }
        try await database.insert(
            [
                [
                    reminder.caseID.rawValue, reminder.name, Timestamp.microseconds(reminder.publicDate.instant),
                    Timestamp.microseconds(date),
                ]
            ], into: "embargo_reminders", columns: ["case_id", "reminder", "public_at", "sent_at"])
        return true
    }

    /// Whether a remediation reminder was sent (for its kind, vendor, case and due date).
    public func wasSent(_ kind: DeadlineReminder, of deadline: RemediationDeadline) async throws -> Bool {
        try await database.select().column("case_id").from("remediation_reminders")
            .where("case_id", .equal, deadline.caseID.rawValue)
            .where("organization_id", .equal, deadline.organization.rawValue).where("reminder", .equal, kind.name)
            .where("due_at", .equal, Timestamp.microseconds(deadline.dueAt)).first() != nil
    }

    /// Records a remediation reminder as sent.
    ///
    /// - Returns: `false` when it was sent already.
    public func recordReminder(
        _ kind: DeadlineReminder, of deadline: RemediationDeadline, at date: Date
    ) async throws -> Bool {
        guard try await !wasSent(kind, of: deadline) else { return false }
        try await database.insert(
            [
                [
                    deadline.caseID.rawValue, deadline.organization.rawValue, kind.name,
                    Timestamp.microseconds(deadline.dueAt), Timestamp.microseconds(date),
                ]
            ], into: "remediation_reminders",
            columns: ["case_id", "organization_id", "reminder", "due_at", "sent_at"])
        return true
    }

    /// Stores a new embargo with its changes.
    public func insert(_ embargo: Embargo) async throws {
        try await database.insert([try Self.values(embargo)], into: "case_embargoes", columns: Self.embargoColumns)
        try await insertChanges(of: embargo, from: 0)
    }

    /// Stores an embargo's new state and the changes after the first `known`.
    public func update(_ embargo: Embargo, knownChanges known: Int) async throws {
        let date = embargo.publicDate
        try await database.update("case_embargoes")
            .set("state", to: embargo.state.rawValue)
            .set("public_local", to: date.local)
            .set("public_zone", to: date.timeZone)
            .set("public_at", to: Timestamp.microseconds(date.instant))
            .set("agreed", to: try Self.agreedText(embargo))
            .set("updated_at", to: Timestamp.microseconds(embargo.changes.last?.at ?? embargo.validatedAt))
            .where("case_id", .equal, embargo.caseID.rawValue).run()
        try await insertChanges(of: embargo, from: known)
    }

    /// The statuses the participants of a case gave, by organization id.
    public func statuses(of caseID: Case.ID) async throws -> [ParticipantStatus] {
        try await database.select().columns(Self.statusColumns).from("participant_statuses")
            .where("case_id", .equal, caseID.rawValue).orderBy("organization_id").all().map(Self.status)
    }

    /// Records a participant's status on a case, replacing the one it gave before.
    public func set(_ status: ParticipantStatus, on caseID: Case.ID) async throws {
        try await database.delete(from: "participant_statuses").where("case_id", .equal, caseID.rawValue)
            .where("organization_id", .equal, status.organization.rawValue).run()
        try await database.insert(
            [
                [
                    caseID.rawValue, status.organization.rawValue, status.status.rawValue,
                    status.justification?.rawValue,
                    status.statement, Timestamp.microseconds(status.updatedAt),
                ] as [any Encodable & Sendable]
            ], into: "participant_statuses", columns: Self.statusColumns)
    }

    private func insertChanges(of embargo: Embargo, from start: Int) async throws {
        let added = Array(embargo.changes.enumerated().dropFirst(start))
        guard !added.isEmpty else { return }
        try await database.insert(added, into: "embargo_changes", columns: Self.changeColumns) { position, change in
            [
                embargo.caseID.rawValue, position, change.kind.rawValue, change.by?.rawValue,
                change.publicDate.local, change.publicDate.timeZone, Timestamp.microseconds(change.publicDate.instant),
                change.reason, Timestamp.microseconds(change.at),
            ]
        }
    }

    private static func values(_ embargo: Embargo) throws -> [any Encodable & Sendable] {
        let date = embargo.publicDate
        return [
            embargo.caseID.rawValue, Timestamp.microseconds(embargo.validatedAt), embargo.state.rawValue, date.local,
            date.timeZone, Timestamp.microseconds(date.instant), try agreedText(embargo),
            Timestamp.microseconds(embargo.changes.last?.at ?? embargo.validatedAt),
        ]
    }

    private static func agreedText(_ embargo: Embargo) throws -> String {
        String(decoding: try JSONEncoder().encode(embargo.agreed.map(\.rawValue).sorted()), as: UTF8.self)
    }

    private static func publicDate(_ row: StoredRow) throws -> PublicDate {
        PublicDate(
            stored: try row.text("public_local"), timeZone: try row.text("public_zone"),
            instant: try row.date("public_at"))
    }

    private static func change(_ row: any SQLRow) throws -> EmbargoChange {
        let stored = try StoredRow(row, table: "embargo_changes", idColumn: "case_id")
        return EmbargoChange(
            kind: try stored.enumeration("kind"), by: try stored.optionalIdentifier("organization_id"),
            publicDate: try publicDate(stored), reason: try stored.optionalText("reason"),
            at: try stored.date("changed_at"))
    }

    private static func status(_ row: any SQLRow) throws -> ParticipantStatus {
        let stored = try StoredRow(row, table: "participant_statuses", idColumn: "case_id")
        return ParticipantStatus(
            stored: try stored.identifier("organization_id"), status: try stored.enumeration("status"),
            justification: try stored.optionalEnumeration("justification"),
            statement: try stored.optionalText("statement"), updatedAt: try stored.date("updated_at"))
    }
}
