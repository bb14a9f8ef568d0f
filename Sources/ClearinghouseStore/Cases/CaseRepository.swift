public import ClearinghouseCore
public import Foundation
import SQLKit
public import TLP

extension Repositories {
    public var cases: CaseRepository { CaseRepository(database: database, changes: changes) }
}

/// Reads and writes cases, their participants and their transitions. Every change to a case, its participants or
/// the findings it holds joins the change feed (topic `case`), for every node's open-case catalog.
public struct CaseRepository: Sendable {
    let database: any SQLDatabase
    let changes: ChangeRepository

    /// A case by id, with its participants.
    public func find(_ id: Case.ID) async throws -> Case? {
        guard
            let row = try await database.select().columns(CaseRecord.columns).from(CaseRecord.table)
                .where("id", .equal, id.rawValue).first()
        else { return nil }
        return try CaseRecord.case(row, participants: try await participants(of: [id])[id] ?? [])
    }

    /// Cases by id, with their participants; ids that name no case are left out.
    public func find(_ ids: Set<Case.ID>) async throws -> [Case.ID: Case] {
        var found: [Case.ID: Case] = [:]
        for chunk in ids.map(\.rawValue).sorted().inListChunks() {
            let rows = try await database.select().columns(CaseRecord.columns).from(CaseRecord.table)
                .where("id", .in, Array(chunk)).all()
            let chunkIDs: [Case.ID] = try rows.map { try StoredRow($0, table: CaseRecord.table).identifier("id") }
            let participants = try await participants(of: chunkIDs)
            for (row, id) in zip(rows, chunkIDs) {
                found[id] = try CaseRecord.case(row, participants: participants[id] ?? [])
            }
        }
        return found
    }

    /// Cases in id order after a cursor, with their participants; only those within `scope` when it is given (the
    /// caller still checks each), only those `participant` is on when it is given, and only those in `states` and
    /// with `labels` when these are not empty.
    public func list(
        after: String?, limit: Int, within scope: ReadScope? = nil, participant: Organization.ID? = nil,
        states: Set<CaseState> = [], labels: Set<TLPLabel> = []
    ) async throws -> [Case] {
        var query = database.select().columns(CaseRecord.columns).from(CaseRecord.table)
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        if let participant {
            query = query.where(
                "id", .in,
                SQLSubquery.select {
                    $0.column("case_id").from("case_participants").where(
                        "organization_id", .equal, participant.rawValue)
                })
        }
        if !states.isEmpty {
            query = query.where("state", .in, states.map(\.rawValue).sorted())
        }
        if !labels.isEmpty {
            query = query.where("label", .in, labels.map(\.rawValue).sorted())
        }
        if let scope {
            let labels = scope.labels.map(\.rawValue).sorted()
            query = query.where { visible in
                var visible = visible.where("label", .in, labels)
                if let organization = scope.organization?.rawValue {
                    visible = visible.orWhere("owner_organization_id", .equal, organization)
                        .orWhere(
                            "id", .in,
                            SQLSubquery.select {
                                $0.column("case_id").from("case_participants").where(
                                    "organization_id", .equal, organization)
                            })
                }
                return visible
            }
        }
        let rows = try await query.orderBy("id").limit(limit).all()
        let ids: [Case.ID] = try rows.map { try StoredRow($0, table: CaseRecord.table).identifier("id") }
        let participants = try await participants(of: ids)
        return try zip(rows, ids).map { try CaseRecord.case($0, participants: participants[$1] ?? []) }
    }

    /// Cases that are neither merged nor in one of `excluded` states, with their participants.
    public func list(excluding excluded: Set<CaseState>) async throws -> [Case] {
        var query = database.select().columns(CaseRecord.columns).from(CaseRecord.table).where(
            SQLColumn("merged_into"), .is, SQLLiteral.null)
        if !excluded.isEmpty {
            query = query.where("state", .notIn, excluded.map(\.rawValue).sorted())
        }
        let rows = try await query.orderBy("id").all()
        let ids: [Case.ID] = try rows.map { try StoredRow($0, table: CaseRecord.table).identifier("id") }
        let participants = try await participants(of: ids)
        return try zip(rows, ids).map { try CaseRecord.case($0, participants: participants[$1] ?? []) }
    }

    /// What the findings of each case name: their aliases (CVE, GHSA …, in upper case) and the Package URLs of
    /// their package targets, read from the findings' own columns (not their documents).
    public func aliasesAndPackages(
        of ids: [Case.ID]
    ) async throws -> [Case.ID: (aliases: Set<String>, packages: Set<String>)] {
        var named: [Case.ID: (aliases: Set<String>, packages: Set<String>)] = [:]
        for chunk in ids.inListChunks() {
            let rows = try await database.select().columns("id", "case_id", "aliases", "purl").from(FindingRecord.table)
                .where("case_id", .in, chunk.map(\.rawValue)).all()
            for row in rows {
                let stored = try StoredRow(row, table: FindingRecord.table)
                let caseID: Case.ID = try stored.identifier("case_id")
                if try stored.text("aliases") != "[]" {
                    let listed = try stored.json("aliases", as: [String].self, what: "finding's aliases")
                    named[caseID, default: ([], [])].aliases.formUnion(listed.map { $0.uppercased() })
                }
                if let purl = try stored.optionalText("purl") { named[caseID, default: ([], [])].packages.insert(purl) }
            }
        }
        return named
    }

