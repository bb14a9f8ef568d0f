/// Why a version, a range or a native range expression cannot be read; the message names the part at fault.
public struct VersionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
