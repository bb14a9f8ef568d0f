public import Foundation

/// A developer's question to the designation authorities: does this model meet the designation of a covered
/// frontier model? It may point at the developer's own evaluations as a self-assessment. As confidential as the
/// model; committed to the transparency log.
public struct DesignationRequest: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<DesignationRequest>

    public static let maximumNoteLength = 2_000
    public static let maximumEvaluations = 100

    public let id: ID
    public let model: FrontierModel.ID
    public let requestedBy: Organization.ID
    public let requestedAt: Date
    /// The developer's own evaluations it offers as a self-assessment.
    public let evaluations: [SubmittedEvaluation.ID]
    public let note: String?

    public init(
        id: ID, model: FrontierModel.ID, requestedBy: Organization.ID, requestedAt: Date,
        evaluations: [SubmittedEvaluation.ID], note: String?
    ) {
        (self.id, self.model, self.requestedBy, self.requestedAt) = (id, model, requestedBy, requestedAt)
        (self.evaluations, self.note) = (evaluations, note)
    }
}

/// An authority's determination about a model: whether it meets the designation, by which pre-registered policy,
/// on which evaluations, why, and whom it consulted, each of whom signs off (concurring or dissenting). Advisory:
/// nothing in the framework waits on it, and a model's release is recorded whatever it says.
public struct Determination: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Determination>

    public static let maximumRationaleLength = 20_000
    public static let maximumConsulted = 20

    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// The model meets the designation: a covered frontier model.
        case covered
        /// It does not.
        case notCovered = "not_covered"
        /// The evaluations cannot tell.
        case undetermined
    }

    public let id: ID
    public let model: FrontierModel.ID
    public let request: DesignationRequest.ID?
    public let policy: RegisteredThresholdPolicy.ID
    public let outcome: Outcome
    public let rationale: String
    public let evaluations: [SubmittedEvaluation.ID]
    /// The organizations consulted, each asked to sign off.
    public let consulted: [Organization.ID]
    public let recordedBy: Organization.ID
    public let recordedAt: Date

    public init(
        id: ID, model: FrontierModel.ID, request: DesignationRequest.ID?, policy: RegisteredThresholdPolicy.ID,
        outcome: Outcome, rationale: String, evaluations: [SubmittedEvaluation.ID], consulted: [Organization.ID],
        recordedBy: Organization.ID, recordedAt: Date
    ) {
        (self.id, self.model, self.request, self.policy, self.outcome) = (id, model, request, policy, outcome)
        (self.rationale, self.evaluations, self.consulted) = (rationale, evaluations, consulted)
        (self.recordedBy, self.recordedAt) = (recordedBy, recordedAt)
    }

    /// Who sees it: whoever sees the model, and the consulted organizations, so that they can sign off.
    public func visibility(of model: FrontierModel, authorities: Set<Organization.ID>) -> Visibility {
        var visibility = model.visibility(authorities: authorities)
        visibility.participants.formUnion(consulted)
        return visibility
    }
}

/// A consulted organization's sign-off on a determination: it concurs or dissents, with a note.
public struct DeterminationSignOff: Sendable, Hashable {
    public static let maximumNoteLength = 2_000

    public enum Position: String, Sendable, Hashable, CaseIterable {
        case concur
        case dissent
    }

    public let determination: Determination.ID
    public let organization: Organization.ID
    public let position: Position
    public let note: String?
    public let signedAt: Date

    public init(
        determination: Determination.ID, organization: Organization.ID, position: Position, note: String?,
        signedAt: Date
    ) {
        (self.determination, self.organization, self.position, self.note, self.signedAt) =
            (determination, organization, position, note, signedAt)
    }
}

extension DesignationRequest {
    /// Checks a developer's request.
    ///
    /// - Throws: `invalid_field` for too many evaluations (`evaluation_ids`) or a note that is too long (`note`).
    public init(
        requesting evaluations: [SubmittedEvaluation.ID], note: String?, id: ID, model: FrontierModel.ID,
        by developer: Organization.ID, now: Date
    ) throws(ClearinghouseError) {
        guard evaluations.count <= Self.maximumEvaluations, Set(evaluations).count == evaluations.count else {
            throw .invalidField(
                "evaluation_ids", "`evaluation_ids` lists at most \(Self.maximumEvaluations) evaluations, each once.")
        }
        self.init(
            id: id, model: model, requestedBy: developer, requestedAt: now, evaluations: evaluations,
            note: try note.map { (text) throws(ClearinghouseError) in
                try TextRules.note(text, field: "note", maximumLength: Self.maximumNoteLength)
            })
    }
}

extension Determination {
    /// Checks a determination as an authority records it.
    ///
    /// - Throws: `invalid_field` naming the field: an empty or overlong rationale, too many consulted
    ///   organizations or evaluations, or one named twice.
    public init(
        recording outcome: Outcome, rationale: String, policy: RegisteredThresholdPolicy.ID,
        evaluations: [SubmittedEvaluation.ID], consulted: [Organization.ID], request: DesignationRequest.ID?,
        id: ID, model: FrontierModel.ID, by authority: Organization.ID, now: Date
    ) throws(ClearinghouseError) {
        guard !rationale.allSatisfy(\.isWhitespace) else {
            throw .invalidField("rationale", "`rationale` says why: the evaluations, the policy, what was weighed.")
        }
        guard consulted.count <= Self.maximumConsulted, Set(consulted).count == consulted.count else {
            throw .invalidField(
                "consulted", "`consulted` names at most \(Self.maximumConsulted) organizations, each once.")
        }
        guard evaluations.count <= DesignationRequest.maximumEvaluations, Set(evaluations).count == evaluations.count
        else {
            throw .invalidField(
                "evaluation_ids",
                "`evaluation_ids` lists at most \(DesignationRequest.maximumEvaluations) evaluations, each once.")
        }
        self.init(
            id: id, model: model, request: request, policy: policy, outcome: outcome,
            rationale: try TextRules.note(rationale, field: "rationale", maximumLength: Self.maximumRationaleLength),
            evaluations: evaluations, consulted: consulted, recordedBy: authority, recordedAt: now)
    }
}

extension DeterminationSignOff {
    /// Checks a sign-off's note.
    ///
    /// - Throws: `invalid_field` (`note`) for a note that is too long.
    public init(
        signing determination: Determination.ID, as organization: Organization.ID, position: Position, note: String?,
        now: Date
    ) throws(ClearinghouseError) {
        self.init(
            determination: determination, organization: organization, position: position,
            note: try note.map { (text) throws(ClearinghouseError) in
                try TextRules.note(text, field: "note", maximumLength: Self.maximumNoteLength)
            }, signedAt: now)
    }
}
