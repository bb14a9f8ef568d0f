import ClearinghouseCore
import ClearinghouseStore
import Testing

@Suite struct DatabaseURLTests {
    @Test func readsSQLitePaths() throws {
        #expect(try DatabaseURL(parsing: "sqlite://./clearinghouse.sqlite") == .sqlite(path: "./clearinghouse.sqlite"))
        #expect(try DatabaseURL(parsing: "sqlite:///var/lib/ch/db.sqlite") == .sqlite(path: "/var/lib/ch/db.sqlite"))
        #expect(try DatabaseURL(parsing: DatabaseURL.defaultURL) == .sqlite(path: "./clearinghouse.sqlite"))
    }

    @Test func readsPostgresLocations() throws {
        let url = try DatabaseURL(parsing: "postgres://ch:s%40cret@db.internal:6543/clearinghouse?sslmode=verify-full")
        guard case .postgres(let location) = url else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(location.host == "db.internal")
        #expect(location.port == 6543)
        #expect(location.username == "ch")
        #expect(location.password == "s@cret")
        #expect(location.database == "clearinghouse")
        #expect(location.tlsMode == .verifyFull)
        #expect(!url.description.contains("cret"))

        guard case .postgres(let defaults) = try DatabaseURL(parsing: "postgresql://ch@localhost/db") else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(defaults.port == 5432)
        #expect(defaults.password == nil)
        #expect(defaults.tlsMode == .prefer)
        #expect(defaults.connectTimeoutSeconds == 10)

        // libpq's `connect_timeout`: how long a request waits for a connection; kept in the URL a node is given.
        let quick = try DatabaseURL(parsing: "postgres://ch@localhost/db?connect_timeout=2&sslmode=disable")
        guard case .postgres(let bounded) = quick else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(bounded.connectTimeoutSeconds == 2 && bounded.tlsMode == .disable)
        #expect(try DatabaseURL(parsing: quick.description) == quick)
    }

    /// Off loopback, a URL without `sslmode` gets TLS with a verified certificate; on loopback, libpq's default.
    @Test func theTLSModeDefaultsToVerifiedOffLoopback() throws {
        func mode(_ text: String) throws -> DatabaseURL.PostgresLocation.TLSMode? {
            guard case .postgres(let location) = try DatabaseURL(parsing: text) else { return nil }
            return location.tlsMode
        }
        for host in ["db.internal", "10.0.0.5", "[2001:db8::1]", "localhost.example.com", "128.0.0.1"] {
            #expect(try mode("postgres://ch@\(host)/db") == .verifyFull, "\(host)")
            #expect(try mode("postgres://ch@\(host)/db?sslmode=disable") == .disable, "\(host)")
        }
        for host in ["localhost", "127.0.0.1", "127.0.0.53", "[::1]", "db.localhost"] {
            #expect(try mode("postgres://ch@\(host)/db") == .prefer, "\(host)")
        }
    }

    @Test(arguments: [
        "", "mysql://root@localhost/db", "sqlite://", "sqlite://:memory:", "sqlite://./x?mode=ro",
        "postgres://localhost/db", "postgres://ch@/db", "postgres://ch@localhost", "postgres://ch@localhost/",
        "postgres://ch@localhost/db?sslmode=sometimes", "postgres://ch@localhost/db?pool=5",
        "postgres://ch@localhost/db?connect_timeout=0", "postgres://ch@localhost/db?connect_timeout=soon",
    ])
    func refusesURLsItCannotUse(text: String) {
        #expect {
            _ = try DatabaseURL(parsing: text)
        } throws: { error in
            let error = error as? ClearinghouseError
            return error?.code == .invalidField && error?.field == "database" && !(error?.message.isEmpty ?? true)
        }
    }

    @Test func errorsDoNotEchoPasswords() {
        #expect {
            _ = try DatabaseURL(parsing: "mysql://root:hunter2@localhost/db")
        } throws: { error in
            !"\(error)".contains("hunter2")
        }
    }
}
