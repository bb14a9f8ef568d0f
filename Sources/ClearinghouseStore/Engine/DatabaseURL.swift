public import ClearinghouseCore
import Foundation

/// Where the data lives: an SQLite file on this machine, or a PostgreSQL server.
///
/// Written as a URL: `sqlite://./clearinghouse.sqlite` (a path relative to the working directory),
/// `sqlite:///var/lib/clearinghouse/db.sqlite` (an absolute path), or
/// `postgres://user:password@host:5432/database?sslmode=verify-full` (libpq's `sslmode` values `disable`,
/// `prefer`, `require`, `verify-full`; without one, `verify-full` for any host but loopback, `prefer` there). libpq's
/// `connect_timeout` (seconds, 1 to 300; 10 by default) bounds how long a request waits for a connection before it is
/// answered `503 unavailable`.
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The default database: `sqlite://./clearinghouse.sqlite`.
    public static let defaultURL = "sqlite://./clearinghouse.sqlite"

    /// Where a PostgreSQL database is and how to reach it.
    public struct PostgresLocation: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tlsMode: TLSMode
        /// libpq's `connect_timeout`: how long to wait for a connection, in seconds.
        public var connectTimeoutSeconds = Self.defaultConnectTimeoutSeconds

        public static let defaultConnectTimeoutSeconds = 10

        /// libpq's `sslmode`: whether to use TLS and whether to verify the server's certificate.
        public enum TLSMode: String, Sendable, Hashable, CaseIterable {
            /// Plain TCP.
            case disable
            /// TLS when the server offers it, without certificate verification (libpq's default).
            case prefer
            /// TLS always, without certificate verification.
            case require
            /// TLS always, with the certificate verified against the system's trust roots and the host name.
            case verifyFull = "verify-full"
        }
    }

    /// Parses a database URL.
    ///
    /// - Throws: `ClearinghouseError.invalidField` naming the part of the URL at fault.
    public init(parsing text: String) throws(ClearinghouseError) {
        let field = "database"
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty, !path.contains("?") else {
                throw .invalidField(
                    field,
                    "An SQLite URL names a file: `sqlite://./clearinghouse.sqlite` or `sqlite:///absolute/path.sqlite`."
                )
            }
            guard path != ":memory:" else {
                throw .invalidField(field, "In-memory SQLite databases are not supported: name a file.")
            }
            self = .sqlite(path: path)
            return
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            throw .invalidField(
                field, "The database URL must start with `sqlite://` or `postgres://`; got `\(Self.redacted(text))`.")
        }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .invalidField(field, "The PostgreSQL URL needs a host: `postgres://user@host:5432/database`.")
        }
        guard let username = components.user, !username.isEmpty else {
            throw .invalidField(field, "The PostgreSQL URL needs a user name: `postgres://user@host:5432/database`.")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidField(
                field, "The PostgreSQL URL needs a database name: `postgres://user@host:5432/database`.")
        }
        // Off this machine, the connection carries tokens' hashes and confidential reports: unless the URL says
        // otherwise, it must be TLS with a verified certificate. On loopback, libpq's default.
        var tlsMode = Self.isLoopback(host) ? PostgresLocation.TLSMode.prefer : .verifyFull
        var connectTimeout = PostgresLocation.defaultConnectTimeoutSeconds
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = PostgresLocation.TLSMode(rawValue: value) else {
                    let accepted = PostgresLocation.TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidField(field, "`sslmode` must be one of \(accepted).")
                }
                tlsMode = mode
            case "connect_timeout":
                guard let value = item.value.flatMap(Int.init), (1...300).contains(value) else {
                    throw .invalidField(field, "`connect_timeout` must be a number of seconds from 1 to 300.")
                }
                connectTimeout = value
            default:
                throw .invalidField(
                    field, "Unknown PostgreSQL URL parameter `\(item.name)`; only `sslmode` and `connect_timeout` are read.")
            }
        }
        self = .postgres(
            PostgresLocation(
                host: host, port: components.port ?? 5432, username: username,
                password: components.password?.removingPercentEncoding ?? components.password,
                database: database, tlsMode: tlsMode, connectTimeoutSeconds: connectTimeout))
    }

    /// Whether a host name or address is this machine's loopback interface.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.") || bare.hasSuffix(".localhost")
    }

    /// The URL with any password hidden, safe to log.
    public var description: String {
        switch self {
        case .sqlite(let path):
            "sqlite://\(path)"
        case .postgres(let location):
            "postgres://\(location.username)\(location.password == nil ? "" : ":***")@\(location.host):\(location.port)/\(location.database)?sslmode=\(location.tlsMode.rawValue)"
                + (location.connectTimeoutSeconds == PostgresLocation.defaultConnectTimeoutSeconds
                    ? "" : "&connect_timeout=\(location.connectTimeoutSeconds)")
        }
    }

    private static func redacted(_ text: String) -> String {
        guard let components = URLComponents(string: text), components.password != nil else { return text }
        var copy = components
        copy.password = "***"
        return copy.string ?? "<unparseable>"
    }
}
