public import ClearinghouseCore
public import Foundation
import SQLKit

extension Repositories {
    public var accessWindows: AccessWindowRepository { AccessWindowRepository(database: database) }
}

/// Pre-release access windows, each evaluator's terms and attestation, and the log of every access attempt.
public struct AccessWindowRepository: Sendable {
    let database: any SQLDatabase

    static let table = "access_windows"
    static let columns = [
        "id", "model_id", "developer_id", "starts_at", "ends_at", "purpose", "opened_at", "closed_at",
    ]
    static let evaluatorTable = "access_window_evaluators"
    static let accessTable = "window_accesses"
    static let accessColumns = [
        "id", "window_id", "evaluator_id", "actor", "resource", "kind", "at", "from_address", "outcome", "signals",
    ]

    public func insert(_ window: AccessWindow) async throws {
        let values: [any Encodable & Sendable] = [
            window.id.rawValue, window.model.rawValue, window.developer.rawValue,
            Timestamp.microseconds(window.startsAt), Timestamp.microseconds(window.endsAt), window.purpose,
            Timestamp.microseconds(window.openedAt), window.closedAt.map(Timestamp.microseconds),
        ]
        try await database.insert([values], into: Self.table, columns: Self.columns)
        let evaluators: [[any Encodable & Sendable]] = window.evaluators.enumerated().map { position, evaluator in
            [window.id.rawValue, evaluator.rawValue, position]
        }
        try await database.insert(
            evaluators, into: Self.evaluatorTable, columns: ["window_id", "evaluator_id", "position"])
    }

    /// Stores a window's early close, the only field of the window that changes.
    public func update(_ window: AccessWindow) async throws {
        try await database.update(Self.table)
            .set("closed_at", to: SQLBind(window.closedAt.map(Timestamp.microseconds)))
            .where("id", .equal, window.id.rawValue).run()
    }

    public func find(_ id: AccessWindow.ID) async throws -> AccessWindow? {
        let rows = try await database.select().columns(Self.columns).from(Self.table)
            .where("id", .equal, id.rawValue).all()
        return try await windows(rows).first
    }

    /// A model's windows, by id after `after`.
    public func list(of model: FrontierModel.ID, after: String?, limit: Int) async throws -> [AccessWindow] {
        var query = database.select().columns(Self.columns).from(Self.table).where("model_id", .equal, model.rawValue)
        if let after { query = query.where("id", .greaterThan, after) }
        return try await windows(query.orderBy("id").limit(limit).all())
    }

    /// The windows an organization opened as a developer or was named in as an evaluator, or (`nil`) every window,
    /// by id after `after`.
    public func list(
        involving organization: Organization.ID?, after: String?, limit: Int
    ) async throws -> [AccessWindow] {
        var query = database.select().columns(Self.columns).from(Self.table)
        if let organization {
            let named = database.select().column("window_id").from(Self.evaluatorTable)
                .where("evaluator_id", .equal, organization.rawValue)
            query = query.where { either in
                either.where("developer_id", .equal, organization.rawValue)
                    .orWhere(SQLIdentifier("id"), .in, SQLGroupExpression(named.select))
            }
        }
        if let after { query = query.where("id", .greaterThan, after) }
        return try await windows(query.orderBy("id").limit(limit).all())
    }

    // MARK: Terms and attestations

    /// The terms each evaluator of the windows accepted, in the order the developer named the evaluators.
    public func terms(of windows: [AccessWindow.ID]) async throws -> [ConfidentialityTerms] {
        try await evaluatorRows(of: windows).compactMap { row in
            guard let acceptedAt = try row.optionalDate("accepted_at") else { return nil }
            let categories = try row.json("ip_categories", as: [String].self, what: "ip_categories")
            return ConfidentialityTerms(
                window: try row.identifier("window_id"), evaluator: try row.identifier("evaluator_id"),
                ndaScope: try row.text("nda_scope"),
                ipCategories: Set(
                    try categories.map { text in
                        try ConfidentialityTerms.IPCategory.stored(
                            text, table: row.table, id: row.id, column: "ip_categories")
                    }),
                handlingLevel: try row.enumeration("handling_level"), acceptedAt: acceptedAt)
        }
    }

