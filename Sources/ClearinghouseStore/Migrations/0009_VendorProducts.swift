extension Migration {
    /// The products a coordinator registered for each vendor: a purl type and namespace, or a single package, that
    /// its VEX statements may speak of for other organizations' SBOMs.
    static let vendorProducts = Migration(name: "0009_vendor_products") { _ in
        [
            """
            CREATE TABLE vendor_products (
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                purl_type TEXT NOT NULL,
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                registered_at BIGINT NOT NULL,
                PRIMARY KEY (organization_id, purl_type, namespace, name)
            )
            """
        ]
    }
}
