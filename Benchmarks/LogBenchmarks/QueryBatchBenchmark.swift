import ArgumentParser
import ClearinghouseServer
import ClearinghouseStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TransparencyLog

/// `querybatch`: the server's own `POST /v1/querybatch` answered in-process, through the application's router
/// (decoding, resolving, matching and encoding, without a socket or HTTP parsing), one batch after another on one
/// database. scripts/bench-advisories-http puts its cost per query beside the same batch served over loopback by
/// `clearinghouse serve` on the same database, in the same run.
struct QueryBatchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "querybatch",
        abstract: "Answer one OSV batch in-process, repeatedly; print wall and CPU time per query as JSON.")

    @Option(help: "The database to serve, with advisories imported (a sqlite:// or postgres:// URL).")
    var database: String
    @Option(help: "The transparency log's key file, as the server was given (<database>.log-key for SQLite).")
    var logKey: String
    @Option(help: "A file holding the request body: {\"queries\": [...]}.") var batch: String
    @Option(name: .customLong("seconds"), help: "How long to keep answering, after a warm-up of a tenth of it.")
    var duration: Double = 10

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let store = try await Store.open(try DatabaseURL(parsing: database), logger: logger)
        let keyText = try String(contentsOfFile: logKey, encoding: .utf8)
        let signer = try NoteSigner(signerKey: keyText.trimmingCharacters(in: .whitespacesAndNewlines))
        let application = buildApplication(
            configuration: ServerConfiguration(), store: store, logSigner: signer, dependencies: .system,
            logger: logger)
        let body = ByteBuffer(data: try Data(contentsOf: URL(fileURLWithPath: batch)))
        let queries = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        guard let queryCount = (queries?["queries"] as? [Any])?.count, queryCount > 0 else {
            throw ValidationError("\(batch) holds no {\"queries\": [...]} body.")
        }
        let result = try await application.test(.router) { client in
            try await Self.waitUntilReady(client)
            let post = { () async throws -> Int in
                try await client.execute(
                    uri: "/v1/querybatch", method: .post, headers: [.contentType: "application/json"], body: body
                ) { response in
                    guard response.status == .ok else {
                        throw ValidationError(
                            "querybatch answered \(response.status): \(String(buffer: response.body))")
                    }
                    return response.body.readableBytes
                }
            }
            let answerBytes = try await post()
            _ = try await Self.repeatFor(.seconds(duration / 10), post)
            let start = (ContinuousClock.now, Self.cpuSeconds())
            let batches = try await Self.repeatFor(.seconds(duration), post)
            let wall = seconds(ContinuousClock.now - start.0)
            let cpu = Self.cpuSeconds() - start.1
            return (batches, wall, cpu, answerBytes)
        }
        let (batches, wall, cpu, answerBytes) = result
        let perQuery = 1e6 / Double(batches * queryCount)
        try printJSON([
            "batches": batches, "queries_per_batch": queryCount, "answer_bytes": answerBytes,
            "wall_us_per_query": (wall * perQuery * 1000).rounded() / 1000,
            "cpu_us_per_query": (cpu * perQuery * 1000).rounded() / 1000,
        ])
    }

    /// Calls `body` one call after another until `duration` has passed; returns how many calls were made.
    private static func repeatFor(_ duration: Duration, _ body: () async throws -> Int) async throws -> Int {
        let end = ContinuousClock.now + duration
        var count = 0
        while ContinuousClock.now < end {
            _ = try await body()
            count += 1
        }
        return count
    }

    /// Waits for the catalogs to load, as a load balancer waits for `/ready`.
    private static func waitUntilReady(_ client: some TestClientProtocol) async throws {
        for _ in 0..<6_000 {
            let ready = try await client.execute(uri: "/ready", method: .get) { $0.status == .ok }
            if ready { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ValidationError("The application was not ready after 5 minutes.")
    }

    /// The CPU time this process has used, user and system, in seconds.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
