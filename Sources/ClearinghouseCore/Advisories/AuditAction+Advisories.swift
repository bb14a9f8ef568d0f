extension AuditAction {
    public static let advisoryImport = AuditAction(rawValue: "advisory.import")
    public static let advisoryUpdate = AuditAction(rawValue: "advisory.update")
}
