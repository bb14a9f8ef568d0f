extension Migration {
    /// The transparency log: entries, the perfect Merkle nodes that make proofs cost O(log n) reads, the right edge
    /// of the tree, commitment preimages, and signed checkpoints.
    ///
    /// A node's key is `level << 56 | index`, so that the nodes of one level are contiguous and a tile is one range
    /// read.
    ///
    /// On SQLite, `INTEGER PRIMARY KEY` makes the index and node keys the tables' row ids: one B-tree search per
    /// node rather than an index search and a table search.
    static let transparencyLog = Migration(name: "0002_transparency_log") { dialect in
        let binary = dialect == .postgres ? "BYTEA" : "BLOB"
        let key = dialect == .postgres ? "BIGINT" : "INTEGER"
        return [
            """
            CREATE TABLE log_state (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                origin TEXT,
                tree_size BIGINT NOT NULL,
                frontier \(binary) NOT NULL
            )
            """,
            "INSERT INTO log_state (singleton, origin, tree_size, frontier) VALUES (1, NULL, 0, \(dialect == .postgres ? "''::bytea" : "X''"))",
            """
            CREATE TABLE log_entries (
                idx \(key) PRIMARY KEY,
                leaf_hash \(binary) NOT NULL,
                kind TEXT NOT NULL,
                data \(binary) NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX log_entries_by_leaf_hash ON log_entries (leaf_hash)",
            """
            CREATE TABLE log_nodes (
                node_id \(key) PRIMARY KEY,
                hash \(binary) NOT NULL
            )
            """,
            """
            CREATE TABLE log_commitments (
                idx BIGINT PRIMARY KEY REFERENCES log_entries (idx),
                preimage TEXT NOT NULL,
                label TEXT NOT NULL,
                owner_organization_id TEXT,
                participants TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE log_checkpoints (
                tree_size BIGINT PRIMARY KEY,
                root_hash \(binary) NOT NULL,
                note TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
        ]
    }
}
