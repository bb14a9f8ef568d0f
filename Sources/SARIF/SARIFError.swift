/// Why a document is not a SARIF log this library reads; the message names the part at fault.
public struct SARIFError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
