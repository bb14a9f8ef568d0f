import Synchronization

/// Runs operations one at a time, in the order they were handed in, whichever task hands them in.
///
/// An actor would not do: its methods interleave at every `await`. Here each operation starts only once the one
/// before it has finished.
final class SerialRunner: Sendable {
    private let tail = Mutex<Task<Void, Never>?>(nil)

    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let task: Task<T, any Error> = tail.withLock { tail in
            let previous = tail
            let task = Task {
                await previous?.value
                return try await operation()
            }
            tail = Task { _ = try? await task.value }
            return task
        }
        return try await task.value
    }
}
