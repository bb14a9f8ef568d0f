import Foundation
import Synchronization

/// Waits for work that might never finish without hanging the suite: the work runs in a task of its own, and past
/// the limit the wait ends with `onTimeout`, leaving the task behind.
enum BoundedWait {
    static func value<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T, within limit: Duration,
        onTimeout: @escaping @Sendable () throws -> T
    ) async throws -> T {
        let answered = Mutex(false)
        return try await withCheckedThrowingContinuation { continuation in
            // The first answer wins; a later one is not even worked out.
            let answer: @Sendable (() -> Result<T, any Error>) -> Void = { result in
                let first = answered.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result()) }
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                guard !Task.isCancelled else { return }
                answer { Result { try onTimeout() } }
            }
            Task {
                let result: Result<T, any Error>
                do {
                    result = .success(try await operation())
                } catch {
                    result = .failure(error)
                }
                answer { result }
                timer.cancel()
            }
        }
    }
}
