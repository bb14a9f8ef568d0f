import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import Foundation

/// `clearinghouse backup`: a consistent copy of a SQLite database, taken while servers run, and its log key only
/// when asked.
struct BackupCommand: AsyncParsableCommand {
    /// What to do with the transparency log's key beside the database.
    enum LogKeyHandling: String, ExpressibleByArgument, CaseIterable {
        /// Copy `<database>.log-key` to `<out>.log-key` (mode 0600): the backup can sign again when restored.
        case copy
        /// Leave it: the backup holds no secret, and the key is kept elsewhere.
        case omit
    }

    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy a running SQLite server's database, consistently, to a new file.",
        discussion: """
            The copy is one snapshot of the database, as of a moment between two commits (SQLite's VACUUM INTO), \
            taken while servers keep reading and writing. The transparency log's private key is not in the \
            database: say whether to copy it beside the backup (--log-key copy) or not (--log-key omit, when the \
            key is kept elsewhere, as with `serve --log-key FILE`). To restore, stop the server and put the copy \
            (and its key, as <database>.log-key) where the database was; `clearinghouse verify log` then checks \
            the restored log against the checkpoints clients remember. PostgreSQL is backed up with pg_dump \
            (docs/operations.md).
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(name: .long, help: ArgumentHelp("The backup file to write; it must not exist.", valueName: "file"))
    var out: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Whether to copy the log key beside the database to <out>.log-key (copy) or not (omit).",
            valueName: "copy|omit"))
    var logKey: LogKeyHandling

    func run() async throws {
        let url = try database.resolved()
        guard case .sqlite(let path) = url else {
            throw ValidationError(
                "`backup` copies SQLite databases; back up PostgreSQL with pg_dump, as docs/operations.md describes.")
        }
        let key = path + ".log-key"
        let keyCopy = out + ".log-key"
        if logKey == .copy {
            guard FileManager.default.fileExists(atPath: key) else {
                throw ValidationError(
                    "There is no log key beside the database (\(key)); the server is given its key with --log-key. "
                        + "Back that file up yourself and use --log-key omit.")
            }
            guard !FileManager.default.fileExists(atPath: keyCopy) else {
                throw ValidationError("\(keyCopy) exists; a backup is written to new files.")
            }
        }
        let started = Date()
        do {
            try await Store.withStore(url, logger: logging.makeLogger(label: "clearinghouse")) { store in
                try await store.backUp(to: out)
            }
        } catch let error as ClearinghouseError {
            throw ValidationError(error.message)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        var lines = [
            "backed up \(path) to \(out) (\(size) bytes in \(String(format: "%.1f", Date().timeIntervalSince(started))) s)"
        ]
        if logKey == .copy {
            try SecretFile.create(keyCopy, contents: try SecretFile.read(key, what: "log key"), what: "log key")
            lines.append("copied the log key to \(keyCopy) (readable by its owner only): keep it as secret as the key")
        } else {
            lines.append("the log key was not copied: keep the server's key file in a backup of its own")
        }
        print(lines.joined(separator: "\n"))
    }
}
