public import Foundation
import Synchronization

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
    private let identifiers = IdentifierSequence()

    /// Creates a set of dependencies.
    public init(now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.now = now
        self.randomBytes = randomBytes
    }

    /// Mints a new UUIDv7 identifier (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, random bits.
    ///
    /// Identifiers minted by one `Dependencies` value strictly increase, even within one millisecond or when the
    /// clock stands still (RFC 9562 §6.2, method 1: the counter restarts at a random value each millisecond and,
    /// when it overflows, borrows the next millisecond).
    public func makeID<Entity>() -> Identifier<Entity> {
        var bytes = randomBytes(16)
        let milliseconds = UInt64(max(0, (now().timeIntervalSince1970 * 1000).rounded(.down)))
        let (stamp, counter) = identifiers.next(
            milliseconds: milliseconds, seed: UInt16(bytes[6] & 0x07) << 8 | UInt16(bytes[7]))
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: stamp >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return Identifier(uuid)
    }
}

/// The last (millisecond, counter) pair handed out, so that identifiers keep increasing.
private final class IdentifierSequence: Sendable {
    private let last = Mutex<(milliseconds: UInt64, counter: UInt16)>((0, 0))

    /// The next pair: a new millisecond starts its counter at `seed` (below 2048, leaving room to count); the same
    /// or an earlier millisecond continues from the last pair.
    func next(milliseconds: UInt64, seed: UInt16) -> (UInt64, UInt16) {
        last.withLock { last in
            if milliseconds > last.milliseconds {
                last = (milliseconds, seed)
            } else if last.counter < 0x0FFF {
                last.counter += 1
            } else {
                last = (last.milliseconds + 1, seed)
            }
            return last
        }
    }
}
