import ArgumentParser
import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Logging

/// `--database`, with `CLEARINGHOUSE_DATABASE_URL` as the fallback.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database URL: sqlite://PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].",
            discussion: "When absent, CLEARINGHOUSE_DATABASE_URL is read, then \(DatabaseURL.defaultURL) is used.",
            valueName: "url"))
    var database: String?

    /// The database to use, from the flag, the environment or the default, in that order.
    func resolved() throws -> DatabaseURL {
        let text =
            database ?? ProcessInfo.processInfo.environment["CLEARINGHOUSE_DATABASE_URL"] ?? DatabaseURL.defaultURL
        do {
            return try DatabaseURL(parsing: text)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

/// `--log-level` and `--log-format`.
struct LoggingOptions: ParsableArguments {
    /// How log lines are written to standard error.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The least severe level logged: trace, debug, info, notice, warning, error or critical.",
            valueName: "level"))
    var logLevel: String = "info"

    @Option(name: .long, help: "How log lines are written to standard error: text for people, json for collectors.")
    var logFormat: Format = .text

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    /// Installs the process's log handler (the one process-wide setting, made once at start) and returns a logger.
    func makeLogger(label: String) -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let format: LineLogHandler.Format = logFormat == .json ? .json : .text
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}
