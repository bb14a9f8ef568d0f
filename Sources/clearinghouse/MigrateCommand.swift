import ArgumentParser
import ClearinghouseStore
import Foundation

/// `clearinghouse migrate`: brings the database schema up to date without starting the server.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending database migrations.",
        discussion: "`serve` does this too at start; run it alone to migrate before a rolling deployment.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger(label: "clearinghouse")
        let url = try database.resolved()
        let applied = try await Store.withStore(url, logger: logger) { store in
            try await store.migrate(now: Date())
        }
        if applied.isEmpty {
            print("\(url): up to date (\(Store.migrationNames.count) migrations).")
        } else {
            print("\(url): applied \(applied.joined(separator: ", ")).")
        }
    }
}
