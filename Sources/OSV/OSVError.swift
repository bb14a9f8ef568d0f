/// Why a document could not be read as an OSV record at all (not JSON or YAML, not an object).
public struct OSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