    /// Records an evaluator's acceptance of the terms; the first acceptance stands.
    ///
    /// - Returns: Whether this one was recorded.
    public func accept(_ terms: ConfidentialityTerms) async throws -> Bool {
        let categories = String(
            decoding: try JSONEncoder().encode(terms.ipCategories.sorted().map(\.rawValue)), as: UTF8.self)
        return try await !database.update(Self.evaluatorTable)
            .set("nda_scope", to: terms.ndaScope).set("ip_categories", to: categories)
            .set("handling_level", to: terms.handlingLevel.rawValue)
            .set("accepted_at", to: Timestamp.microseconds(terms.acceptedAt))
            .where("window_id", .equal, terms.window.rawValue).where("evaluator_id", .equal, terms.evaluator.rawValue)
            .where("accepted_at", .is, SQLLiteral.null)
            .returning("evaluator_id").all().isEmpty
    }

    public func attestations(of windows: [AccessWindow.ID]) async throws -> [WindowAttestation] {
        try await evaluatorRows(of: windows).compactMap { row in
            guard let attestedAt = try row.optionalDate("attested_at") else { return nil }
            return WindowAttestation(
                window: try row.identifier("window_id"), evaluator: try row.identifier("evaluator_id"),
                disposition: try row.enumeration("disposition"), statement: try row.text("statement"),
                attestedAt: attestedAt)
        }
    }

    /// Records an evaluator's attestation; the first one stands.
    ///
    /// - Returns: Whether this one was recorded.
    public func attest(_ attestation: WindowAttestation) async throws -> Bool {
        try await !database.update(Self.evaluatorTable)
            .set("disposition", to: attestation.disposition.rawValue).set("statement", to: attestation.statement)
            .set("attested_at", to: Timestamp.microseconds(attestation.attestedAt))
            .where("window_id", .equal, attestation.window.rawValue)
            .where("evaluator_id", .equal, attestation.evaluator.rawValue)
            .where("attested_at", .is, SQLLiteral.null)
            .returning("evaluator_id").all().isEmpty
    }

    // MARK: Reminders

    /// The reminders due at `now`, at most `limit`: evaluators of windows that end within `lead` and were not told
    /// yet, and evaluators who accepted the terms of a window that has ended, have not attested, and were not asked
    /// within `chaseInterval`.
    public func dueReminders(
        at now: Date, lead: TimeInterval, chaseInterval: TimeInterval, limit: Int
    ) async throws -> [(reminder: WindowReminder, window: AccessWindow.ID, evaluator: Organization.ID)] {
        let time = Timestamp.microseconds(now)
        let closing = database.select().column("id").from(Self.table)
            .where("closed_at", .is, SQLLiteral.null).where("starts_at", .lessThanOrEqual, time)
            .where("ends_at", .greaterThan, time)
            .where("ends_at", .lessThanOrEqual, Timestamp.microseconds(now.addingTimeInterval(lead)))
        let ended = database.select().column("id").from(Self.table)
            .where { either in
                either.where("ends_at", .lessThanOrEqual, time).orWhere("closed_at", .isNot, SQLLiteral.null)
            }
        let reminded = try await database.select().columns("window_id", "evaluator_id").from(Self.evaluatorTable)
            .where("reminded_at", .is, SQLLiteral.null)
            .where(SQLIdentifier("window_id"), .in, SQLGroupExpression(closing.select))
            .orderBy("window_id").limit(limit).all()
        let chased = try await database.select().columns("window_id", "evaluator_id").from(Self.evaluatorTable)
            .where("accepted_at", .isNot, SQLLiteral.null).where("attested_at", .is, SQLLiteral.null)
            .where { either in
                either.where("chased_at", .is, SQLLiteral.null)
                    .orWhere(
                        "chased_at", .lessThanOrEqual, Timestamp.microseconds(now.addingTimeInterval(-chaseInterval)))
            }
            .where(SQLIdentifier("window_id"), .in, SQLGroupExpression(ended.select))
            .orderBy("window_id").limit(limit).all()
        func pairs(
            _ rows: [any SQLRow], _ reminder: WindowReminder
        ) throws
            -> [(reminder: WindowReminder, window: AccessWindow.ID, evaluator: Organization.ID)]
        {
            try rows.map { row in
                let row = try StoredRow(row, table: Self.evaluatorTable, idColumn: "window_id")
                return (reminder, try row.identifier("window_id"), try row.identifier("evaluator_id"))
            }
        }
        return try pairs(reminded, .closing) + pairs(chased, .attestationDue)
    }