    /// The participants of each case.
    private func participants(of ids: [Case.ID]) async throws -> [Case.ID: Set<Organization.ID>] {
        var participants: [Case.ID: Set<Organization.ID>] = [:]
        for chunk in ids.inListChunks() {
            let rows = try await database.select().columns("case_id", "organization_id").from("case_participants")
                .where("case_id", .in, chunk.map(\.rawValue)).all()
            for row in rows {
                let row = try StoredRow(row, table: "case_participants", idColumn: "case_id")
                participants[try row.identifier("case_id"), default: []].insert(try row.identifier("organization_id"))
            }
        }
        return participants
    }

    /// Records a transition and moves the case to its new state.
    public func apply(_ transition: CaseTransition) async throws {
        try await changes.record(.case, ids: [transition.caseID.rawValue], at: transition.occurredAt)
        try await database.insert(
            [CaseTransitionRecord.values(transition)], into: CaseTransitionRecord.table,
            columns: CaseTransitionRecord.columns)
        try await database.update(CaseRecord.table)
            .set("state", to: transition.to.rawValue)
            .set("updated_at", to: Timestamp.microseconds(transition.occurredAt))
            .where("id", .equal, transition.caseID.rawValue).run()
    }

    /// A case's transitions, oldest first.
    public func transitions(of id: Case.ID) async throws -> [CaseTransition] {
        try await database.select().columns(CaseTransitionRecord.columns).from(CaseTransitionRecord.table)
            .where("case_id", .equal, id.rawValue).orderBy("id").all().map(CaseTransitionRecord.transition)
    }

    /// Puts an organization on a case's need-to-know list; one already on it stays as it is.
    public func addParticipant(_ organization: Organization.ID, to caseID: Case.ID, at date: Date) async throws {
        let present =
            try await database.select().column("organization_id").from("case_participants")
            .where("case_id", .equal, caseID.rawValue).where("organization_id", .equal, organization.rawValue)
            .first() != nil
        guard !present else { return }
        try await changes.record(.case, ids: [caseID.rawValue], at: date)
        try await database.insert(
            [[caseID.rawValue, organization.rawValue, Timestamp.microseconds(date)]], into: "case_participants",
            columns: ["case_id", "organization_id", "added_at"])
    }

    /// The organizations that reported findings of a case.
    public func reporters(of caseID: Case.ID) async throws -> Set<Organization.ID> {
        Set(
            try await database.select().distinct().column("organization_id").from(FindingRecord.table)
                .where("case_id", .equal, caseID.rawValue).all().compactMap {
                    Organization.ID(try $0.decode(column: "organization_id", as: String.self))
                })
    }

    /// What validators reproduce a case from: its first finding's target, and the proof a coordinator chose or else
    /// the first artifact the first finding cites.
    public func evidence(
        of caseID: Case.ID, proof chosen: ArtifactDigest? = nil
    ) async throws
        -> (target: FindingTarget?, artifact: ArtifactDigest?)
    {
        guard let found = try await find(caseID),
            let first = try await database.select().columns(FindingRecord.columns).from(FindingRecord.table)
                .where("id", .equal, found.firstFinding.rawValue).first().map(FindingRecord.finding)
        else { return (nil, chosen) }
        // The first reporter's proof: a later reporter's artifact never becomes what validators run, unless a
        // coordinator chose it.
        return (first.draft.target, chosen ?? first.draft.artifacts.first)
    }

    /// Whether a finding of a case cites an artifact.
    public func cites(_ digest: ArtifactDigest, inCase caseID: Case.ID) async throws -> Bool {
        try await database.select().column(SQLColumn("sha256", table: "finding_artifacts"))
            .from("finding_artifacts")
            .join(
                FindingRecord.table, on: SQLColumn("id", table: FindingRecord.table), .equal,
                SQLColumn("finding_id", table: "finding_artifacts")
            )
            .where(SQLColumn("case_id", table: FindingRecord.table), .equal, SQLBind(caseID.rawValue))
            .where(SQLColumn("sha256", table: "finding_artifacts"), .equal, SQLBind(digest.hex)).first() != nil
    }

    /// How many findings a case has.
    public func findingCount(of id: Case.ID) async throws -> Int {
        try await database.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(FindingRecord.table).where("case_id", .equal, id.rawValue).first()?
            .decode(column: "n", as: Int.self) ?? 0
    }
}

