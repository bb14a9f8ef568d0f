/// Why a text is not a valid CVSS vector: which metric is at fault and how.
public struct CVSSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The metric at fault (`AV`, `MPR` …), when one is.
    public let metric: String?
    public let message: String

    public init(_ message: String, metric: String? = nil) {
        self.metric = metric
        self.message = message
    }

    public var description: String { message }
}
