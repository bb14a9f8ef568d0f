extension AuditAction {
    public static let ssvcDecide = AuditAction(rawValue: "ssvc.decide")
    public static let kevImport = AuditAction(rawValue: "kev.import")
    public static let epssImport = AuditAction(rawValue: "epss.import")
}
