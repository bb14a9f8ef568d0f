public import ClearinghouseCore
public import Foundation
import Synchronization

/// A clock that stands still until a test moves it, and a seeded random generator: dependencies that make core
/// and server behaviour repeatable.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// Creates a clock at a time (default: 2027-01-15T08:00:00Z).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    /// The clock's time.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }
}

extension Dependencies {
    /// Dependencies for tests: the given clock, and random bytes from SplitMix64 seeded with `seed`.
    public static func test(clock: TestClock = TestClock(), seed: UInt64 = 0x5EED) -> Dependencies {
        let state = Mutex(seed)
        return Dependencies(
            now: { clock.now },
            randomBytes: { count in
                state.withLock { state in
                    (0..<count).map { _ in
                        state &+= 0x9E37_79B9_7F4A_7C15
                        var z = state
                        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
                    }
                }
            })
    }
}
