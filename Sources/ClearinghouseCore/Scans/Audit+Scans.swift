extension AuditAction {
    public static let scanClaim = AuditAction(rawValue: "scan.claim")
    public static let scanHeartbeat = AuditAction(rawValue: "scan.heartbeat")
    public static let scanExtend = AuditAction(rawValue: "scan.extend")
    public static let scanRelease = AuditAction(rawValue: "scan.release")
    public static let scanComplete = AuditAction(rawValue: "scan.complete")
    /// The scheduler ended a lease whose holder stopped sending heartbeats, or whose window ended.
    public static let scanLapse = AuditAction(rawValue: "scan.lapse")
    /// A lease ended because the grant it rested on was revoked.
    public static let scanRevoke = AuditAction(rawValue: "scan.revoke")
}

extension AuditTarget {
    public static func scanLease(_ id: ScanLease.ID) -> AuditTarget {
        AuditTarget(type: "scan_lease", id: id.rawValue)
    }
}

extension AuditAction {
    public static let scanAssetRegister = AuditAction(rawValue: "scan_asset.register")
    public static let scanAssetVerify = AuditAction(rawValue: "scan_asset.verify")
    public static let scanAssetRemove = AuditAction(rawValue: "scan_asset.remove")
    public static let scanGrantCreate = AuditAction(rawValue: "scan_grant.create")
    public static let scanGrantRevoke = AuditAction(rawValue: "scan_grant.revoke")
    public static let scanPreferencesSet = AuditAction(rawValue: "scan_preferences.set")
}

extension AuditTarget {
    public static func scanAsset(_ id: ScanAsset.ID) -> AuditTarget {
        AuditTarget(type: "scan_asset", id: id.rawValue)
    }

    public static func scanGrant(_ id: ScanGrant.ID) -> AuditTarget {
        AuditTarget(type: "scan_grant", id: id.rawValue)
    }
}
