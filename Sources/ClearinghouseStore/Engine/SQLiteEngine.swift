import ClearinghouseCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import ServiceLifecycle

/// SQLite in WAL mode: one connection writes, a few read in parallel.
///
/// A single writer means write transactions queue in this process instead of failing with `SQLITE_BUSY`; other
/// processes on the same file (the `clearinghouse` CLI beside a running server) wait up to the busy timeout.
/// Every commit is synced (`synchronous=FULL`), so an acknowledged write survives a power cut.
final class SQLiteEngine: DatabaseEngine {
    let dialect = Dialect.sqlite
    private let writer: ConnectionLender<SQLiteConnection>
    private let readers: ConnectionLender<SQLiteConnection>
    /// The writer's thread, where its transactions run whole (``ThreadPoolExecutor``).
    private let writerThread: NIOThreadPool
    private let writerExecutor: ThreadPoolExecutor
    private let readerThreads: NIOThreadPool

    /// How long a connection waits for another process's lock before it gives up: long enough for a command-line
    /// import's batch or another process's migrations on a loaded machine, where 5 s proved too short.
    static let busyTimeoutMilliseconds = 30_000
    /// How much of the database file readers map into memory rather than copy page by page (1 GiB of address
    /// space): proofs read nodes scattered over the file. Mapped pages belong to the operating system's file
    /// cache, which reclaims them under pressure; they are not the process's own memory.
    static let mmapBytes = 1 << 30

    private init(
        writer: SQLiteConnection, readers: [SQLiteConnection], writerThread: NIOThreadPool, readerThreads: NIOThreadPool
    ) {
        self.writer = ConnectionLender([writer])
        self.readers = ConnectionLender(readers)
        self.writerThread = writerThread
        self.writerExecutor = ThreadPoolExecutor(writerThread)
        self.readerThreads = readerThreads
    }

    /// Opens (and creates, when missing) the database file.
    ///
    /// - Throws: `ClearinghouseError.unavailable` when the file cannot be opened or is not an SQLite database.
    static func open(path: String, readerCount: Int, logger: Logger) async throws -> SQLiteEngine {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ClearinghouseError(
                .unavailable, "Cannot create the SQLite database \(path): the directory \(directory) does not exist.")
        }
        let writerThread = NIOThreadPool(numberOfThreads: 1)
        let readerThreads = NIOThreadPool(numberOfThreads: readerCount)
        writerThread.start()
        readerThreads.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        var opened: [SQLiteConnection] = []
        do {
            let writer = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: writerThread, logger: logger, on: eventLoop)
            opened.append(writer)
            try await configure(writer, pragmas: ["journal_mode = WAL"])
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: readerThreads, logger: logger, on: eventLoop)
                opened.append(reader)
                try await configure(reader, pragmas: ["query_only = ON", "mmap_size = \(mmapBytes)"])
                readers.append(reader)
            }
            return SQLiteEngine(
                writer: writer, readers: readers, writerThread: writerThread, readerThreads: readerThreads)
        } catch {
            for connection in opened {
                try? await connection.close()
            }
            try? await writerThread.shutdownGracefully()
            try? await readerThreads.shutdownGracefully()
            throw ClearinghouseError(.unavailable, "Cannot open the SQLite database \(path): \(error)")
        }
    }

    private static func configure(_ connection: SQLiteConnection, pragmas: [String]) async throws {
        let common = [
            "busy_timeout = \(busyTimeoutMilliseconds)", "foreign_keys = ON", "synchronous = FULL",
        ]
        for pragma in common + pragmas {
            _ = try await connection.query("PRAGMA \(pragma)")
        }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // IMMEDIATE takes the write lock now, so that another process cannot make this transaction fail half-way
        // when it upgrades from reading to writing.
        try await writer.withConnection { connection in
            try await withTaskExecutorPreference(writerExecutor) {
                try await connection.sql(queryLogLevel: .trace).inTransaction(begin: "BEGIN IMMEDIATE", body)
            }
        }
    }

    func run() async throws {
        try? await gracefulShutdown()
    }

    func close() async {
        let connections = await writer.connections + readers.connections
        let pools = [writerThread, readerThreads]
        // Closing must finish even when the closing task is cancelled (SQLiteNIO's async API checks for
        // cancellation first), or the connections would be left open.
        await Task {
            for connection in connections {
                try? await connection.close()
            }
            for pool in pools {
                try? await pool.shutdownGracefully()
            }
        }.value
    }

    /// Writes a consistent copy of the database to a new file (`VACUUM INTO`), while others keep reading and
    /// writing it: one snapshot, as of a moment between two commits, compacted.
    func copy(to path: String) async throws {
        try await writer.withConnection { connection in
            _ = try await connection.query("VACUUM INTO ?", [.text(path)])
        }
    }

    func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraint: return true
        default: return false
        }
    }
}
