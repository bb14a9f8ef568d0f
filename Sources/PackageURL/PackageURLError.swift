/// Why a string or a set of components is not a valid Package URL; the message names the part at fault.
public struct PackageURLError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
