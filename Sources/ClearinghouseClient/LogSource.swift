public import Foundation

/// Where a verifier reads a log's HTTP API: a path with its query in, the status and body out.
public protocol LogSource: Sendable {
    func get(_ pathAndQuery: String) async throws -> (status: Int, body: Data)
}
