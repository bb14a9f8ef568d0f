public import Foundation

/// The clock and the source of randomness that core functions are given, so that tests can fix both.
///
/// The core never reads the system clock or a random number generator itself; whoever calls it passes a
/// `Dependencies` value. The server and the CLI build one from the system (see `Dependencies.system`), tests
/// build one from fixed values.
public struct Dependencies: Sendable {
    /// Returns the current time.
    public var now: @Sendable () -> Date
    /// Returns the given number of cryptographically secure random bytes.
    public var randomBytes: @Sendable (Int) -> [UInt8]

    /// Creates a set of dependencies.
    public init(now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.now = now
        self.randomBytes = randomBytes
    }

    /// Mints a new UUIDv7 identifier (RFC 9562): 48 bits of Unix milliseconds, then random bits.
    public func makeID<Entity>() -> Identifier<Entity> {
        let milliseconds = UInt64(max(0, (now().timeIntervalSince1970 * 1000).rounded(.down)))
        var bytes = randomBytes(16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return Identifier(uuid)
    }
}
