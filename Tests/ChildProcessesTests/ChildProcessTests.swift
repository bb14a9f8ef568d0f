import ChildProcesses
import Foundation
import Testing

@Suite struct ChildProcessTests {
    @Test func outputErrorsAndStatusComeBack() throws {
        let output = Pipe()
        let errors = Pipe()
        let child = try ChildProcess(
            "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"], output: .pipe(output),
            errors: .pipe(errors))
        #expect(String(decoding: try output.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self) == "out\n")
        #expect(String(decoding: try errors.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self) == "err\n")
        #expect(child.waitUntilExit() == .exited(3))
        #expect(!child.isRunning)
        #expect(child.termination == .exited(3))
    }

    @Test func inputEnvironmentAndDirectoryAreTheCallers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = Pipe()
        let output = Pipe()
        let child = try ChildProcess(
            "/bin/sh", arguments: ["-c", "read line; echo \"$line $GREETING $(pwd)\"; env | wc -l"],
            environment: ["GREETING": "hello"], directory: directory.path, input: .pipe(input),
            output: .pipe(output))
        try input.fileHandleForWriting.write(contentsOf: Data("typed\n".utf8))
        try input.fileHandleForWriting.close()
        let lines = String(decoding: try output.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
            .split(separator: "\n")
        #expect(lines.first == "typed hello \(directory.path)")
        // GREETING, and what sh sets itself (PWD, SHLVL...): none of this process's variables.
        #expect(Int(lines.last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 99 < 6, "\(lines)")
        #expect(child.waitUntilExit() == .exited(0))
    }

    @Test func theChildSeesOnlyItsStandardStreams() throws {
        // A descriptor this process holds open, without close-on-exec, at a number nothing else takes.
        let opened = open("/dev/null", O_RDONLY)
        let held = fcntl(opened, F_DUPFD, 300)
        close(opened)
        defer { close(held) }
        try #require(held >= 300)
        let (termination, output) = try ChildProcess.run("/bin/sh", arguments: ["-c", "ls /proc/self/fd"])
        #expect(termination == .exited(0))
        let descriptors = String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { Int32($0) }
        #expect(descriptors.starts(with: [0, 1, 2]), "\(descriptors)")
        #expect(!descriptors.contains(held), "\(descriptors)")
        // Beyond the standard three, only the descriptor `ls` opened to list the folder.
        #expect(descriptors.count <= 4, "\(descriptors)")
    }

    @Test func signalsEndTheChildEvenWhenThisProcessIgnoresThem() throws {
        let previous = signal(SIGTERM, SIG_IGN)
        defer { signal(SIGTERM, previous) }
        let child = try ChildProcess("/bin/sleep", arguments: ["30"])
        #expect(child.isRunning)
        child.terminate()
        #expect(child.waitUntilExit() == .signaled(SIGTERM))
        // Once reaped, the id may be another process's: nothing more is sent.
        child.send(SIGKILL)
        #expect(child.termination == .signaled(SIGTERM))
    }

    @Test func aProcessGroupOfItsOwnReachesItsChildren() throws {
        let output = Pipe()
        let child = try ChildProcess(
            "/bin/sh", arguments: ["-c", "sleep 30 & echo $!; wait"], output: .pipe(output), ownProcessGroup: true)
        let line = try #require(
            String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).split(separator: "\n").first)
        let grandchild = try #require(pid_t(line))
        #expect(getpgid(grandchild) == child.processIdentifier)
        kill(-child.processIdentifier, SIGKILL)
        #expect(child.waitUntilExit() == .signaled(SIGKILL))
    }

    @Test func aMissingProgramIsAnErrorThatNamesIt() {
        #expect {
            _ = try ChildProcess("/nonexistent/program")
        } throws: { error in
            "\(error)".contains("could not start /nonexistent/program: No such file or directory")
        }
    }
}
