public import Foundation

/// Where a participant of a case (a vendor, a maintainer) says its products stand, with a statement in its own
/// words: what a published advisory's product statuses and VEX statements are made from.
public struct ParticipantStatus: Sendable, Hashable {
    /// The statuses of coordinated disclosure (VINCE's vendor statuses; CSAF's and OpenVEX's product statuses,
    /// where `unknown` is `under_investigation`).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case affected
        case notAffected = "not_affected"
        case fixed
        case unknown
    }

    /// Why products are not affected, in OpenVEX's and CSAF's words.
    public enum Justification: String, Sendable, Hashable, CaseIterable {
        case componentNotPresent = "component_not_present"
        case vulnerableCodeNotPresent = "vulnerable_code_not_present"
        case vulnerableCodeNotInExecutePath = "vulnerable_code_not_in_execute_path"
        case vulnerableCodeCannotBeControlledByAdversary = "vulnerable_code_cannot_be_controlled_by_adversary"
        case inlineMitigationsAlreadyExist = "inline_mitigations_already_exist"
    }

    public static let maximumStatementLength = 10_000

    public let organization: Organization.ID
    public let status: Status
    /// Given for `not_affected` only, where VEX asks for a justification or a statement.
    public let justification: Justification?
    public let statement: String?
    public let updatedAt: Date

    /// Checks a status as a participant gives it.
    ///
    /// - Throws: `invalid_field` for `status` or `justification` when unknown, for `justification` when given with
    ///   a status other than `not_affected`, for `statement` when it is too long or holds control characters, and
    ///   for `statement` when `not_affected` comes with neither a justification nor a statement (VEX requires one).
    public init(
        organization: Organization.ID, status: String, justification: String?, statement: String?, now: Date
    ) throws(ClearinghouseError) {
        guard let parsed = Status(rawValue: status) else {
            throw .invalidField(
                "status", "`status` is one of \(Status.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")).")
        }
        let reason = try justification.map { text throws(ClearinghouseError) -> Justification in
            guard parsed == .notAffected else {
                throw .invalidField("justification", "Only a `not_affected` status has a `justification`.")
            }
            guard let reason = Justification(rawValue: text) else {
                throw .invalidField(
                    "justification",
                    "`justification` is one of \(Justification.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))."
                )
            }
            return reason
        }
        let statement = try statement.map { text throws(ClearinghouseError) in
            try TextRules.note(text, field: "statement", maximumLength: Self.maximumStatementLength)
        }.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        if parsed == .notAffected && reason == nil && statement == nil {
            throw .invalidField(
                "statement", "A `not_affected` status gives a `justification` or a `statement` saying why.")
        }
        self.organization = organization
        self.status = parsed
        self.justification = reason
        self.statement = statement
        self.updatedAt = now
    }

    /// A status as it was stored.
    public init(
        stored organization: Organization.ID, status: Status, justification: Justification?, statement: String?,
        updatedAt: Date
    ) {
        self.organization = organization
        self.status = status
        self.justification = justification
        self.statement = statement
        self.updatedAt = updatedAt
    }
}
