import Foundation
import Synchronization

/// Counts the sign-in and invitation forms each client address posts in the current minute, on this node, and
/// refuses beyond a limit: a brake on guessing across many addresses, before the per-person lockout (in the store)
/// takes over. Bounded: it forgets every address when it holds too many.
final class SignInThrottle: Sendable {
    private let limit: Int
    private let state = Mutex<(minute: Int64, counts: [String: Int])>((0, [:]))
    private static let maximumAddresses = 100_000

    init(attemptsPerMinute limit: Int) {
        self.limit = limit
    }

    /// Counts an attempt from an address, and says whether it may go ahead.
    func admit(_ address: String?, at now: Date) -> Bool {
        let minute = Int64(now.timeIntervalSince1970 / 60)
        let key = address ?? "unknown"
        return state.withLock { state in
            if state.minute != minute || state.counts.count >= Self.maximumAddresses {
                state = (minute, [:])
            }
            let count = state.counts[key, default: 0] + 1
            state.counts[key] = count
            return count <= limit
        }
    }
}
