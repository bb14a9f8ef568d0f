extension AuditAction {
    public static let findingSubmit = AuditAction(rawValue: "finding.submit")
    public static let artifactUpload = AuditAction(rawValue: "artifact.upload")
}

extension AuditTarget {
    public static func finding(_ id: Finding.ID) -> AuditTarget {
        AuditTarget(type: "finding", id: id.rawValue)
    }

    public static func artifact(_ digest: ArtifactDigest) -> AuditTarget {
        AuditTarget(type: "artifact", id: digest.description)
    }

    /// What an audit listing shows for a record the reader may not read (an artifact's digest, which would confirm
    /// a guess at its content).
    public static let withheld = "withheld"
}
