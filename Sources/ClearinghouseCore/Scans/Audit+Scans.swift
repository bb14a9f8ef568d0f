extension AuditAction {
    public static let scanClaim = AuditAction(rawValue: "scan.claim")
    public static let scanHeartbeat = AuditAction(rawValue: "scan.heartbeat")
    public static let scanExtend = AuditAction(rawValue: "scan.extend")
    public static let scanRelease = AuditAction(rawValue: "scan.release")
    public static let scanComplete = AuditAction(rawValue: "scan.complete")
    /// The scheduler ended a lease whose holder stopped sending heartbeats, or whose window ended.
    public static let scanLapse = AuditAction(rawValue: "scan.lapse")
}

extension AuditTarget {
    public static func scanLease(_ id: ScanLease.ID) -> AuditTarget {
        AuditTarget(type: "scan_lease", id: id.rawValue)
    }
}
