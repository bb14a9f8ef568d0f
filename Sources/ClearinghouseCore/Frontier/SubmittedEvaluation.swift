public import Evaluations
public import Foundation

/// An evaluation of a registered model on one benchmark suite, as its developer (a self-assessment) or a
/// designation authority's evaluators submitted it: the log read into its results and the record of how they were
/// elicited, and the SHA-256 of the file as it came. It is as confidential as its model.
public struct SubmittedEvaluation: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<SubmittedEvaluation>

    public let id: ID
    public let model: FrontierModel.ID
    public let suite: String
    public let submittedBy: Organization.ID
    public let submittedAt: Date
    /// The hex SHA-256 of the submitted file.
    public let digest: String
    public let log: EvaluationLog

    public init(
        id: ID, model: FrontierModel.ID, suite: String, submittedBy: Organization.ID, submittedAt: Date, digest: String,
        log: EvaluationLog
    ) {
        (self.id, self.model, self.suite, self.submittedBy, self.submittedAt) =
            (id, model, suite, submittedBy, submittedAt)
        (self.digest, self.log) = (digest, log)
    }

    /// Checks a suite's name as a submission gives it: as threshold policies name suites.
    ///
    /// - Throws: `invalid_field` (`suite`).
    public static func checkedSuite(_ suite: String?) throws(ClearinghouseError) -> String {
        guard let suite, ThresholdPolicy.isName(suite)
        else {
            throw .invalidField(
                "suite", "`suite` is the benchmark suite's name: 1 to 100 letters, digits, `.`, `_` or `-`.")
        }
        return suite
    }

    /// The most JSON a submitted log is read into: a `.json` log's size, or what an `.eval` archive's header and
    /// summaries inflate to (64 MiB: the summaries of about 90,000 samples). A server decodes it in memory.
    public static let maximumInflatedSize = 64 << 20

    /// Reads a submitted log.
    ///
    /// - Throws: `invalid_field` (`log`) with what ``EvaluationLog/read(_:limit:)`` found wrong.
    public static func readLog(_ data: Data) throws(ClearinghouseError) -> EvaluationLog {
        do {
            return try EvaluationLog.read(data, limit: maximumInflatedSize)
        } catch {
            throw .invalidField("log", "The evaluation log cannot be read: \(error.description)")
        }
    }

    /// Whether the developer submitted it, as a self-assessment.
    public func isSelfAssessment(of model: FrontierModel) -> Bool { submittedBy == model.developer }
}