extension CaseRepository {
    /// Takes an organization off a case's need-to-know list.
    public func removeParticipant(_ organization: Organization.ID, from caseID: Case.ID, at date: Date) async throws {
        try await changes.record(.case, ids: [caseID.rawValue], at: date)
        try await database.delete(from: "case_participants").where("case_id", .equal, caseID.rawValue)
            .where("organization_id", .equal, organization.rawValue).run()
    }

    /// Inserts a new case, as a split makes it, with its participants and opening transition.
    public func insert(_ record: Case, opening: CaseTransition) async throws {
        try await changes.record(.case, ids: [record.id.rawValue], at: record.createdAt)
        try await database.insert([CaseRecord.values(record)], into: CaseRecord.table, columns: CaseRecord.columns)
        try await database.insert(
            [CaseTransitionRecord.values(opening)], into: CaseTransitionRecord.table,
            columns: CaseTransitionRecord.columns)
        for organization in record.participants.sorted() {
            try await addParticipant(organization, to: record.id, at: record.createdAt)
        }
    }

    /// Folds `source` into `target`: its findings, fingerprints and validation jobs move, its participants join
    /// the target's list, and it is marked merged.
    public func merge(_ source: Case.ID, into target: Case.ID, label: TLPLabel, at date: Date) async throws {
        try await changes.record(.case, ids: [source.rawValue, target.rawValue], at: date)
        try await database.update(CaseRecord.table).set("label", to: label.rawValue)
            .where("id", .equal, target.rawValue).run()
        for table in [FindingRecord.table, "fingerprints", "validation_jobs"] {
            try await database.update(table).set("case_id", to: target.rawValue)
                .where("case_id", .equal, source.rawValue).run()
        }
        let participants = try await database.select().column("organization_id").from("case_participants")
            .where("case_id", .equal, source.rawValue).all()
            .compactMap { Organization.ID(try $0.decode(column: "organization_id", as: String.self)) }
        for organization in participants {
            try await addParticipant(organization, to: target, at: date)
        }
        try await database.update(CaseRecord.table).set("merged_into", to: target.rawValue)
            .set("updated_at", to: Timestamp.microseconds(date)).where("id", .equal, source.rawValue).run()
    }

    /// Moves findings to another case, with the fingerprints that only they hold among the findings left behind.
    public func move(_ findings: [Finding], from source: Case.ID, to target: Case.ID, at date: Date) async throws {
        try await changes.record(.case, ids: [source.rawValue, target.rawValue], at: date)
        try await database.update(FindingRecord.table).set("case_id", to: target.rawValue)
            .where("id", .in, findings.map(\.id.rawValue)).run()
        // The fingerprint keys of the findings left behind (the moved ones now name the target case).
        let kept = Set(
            try await database.select().column("fingerprints").from(FindingRecord.table)
                .where("case_id", .equal, source.rawValue).all()
                .flatMap {
                    try $0.decode(column: "fingerprints", as: String.self).split(separator: " ").map(String.init)
                })
        let leaving = Set(findings.flatMap { $0.fingerprints.map(\.key) }).subtracting(kept)
        guard !leaving.isEmpty else { return }
        try await database.update("fingerprints").set("case_id", to: target.rawValue)
            .where("case_id", .equal, source.rawValue).where("key", .in, leaving.sorted()).run()
    }

    // MARK: Messages

    /// Stores a message.
    public func insert(_ message: CaseMessage) async throws {
        try await database.insert(
            [
                [
                    message.id.rawValue, message.caseID.rawValue, message.author.organizationID?.rawValue,
                    message.author.tokenID?.rawValue, message.body, Timestamp.microseconds(message.postedAt),
                    message.author.personID?.rawValue, message.author.channel.rawValue,
                ]
            ], into: "case_messages", columns: Self.messageColumns)
    }

    private static let messageColumns = [
        "id", "case_id", "organization_id", "token_id", "body", "created_at", "person_id", "channel",
    ]

    /// A case's messages in order, after a cursor.
    public func messages(of caseID: Case.ID, after: String?, limit: Int) async throws -> [CaseMessage] {
        var query = database.select().columns(Self.messageColumns).from("case_messages")
            .where("case_id", .equal, caseID.rawValue)
        if let after {
            query = query.where("id", .greaterThan, after)
        }
        return try await query.orderBy("id").limit(limit).all().map { row in
            let row = try StoredRow(row, table: "case_messages")
            return CaseMessage(
                id: try row.identifier("id"), caseID: caseID,
                author: AuditActor(
                    organizationID: try row.optionalIdentifier("organization_id"),
                    tokenID: try row.optionalIdentifier("token_id"), personID: try row.optionalIdentifier("person_id"),
                    channel: try row.enumeration("channel")),
                body: try row.text("body"), postedAt: try row.date("created_at"))
        }
    }
}
