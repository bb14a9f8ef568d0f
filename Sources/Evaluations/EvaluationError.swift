/// Why a statistic cannot be computed from what it was given.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
