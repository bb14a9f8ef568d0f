import ChildProcesses
import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs the built `clearinghouse` executable as a user would.
enum CommandRunner {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    /// A command started and not yet finished, with the pipes its output and errors go to (none when they go to a
    /// log file).
    struct Launched: Sendable {
        let child: ChildProcess
        let output: Pipe?
        let errors: Pipe?

        /// Everything the command writes to its errors, once it closes them.
        func readErrors() throws -> String {
            String(decoding: try errors?.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        }
    }

    /// The executable `swift build` put beside the test bundle.
    static var executable: URL {
        get throws {
            let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let candidates = [
                directory.appendingPathComponent("clearinghouse"),
                directory.deletingLastPathComponent().appendingPathComponent("clearinghouse"),
            ]
            return try #require(
                candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                "the clearinghouse executable is not built beside the tests (looked in \(candidates.map(\.path)))")
        }
    }

    /// Runs the command to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try finish(try start(arguments, environment: environment))
    }

    /// Runs a command that must finish by itself, such as a server that must refuse to start; after `seconds` it
    /// is killed and the test fails rather than hangs.
    static func run(_ arguments: [String], within seconds: Int) async throws -> Result {
        let launched = try start(arguments)
        for _ in 0..<seconds * 10 where launched.child.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
        if launched.child.isRunning {
            launched.child.terminate()
            Issue.record("`clearinghouse \(arguments.joined(separator: " "))` did not finish within \(seconds) s")
        }
        return try finish(launched)
    }

    /// Reads a command's output and errors (at once: either may fill its pipe first) until it exits.
    private static func finish(_ launched: Launched) throws -> Result {
        let errors = Mutex("")
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { errors.withLock { $0 = (try? launched.readErrors()) ?? "" } }
        let output = try launched.output?.fileHandleForReading.readToEnd() ?? Data()
        let termination = launched.child.waitUntilExit()
        reading.wait()
        let status: Int32 =
            switch termination {
            case .exited(let status): status
            case .signaled(let signal): 128 + signal
            }
        return Result(
            status: status, output: String(decoding: output, as: UTF8.self), errors: errors.withLock { $0 })
    }

    /// Starts the command and returns at once. Its output goes to pipes, or to `log` when given: a long-running
    /// server fills a pipe nobody reads and then stops.
    static func start(
        _ arguments: [String], environment: [String: String] = [:], input: Pipe? = nil, directory: URL? = nil,
        log: FileHandle? = nil
    ) throws -> Launched {
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "CLEARINGHOUSE_DATABASE_URL")
        merged.merge(environment) { $1 }
        let output = log == nil ? Pipe() : nil
        let errors = log == nil ? Pipe() : nil
        let child = try ChildProcess(
            try executable.path, arguments: arguments, environment: merged, directory: directory?.path,
            input: input.map { .pipe($0) } ?? .null, output: stream(output, log), errors: stream(errors, log))
        return Launched(child: child, output: output, errors: errors)
    }

    private static func stream(_ pipe: Pipe?, _ log: FileHandle?) -> ChildProcess.Stream {
        if let pipe { return .pipe(pipe) }
        return log.map { .file($0) } ?? .inherit
    }

    /// A fresh directory for one test.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clearinghouse-cli-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A TCP port on the loopback interface that nothing listens on now.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        try #require(bound == 0, "could not bind a loopback port")
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// GETs a URL on the loopback interface; `nil` when nothing answers.
    static func get(_ url: String, token: String? = nil) async -> (status: Int, body: String)? {
        await send("GET", url, token: token)
    }

    /// Sends a request to a URL on the loopback interface; `nil` when nothing answers.
    static func send(
        _ method: String, _ url: String, token: String? = nil, json: String? = nil
    ) async -> (status: Int, body: String)? {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 5
        if let token {
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        guard let (data, response) = try? await URLSession.shared.data(for: request),
            let http = response as? HTTPURLResponse
        else { return nil }
        return (http.statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Waits until a server on `port` answers `/ready`.
    static func waitUntilReady(port: Int) async throws -> Bool {
        for _ in 0..<150 {
            if await get("http://127.0.0.1:\(port)/ready")?.status == 200 {
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
