import CChildProcesses
public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started by this process, with `posix_spawn`.
///
/// Foundation's `Process.run()` on Linux lists `/proc/self/fd` with an over-read of each directory entry
/// (swift-corelibs-foundation PR 5472) and crashes now and then; a suite that starts hundreds of children met it.
/// This starts the child without that scan: the child closes every descriptor above its three standard streams
/// before it runs the program, so no descriptor of this process leaks into it.
public final class ChildProcess: Sendable {
    /// Where a standard stream of the child goes.
    public enum Stream: @unchecked Sendable {
        /// This process's own stream.
        case inherit
        /// `/dev/null`.
        case null
        /// An open file, or one end of a pipe the caller keeps.
        case file(FileHandle)
        /// A pipe: the child gets the end it needs (reading for its input, writing for its output) and this
        /// process's copy of that end is closed once the child has started, so reading the other end sees the end
        /// of the stream when the child exits.
        case pipe(Pipe)
    }

    /// How the child ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signaled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signaled(let signal): "ended by signal \(signal)"
            }
        }
    }

    /// The child could not be started.
    public struct SpawnFailure: Error, CustomStringConvertible {
        /// The program that did not start.
        public let executable: String
        /// The `errno` value `posix_spawn` returned.
        public let code: Int32

        public var description: String { "could not start \(executable): \(String(cString: strerror(code)))" }
    }

    /// The child's process id; its process group's too when it was started with `ownProcessGroup`.
    public let processIdentifier: Int32
    private let ending = Mutex<Termination?>(nil)

    /// Starts `executable` (a path, not looked up on `PATH`; use `/usr/bin/env` for that).
    ///
    /// The child starts with every signal at its default disposition and none blocked, whatever this process
    /// ignores or blocks (a server ignores SIGTERM while it shuts down; its children must not inherit that).
    ///
    /// - Parameters:
    ///   - arguments: The arguments after the program's name.
    ///   - environment: The child's whole environment; `nil` passes this process's.
    ///   - directory: Where the child starts; `nil` is this process's current directory.
    ///   - ownProcessGroup: Starts the child as the leader of a new process group, so that signalling
    ///     `-processIdentifier` reaches everything it starts.
    /// - Throws: ``SpawnFailure`` when the program cannot be started (missing, not executable).
    public init(
        _ executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        directory: String? = nil, input: Stream = .null, output: Stream = .inherit, errors: Stream = .inherit,
        ownProcessGroup: Bool = false
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (stream, target) in [(input, STDIN_FILENO), (output, STDOUT_FILENO), (errors, STDERR_FILENO)] {
            switch stream {
            case .inherit: break
            case .null:
                posix_spawn_file_actions_addopen(
                    &actions, target, "/dev/null", target == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
            case .file(let handle): posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            case .pipe(let pipe):
                let end = target == STDIN_FILENO ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                posix_spawn_file_actions_adddup2(&actions, end.fileDescriptor, target)
            }
        }
        clearinghouse_spawn_addclosefrom(&actions, STDERR_FILENO + 1)
        if let directory { clearinghouse_spawn_addchdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let variables = environment ?? ProcessInfo.processInfo.environment
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child = pid_t()
        let code = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnFailure(executable: executable, code: code) }
        processIdentifier = child

        // The child holds its ends of the pipes now; this process's copies would keep them open.
        var closed = Set<Int32>()
        for (stream, isInput) in [(input, true), (output, false), (errors, false)] {
            guard case .pipe(let pipe) = stream else { continue }
            let end = isInput ? pipe.fileHandleForReading : pipe.fileHandleForWriting
            if closed.insert(end.fileDescriptor).inserted { try? end.close() }
        }
    }

    /// Starts a program and waits for it, with its output and errors read together.
    ///
    /// - Returns: How it ended and everything it wrote to its output and errors, interleaved.
    public static func run(
        _ executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        directory: String? = nil
    ) throws -> (termination: Termination, output: Data) {
        let pipe = Pipe()
        let child = try ChildProcess(
            executable, arguments: arguments, environment: environment, directory: directory,
            output: .pipe(pipe), errors: .pipe(pipe))
        let output = try pipe.fileHandleForReading.readToEnd() ?? Data()
        return (child.waitUntilExit(), output)
    }

    /// Whether the child has not ended yet. Reaps it when it has.
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// How the child ended, or `nil` while it runs.
    public var termination: Termination? { reap(blocking: false) }

    /// Blocks this thread until the child ends.
    @discardableResult
    public func waitUntilExit() -> Termination {
        // Waits without reaping, so that a concurrent `isRunning` is not blocked behind this wait.
        var info = siginfo_t()
        while waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        return reap(blocking: true) ?? .exited(-1)
    }

    /// Sends `signal` to the child (while it has not been reaped, its id cannot name another process).
    public func send(_ signal: Int32) {
        ending.withLock { ending in
            if ending == nil { _ = kill(processIdentifier, signal) }
        }
    }

    /// Sends SIGTERM.
    public func terminate() { send(SIGTERM) }

    /// Reaps the child if it has ended, once, and remembers how.
    private func reap(blocking: Bool) -> Termination? {
        ending.withLock { ending in
            if let ending { return ending }
            var status: Int32 = 0
            var reaped: pid_t
            repeat {
                reaped = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG)
            } while reaped == -1 && errno == EINTR
            guard reaped == processIdentifier else { return nil }
            // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import as macros.
            let signal = status & 0x7f
            ending = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
            return ending
        }
    }
}
