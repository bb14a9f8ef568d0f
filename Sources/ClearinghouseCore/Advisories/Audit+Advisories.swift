extension AuditAction {
    public static let advisoryImport = AuditAction(rawValue: "advisory.import")
    public static let advisoryUpdate = AuditAction(rawValue: "advisory.update")
}

extension AuditTarget {
    public static func advisory(_ id: Advisory.ID) -> AuditTarget {
        AuditTarget(type: "advisory", id: id.rawValue)
    }
}
