/// Why an SSVC decision cannot be made: an unknown table, decision point or value, or a missing input.
public struct SSVCError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