    /// Records a reminder as sent, unless another node sent it meanwhile.
    ///
    /// - Returns: Whether this one was recorded.
    public func recordReminder(
        _ reminder: WindowReminder, window: AccessWindow.ID, evaluator: Organization.ID, at now: Date,
        chaseInterval: TimeInterval
    ) async throws -> Bool {
        var update = database.update(Self.evaluatorTable)
            .where("window_id", .equal, window.rawValue).where("evaluator_id", .equal, evaluator.rawValue)
        switch reminder {
        case .closing:
            update = update.set("reminded_at", to: Timestamp.microseconds(now)).where(
                "reminded_at", .is, SQLLiteral.null)
        case .attestationDue:
            update = update.set("chased_at", to: Timestamp.microseconds(now)).where("attested_at", .is, SQLLiteral.null)
                .where { either in
                    either.where("chased_at", .is, SQLLiteral.null)
                        .orWhere(
                            "chased_at", .lessThanOrEqual,
                            Timestamp.microseconds(now.addingTimeInterval(-chaseInterval)))
                }
        }
        return try await !update.returning("evaluator_id").all().isEmpty
    }

    // MARK: Accesses

    public func insert(_ record: WindowAccessRecord) async throws {
        let access = record.access
        let values: [any Encodable & Sendable] = [
            record.id.rawValue, access.window.rawValue, access.evaluator.rawValue, access.actor, access.resource,
            access.kind.rawValue, Timestamp.microseconds(access.at), access.from, access.outcome.rawValue,
            record.signals.map(\.rawValue).joined(separator: ","),
        ]
        try await database.insert([values], into: Self.accessTable, columns: Self.accessColumns)
    }

    /// A window's accesses, by id after `after`: every evaluator's, or (`evaluator`) one's.
    public func accesses(
        of window: AccessWindow.ID, by evaluator: Organization.ID?, after: String?, limit: Int
    ) async throws -> [WindowAccessRecord] {
        var query = database.select().columns(Self.accessColumns).from(Self.accessTable)
            .where("window_id", .equal, window.rawValue)
        if let evaluator { query = query.where("evaluator_id", .equal, evaluator.rawValue) }
        if let after { query = query.where("id", .greaterThan, after) }
        return try await query.orderBy("id").limit(limit).all().map(Self.access)
    }

    /// An evaluator's accesses through a window since a time, at most `limit`: the history its next access's
    /// signals are judged against.
    public func accesses(
        of window: AccessWindow.ID, by evaluator: Organization.ID, since: Date, limit: Int
    ) async throws -> [WindowAccess] {
        try await database.select().columns(Self.accessColumns).from(Self.accessTable)
            .where("window_id", .equal, window.rawValue).where("evaluator_id", .equal, evaluator.rawValue)
            .where("at", .greaterThan, Timestamp.microseconds(since))
            .orderBy("at", .descending).limit(limit).all().map { try Self.access($0).access }
    }

    // MARK: Rows

    private func windows(_ rows: [any SQLRow]) async throws -> [AccessWindow] {
        let stored = try rows.map { try StoredRow($0, table: Self.table) }
        let evaluators = try await evaluatorRows(of: try stored.map { try $0.identifier("id") })
        return try stored.map { row in
            let id: AccessWindow.ID = try row.identifier("id")
            return AccessWindow(
                id: id, model: try row.identifier("model_id"), developer: try row.identifier("developer_id"),
                evaluators: try evaluators.filter { try $0.identifier("window_id") == id }
                    .map { try $0.identifier("evaluator_id") },
                startsAt: try row.date("starts_at"), endsAt: try row.date("ends_at"), purpose: try row.text("purpose"),
                openedAt: try row.date("opened_at"), closedAt: try row.optionalDate("closed_at"))
        }
    }

    private func evaluatorRows(of windows: [AccessWindow.ID]) async throws -> [StoredRow] {
        guard !windows.isEmpty else { return [] }
        return try await database.select().column("*").from(Self.evaluatorTable)
            .where("window_id", .in, windows.map(\.rawValue)).orderBy("window_id").orderBy("position").all()
            .map { try StoredRow($0, table: Self.evaluatorTable, idColumn: "window_id") }
    }

    private static func access(_ row: any SQLRow) throws -> WindowAccessRecord {
        let row = try StoredRow(row, table: accessTable)
        let outcomeText = try row.text("outcome")
        guard let outcome = WindowAccess.Outcome(rawValue: outcomeText) else {
            throw StoreCorruption(table: accessTable, id: row.id, problem: "the outcome `\(outcomeText)` is unknown")
        }
        let signals = try row.text("signals").split(separator: ",").map { text in
            try InsiderRisk.Signal.stored(String(text), table: accessTable, id: row.id, column: "signals")
        }
        return WindowAccessRecord(
            id: try row.identifier("id"),
            access: WindowAccess(
                window: try row.identifier("window_id"), evaluator: try row.identifier("evaluator_id"),
                actor: try row.text("actor"), resource: try row.text("resource"), kind: try row.enumeration("kind"),
                at: try row.date("at"), from: try row.text("from_address"), outcome: outcome),
            signals: signals)
    }
}
