import ArgumentParser
import ClearinghouseStore
import Foundation
import Logging
import TransparencyLog

/// `serve`'s transparency log options: the key, and how checkpoints are batched.
struct ServeLogOptions: ParsableArguments {
    static let defaultOrigin = "clearinghouse.localhost/log"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The transparency log's private key file (from `clearinghouse log keygen`).",
            discussion: """
                When absent, CLEARINGHOUSE_LOG_KEY is read. With neither, a SQLite server uses <database>.log-key \
                beside its database and creates it on first start; PostgreSQL servers, which may run as several \
                nodes, must all be given the same key.
                """,
            valueName: "file"))
    var logKey: String?

    @Option(name: .long, help: "The origin line of checkpoints when a key is created on first start.")
    var logOrigin: String = defaultOrigin

    @Option(name: .long, help: "Log entries that make the server sign a checkpoint at once.")
    var checkpointEntries: Int = 256

    @Option(name: .long, help: "The longest, in milliseconds, a committed log entry waits for a checkpoint.")
    var checkpointIntervalMs: Int = 1_000

    func validate() throws {
        guard checkpointEntries > 0 else { throw ValidationError("--checkpoint-entries must be positive.") }
        guard checkpointIntervalMs > 0 else { throw ValidationError("--checkpoint-interval-ms must be positive.") }
    }

    /// The key to sign with: the named file, or the SQLite database's own key, created when missing.
    func signer(for database: DatabaseURL, logger: Logger) throws -> NoteSigner {
        if let path = logKey ?? ProcessInfo.processInfo.environment["CLEARINGHOUSE_LOG_KEY"] {
            return try LogKeyFile.read(path)
        }
        guard case .sqlite(let databasePath) = database else {
            throw ValidationError(
                "A PostgreSQL server needs the transparency log's key: give every node the same --log-key FILE (make one with `clearinghouse log keygen`)."
            )
        }
        let path = databasePath + ".log-key"
        if FileManager.default.fileExists(atPath: path) {
            return try LogKeyFile.read(path)
        }
        let signer = try LogKeyFile.create(path, name: logOrigin)
        logger.notice(
            "created the transparency log key",
            metadata: ["file": .string(path), "verifier_key": .string(signer.verifier.verifierKey)])
        return signer
    }
}
