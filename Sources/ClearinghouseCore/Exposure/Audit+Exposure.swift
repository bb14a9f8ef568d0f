extension AuditAction {
    public static let sbomUpload = AuditAction(rawValue: "sbom.upload")
    public static let sbomReplace = AuditAction(rawValue: "sbom.replace")
    public static let sbomDelete = AuditAction(rawValue: "sbom.delete")
    public static let vexUpload = AuditAction(rawValue: "vex.upload")
    public static let vexDelete = AuditAction(rawValue: "vex.delete")
}

extension AuditTarget {
    public static func sbom(_ id: SBOMRecord.ID) -> AuditTarget {
        AuditTarget(type: "sbom", id: id.rawValue)
    }

    public static func vex(_ id: VEXRecord.ID) -> AuditTarget {
        AuditTarget(type: "vex", id: id.rawValue)
    }
}
