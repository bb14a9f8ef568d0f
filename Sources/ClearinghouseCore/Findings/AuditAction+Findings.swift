extension AuditAction {
    public static let findingSubmit = AuditAction(rawValue: "finding.submit")
    public static let artifactUpload = AuditAction(rawValue: "artifact.upload")
}
