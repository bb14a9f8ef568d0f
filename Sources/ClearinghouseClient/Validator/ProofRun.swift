public import Foundation

/// One run of a validator's command on a job's proof, and what it means.
///
/// The convention, as fuzzing and proof-of-vulnerability harnesses use it: the command exits 0 when the proof does
/// **not** trigger the vulnerability; it exits non-zero or dies of a signal (a crash, a sanitizer abort) when it
/// does. Exit status 125 (as `git bisect run` uses it) means the command could not test, and a run that exceeds the
/// timeout proves nothing: both are inconclusive.
public struct ProofRun: Sendable, Hashable {
    /// How the command ended.
    public enum Ending: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
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

    /// The result to attest: `reproduced`, `not_reproduced` or `inconclusive`.
    public var result: String {
        switch ending {
        case .exited(0): "not_reproduced"
        case .exited(Self.cannotTest), .timedOut: "inconclusive"
        case .exited, .signaled: "reproduced"
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
        }
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
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

/// Runs a command with a timeout, its output kept in files so that a chatty command cannot block on a pipe.
enum CommandExecution {
    /// Runs `command` (its first element found on `PATH`) with extra environment variables.
    ///
    /// - Parameters:
    ///   - directory: Where the command runs and where its output files go.
    ///   - timeout: After this the command is sent SIGTERM, then SIGKILL a second later.
    static func run(
        _ command: [String], environment: [String: String], in directory: URL, timeout: Duration
    ) async throws -> ProofRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory
        let outputURL = directory.appendingPathComponent("stdout.txt")
        let errorURL = directory.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var timedOut = false
        while process.isRunning {
            if clock.now >= deadline {
                timedOut = true
                process.terminate()
                try await Task.sleep(for: .seconds(1))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        let output = errors.isEmpty ? ((try? String(contentsOf: outputURL, encoding: .utf8)) ?? "") : errors
        let kept = String(output.suffix(16_384))
        if timedOut { return ProofRun(ending: .timedOut, output: kept) }
        switch process.terminationReason {
        case .uncaughtSignal: return ProofRun(ending: .signaled(process.terminationStatus), output: kept)
        default: return ProofRun(ending: .exited(process.terminationStatus), output: kept)
        }
    }
}
