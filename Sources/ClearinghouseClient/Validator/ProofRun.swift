import ChildProcesses
public import Foundation

/// One run of a validator's command on a job's proof, and what it means.
///
/// The convention a proof command follows (docs/findings.md, "Writing a proof command"), as fuzzing and
/// proof-of-vulnerability harnesses use it:
///
/// | the command … | result |
/// |---|---|
/// | exits 0: the proof does **not** trigger the vulnerability | `not_reproduced` |
/// | exits 1–124 or 128–255 (a shell reports a crashed child as 128 + its signal) | `reproduced` |
/// | exits 125 (could not test, as `git bisect run` uses it), 126 (not executable), 127 (not found) | `inconclusive` |
/// | is itself killed by a signal, runs out of time, or floods its output | `inconclusive` |
///
/// A command killed by a signal is not a reproduction: an out-of-memory kill, a stray SIGTERM or the sandbox
/// failing look the same. A proof that crashes its target runs the target as a child and exits non-zero.
public struct ProofRun: Sendable, Hashable {
    /// How the command ended.
    public enum Ending: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        /// It wrote more than ``CommandExecution/maximumOutput`` bytes and was stopped.
        case outputExceeded
    }

    public let ending: Ending
    /// The command's standard error, or standard output when standard error is empty, as far as it was kept.
    public let output: String

    public init(ending: Ending, output: String) {
        self.ending = ending
        self.output = output
    }

    /// The exit status that means "could not test".
    public static let cannotTest: Int32 = 125
    /// The exit statuses of a command that could not be run: not executable, not found.
    public static let couldNotRun: Set<Int32> = [126, 127]

    /// The result to attest: `reproduced`, `not_reproduced` or `inconclusive`.
    public var result: String {
        switch ending {
        case .exited(0): "not_reproduced"
        case .exited(let status) where status == Self.cannotTest || Self.couldNotRun.contains(status): "inconclusive"
        case .exited: "reproduced"
        case .signaled, .timedOut, .outputExceeded: "inconclusive"
        }
    }

    /// What the run showed, for the attestation: how it ended, and the sanitizer's or runtime's report line when
    /// there is one (`ERROR: AddressSanitizer: stack-buffer-overflow …`, `*** stack smashing detected ***`), else
    /// the last line of output.
    public var observedSignature: String {
        let how: String
        switch ending {
        case .exited(let status): how = "exit status \(status)"
        case .signaled(let signal): how = "signal \(Self.signalName(signal))"
        case .timedOut: how = "timed out"
        case .outputExceeded: how = "stopped: its output passed \(CommandExecution.maximumOutput) bytes"
        }
        // Control characters (escape sequences, NUL) would make the attestation unreadable, or refused.
        let printable = String(
            String.UnicodeScalarView(
                output.unicodeScalars.map { $0.properties.generalCategory == .control && $0 != "\n" ? " " : $0 }))
        let lines = printable.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let markers = ["ERROR:", "SUMMARY:", "***", "panic", "Traceback", "Segmentation fault", "runtime error"]
        let report = lines.first { line in markers.contains { line.contains($0) } } ?? lines.last
        guard let report else { return how }
        return how + ": " + String(report.prefix(300))
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGABRT: "SIGABRT", SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE",
            SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP",
        ]
        return names[signal] ?? "\(signal)"
    }
}

/// Runs a proof command: in its own process group (the whole group is stopped on timeout), with a scrubbed
/// environment, its output in files and capped, and, where the machine has one, inside a sandbox without network.
enum CommandExecution {
    /// The most output (standard output and error together) a command may write.
    static let maximumOutput = 4 * 1024 * 1024

    /// How a command is isolated from the network and the rest of the machine.
    enum Sandbox: String, Sendable {
        /// bubblewrap: no network, a private /tmp and process namespace, the file system read-only but the job's
        /// directory.
        case bubblewrap
        /// `unshare`: no network, in a user namespace.
        case unshare
        /// Nothing is available: the command runs as the validator's user, with network.
        case none

        /// The sandbox this machine offers, best first.
        static let available: Sandbox = {
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap") { return .bubblewrap }
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") && works(["unshare", "-rn", "true"]) {
                return .unshare
            }
            return .none
        }()

