extension Migration {
    /// SBOMs and VEX documents move into parts of at most a mebibyte (``DocumentParts``), so that no engine's driver
    /// holds a whole large document while writing or reading it; each gains the SHA-256 of its text, by which a node
    /// that has just stored one, and holds it in memory, knows it need not read it again. Documents stored before
    /// become a single part, without a digest.
    static let documentParts = Migration(name: "0010_document_parts") { _ in
        [
            """
            CREATE TABLE document_parts (
                kind TEXT NOT NULL,
                document_id TEXT NOT NULL,
                part INTEGER NOT NULL,
                text TEXT NOT NULL,
                PRIMARY KEY (kind, document_id, part)
            )
            """,
            "INSERT INTO document_parts (kind, document_id, part, text) SELECT 'sbom', id, 0, document FROM sboms",
            """
            INSERT INTO document_parts (kind, document_id, part, text)
            SELECT 'vex', id, 0, document FROM vex_documents
            """,
            "ALTER TABLE sboms DROP COLUMN document",
            "ALTER TABLE vex_documents DROP COLUMN document",
            "ALTER TABLE sboms ADD COLUMN document_sha256 TEXT",
            "ALTER TABLE vex_documents ADD COLUMN document_sha256 TEXT",
        ]
    }
}
