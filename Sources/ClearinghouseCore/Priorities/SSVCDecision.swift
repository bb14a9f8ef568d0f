public import Foundation
public import SSVC

/// An SSVC decision someone recorded about a case or an advisory: the table, each input as the table names it,
/// the outcome, who decided and when. Decisions are kept as history; the newest one counts.
public struct SSVCDecision: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<SSVCDecision>

    /// One input: the decision point and the value chosen, by key and name.
    public struct Input: Sendable, Hashable {
        public let point: String
        public let pointName: String
        public let value: String
        public let valueName: String

        public init(point: String, pointName: String, value: String, valueName: String) {
            self.point = point
            self.pointName = pointName
            self.value = value
            self.valueName = valueName
        }
    }

    public let id: ID
    public let subject: PrioritySubject
    /// The table's short name (`cisa-coordinator`, `deployer` …).
    public let table: String
    /// The table's `namespace:key:version`.
    public let tableID: String
    /// The outcome decision point's `namespace:key:version`.
    public let outcomePoint: String
    /// The outcome value's key and name.
    public let outcome: String
    public let outcomeName: String
    public let inputs: [Input]
    public let decidedBy: AuditActor
    public let decidedAt: Date
    public let rationale: String?

    public init(
        id: ID, subject: PrioritySubject, table: String, tableID: String, outcomePoint: String, outcome: String,
        outcomeName: String, inputs: [Input], decidedBy: AuditActor, decidedAt: Date, rationale: String?
    ) {
        self.id = id
        self.subject = subject
        self.table = table
        self.tableID = tableID
        self.outcomePoint = outcomePoint
        self.outcome = outcome
        self.outcomeName = outcomeName
        self.inputs = inputs
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.rationale = rationale
    }

    /// Applies a table to a party's inputs.
    ///
    /// - Parameters:
    ///   - table: The table's short name or `namespace:key:version`.
    ///   - given: Decision points and values by key or name.
    /// - Throws: `invalid_field` naming `table` or `inputs` with the SSVC library's message (which lists what is
    ///   accepted), or `rationale` when it is too long or holds control characters.
    public static func decide(
        id: ID, subject: PrioritySubject, table name: String, inputs given: [(String, String)], rationale: String?,
        by actor: AuditActor, at date: Date
    ) throws(ClearinghouseError) -> SSVCDecision {
        let table: DecisionTable
        do {
            table = try DecisionTables.named(name)
        } catch {
            throw .invalidField("table", error.message)
        }
        let decision: Decision
        do {
            decision = try table.decide(given)
        } catch {
            throw .invalidField("inputs", error.message)
        }
        let rationale = try rationale.map { (text) throws(ClearinghouseError) in
            try TextRules.note(text, field: "rationale", maximumLength: 4000)
        }
        return SSVCDecision(
            id: id, subject: subject, table: DecisionTables.shortName(of: table) ?? name, tableID: table.id,
            outcomePoint: table.outcome, outcome: decision.outcome.key, outcomeName: decision.outcome.name,
            inputs: decision.inputs.map {
                Input(point: $0.point.key, pointName: $0.point.name, value: $0.value.key, valueName: $0.value.name)
            },
            decidedBy: actor, decidedAt: date, rationale: rationale?.isEmpty == true ? nil : rationale)
    }

    /// Who may see the decision: a coordinator's decision is as visible as its subject, since coordinators decide
    /// for everyone who may see it; anyone else's is its own organization's (and coordinators'), because a
    /// deployer's inputs describe its own systems.
    public func visibility(subject: Visibility, decidedByCoordinator: Bool) -> Visibility {
        decidedByCoordinator
            ? subject : Visibility(label: .amberStrict, owner: decidedBy.organizationID)
    }
}
