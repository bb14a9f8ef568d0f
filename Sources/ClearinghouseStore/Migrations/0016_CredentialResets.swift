extension Migration {
    /// An invitation may be a reset link for a person already here, whose password and second factor an admin took
    /// away.
    static let credentialResets = Migration(name: "0016_credential_resets") { _ in
        ["ALTER TABLE invitations ADD COLUMN person_id TEXT REFERENCES people (id)"]
    }
}
