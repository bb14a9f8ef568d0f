extension Migration {
    /// An organization may require a second factor of all its people, as the clearinghouse requires of coordinators.
    static let secondFactorPolicy = Migration(name: "0014_second_factor_policy") { _ in
        ["ALTER TABLE organizations ADD COLUMN requires_second_factor INTEGER NOT NULL DEFAULT 0"]
    }
}
