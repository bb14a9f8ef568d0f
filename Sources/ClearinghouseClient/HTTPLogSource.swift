public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads a log's API over HTTP or HTTPS with URLSession.
public struct HTTPLogSource: LogSource {
    public let baseURL: URL
    public let timeout: TimeInterval

    /// - Parameter baseURL: The server's address, such as `https://clearinghouse.example`; paths are appended.
    public init(baseURL: URL, timeout: TimeInterval = 30) {
        self.baseURL = baseURL
        self.timeout = timeout
    }

    public func get(_ pathAndQuery: String) async throws -> (status: Int, body: Data) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") {
            base.removeLast()
        }
        guard let url = URL(string: base + pathAndQuery) else {
            throw URLError(.badURL)
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue("clearinghouse-verify", forHTTPHeaderField: "User-Agent")
        let (body, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, body)
    }
}
