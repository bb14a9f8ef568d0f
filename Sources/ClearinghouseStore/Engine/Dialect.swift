/// The SQL engines the store runs on.
public enum Dialect: String, Sendable, Hashable, CaseIterable {
    /// SQLite 3, embedded, in WAL mode: one machine, one process writing.
    case sqlite
    /// PostgreSQL 15 or later: several server nodes sharing one database.
    case postgres
}
