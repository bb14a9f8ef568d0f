public import ClearinghouseCore
import Foundation

extension Dependencies {
    /// The system clock and the system's cryptographically secure random number generator.
    public static var system: Dependencies {
        Dependencies(
            now: { Date() },
            randomBytes: { count in
                var generator = SystemRandomNumberGenerator()
                return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            })
    }
}
