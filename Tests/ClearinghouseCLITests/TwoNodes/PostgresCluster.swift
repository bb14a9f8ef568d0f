import ChildProcesses
import Foundation
import Testing

/// A throwaway PostgreSQL cluster of the test's own (`scripts/postgres-cluster`), which it may shut down and start
/// again without disturbing the cluster the rest of the suite shares.
struct PostgresCluster {
    let directory: URL
    let url: String

    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/postgres-cluster").path

    /// Runs `body` with a new cluster, and removes the cluster afterwards whether `body` succeeds or not.
    static func with<T>(_ body: (PostgresCluster) async throws -> T) async throws -> T {
        let cluster = try start()
        do {
            let result = try await body(cluster)
            cluster.stop()
            return result
        } catch {
            cluster.stop()
            throw error
        }
    }

    private static func start() throws -> PostgresCluster {
        let directory = URL(fileURLWithPath: "/tmp/clearinghouse-pg-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let output = try run("start", directory)
        let url = try #require(output.split(separator: "\n").last.map(String.init), "the cluster's URL")
        return PostgresCluster(directory: directory, url: url)
    }

    /// Shuts the server down cleanly: an outage.
    func pause() throws { _ = try Self.run("pause", directory) }

    /// Starts the server again on the same port.
    func resume() throws { _ = try Self.run("resume", directory) }

    func stop() { _ = try? Self.run("stop", directory) }

    private static func run(_ command: String, _ directory: URL) throws -> String {
        let (termination, output) = try ChildProcess.run(script, arguments: [command, directory.path])
        let text = String(decoding: output, as: UTF8.self)
        try #require(termination == .exited(0), "scripts/postgres-cluster \(command): \(text)")
        return text
    }
}