        private static func works(_ command: [String]) -> Bool {
            let process = try? ChildProcess("/usr/bin/env", arguments: command, output: .null, errors: .null)
            return process?.waitUntilExit() == .exited(0)
        }

        /// The command, wrapped to run in this sandbox with `directory` writable.
        func wrap(_ command: [String], directory: String) -> [String] {
            switch self {
            case .bubblewrap:
                return [
                    "bwrap", "--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--ro-bind", "/",
                    "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--tmpfs", "/home", "--tmpfs", "/root",
                    "--bind", directory, directory, "--chdir", directory, "--",
                ] + command
            case .unshare: return ["unshare", "-rn", "--"] + command
            case .none: return command
            }
        }
    }

    /// The environment a proof command gets: a search path, a home and a temporary directory in the job's
    /// directory, and the job's variables; nothing of the validator's own (its token, its key's path).
    static func environment(_ job: [String: String], directory: URL) -> [String: String] {
        [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": directory.path, "TMPDIR": directory.path,
            "LANG": "C.UTF-8",
        ].merging(job) { $1 }
    }

    /// Runs `command` (its first element found on `PATH`).
    ///
    /// - Parameters:
    ///   - environment: The job's variables.
    ///   - directory: Where the command runs and where its output files go.
    ///   - timeout: After this the command's group is sent SIGTERM, then SIGKILL a second later.
    static func run(
        _ command: [String], environment: [String: String], in directory: URL, timeout: Duration,
        sandbox: Sandbox = .available
    ) async throws -> ProofRun {
        let outputURL = directory.appendingPathComponent("stdout.txt")
        let errorURL = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? errors.close()
        }
        // The leader of a process group of its own, whose id is its process id.
        let process = try ChildProcess(
            "/usr/bin/env", arguments: sandbox.wrap(command, directory: directory.path),
            environment: Self.environment(environment, directory: directory), directory: directory.path,
            output: .file(output), errors: .file(errors), ownProcessGroup: true)
        let group = process.processIdentifier
        // The watch runs on a thread of its own, not in the concurrency pool: the deadline holds however busy the
        // pool is.
        let stopped = await withCheckedContinuation { (continuation: CheckedContinuation<ProofRun.Ending?, Never>) in
            Thread {
                continuation.resume(
                    returning: Self.watch(group: group, deadline: .now + timeout, outputs: [outputURL, errorURL]))
            }.start()
        }
        let termination = process.waitUntilExit()
        // Whatever the group left behind goes too.
        kill(-group, SIGKILL)
        let kept = Self.tail(of: errorURL).isEmpty ? Self.tail(of: outputURL) : Self.tail(of: errorURL)
        if let stopped { return ProofRun(ending: stopped, output: kept) }
        switch termination {
        case .signaled(let signal): return ProofRun(ending: .signaled(signal), output: kept)
        case .exited(let status): return ProofRun(ending: .exited(status), output: kept)
        }
    }

    /// Waits, blocking this thread, until the group's leader ends, or stops the group (SIGTERM, then SIGKILL a
    /// second later) at the deadline or when its output passes ``maximumOutput``.
    ///
    /// - Returns: why it stopped the group, or `nil` when the leader ended by itself.
    private static func watch(group: pid_t, deadline: ContinuousClock.Instant, outputs: [URL]) -> ProofRun.Ending? {
        var stopped: ProofRun.Ending?
        // Polls without reaping: the caller reaps the leader.
        while kill(group, 0) == 0 && !isZombie(group) {
            if ContinuousClock.now >= deadline {
                stopped = .timedOut
            } else if outputs.reduce(0, { $0 + size(of: $1) }) > maximumOutput {
                stopped = .outputExceeded
            }
            if stopped != nil {
                kill(-group, SIGTERM)
                usleep(1_000_000)
                kill(-group, SIGKILL)
                break
            }
            usleep(20_000)
        }
        return stopped
    }

    /// Whether a process has ended and waits to be reaped.
    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = status.lastIndex(of: ")")
        else { return true }
        return status[status.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    private static func size(of file: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The last 16 KiB of a file, read without reading the rest.
    private static func tail(of file: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return "" }
        defer { try? handle.close() }
        let end = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: end > 16_384 ? end - 16_384 : 0)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }
}
