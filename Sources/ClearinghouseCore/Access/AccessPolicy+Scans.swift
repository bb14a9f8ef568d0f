/// Scan leases: members of verified organizations claim leases with an analyst or admin token; a lease is its
/// holder's, as an AMBER record is (its holder and coordinators see it, and only they learn who holds it when it
/// stands in another claim's way); only its holder keeps it alive, extends or ends it.
extension Action {
    /// Claim a lease on a scan scope.
    public static let claimScan = Action("scan.claim") { _, member in
        member.needsVerified(.analyst)
    }

    /// Heartbeat, extend, release or complete a lease.
    public static func holdLease(of holder: Organization.ID) -> Action {
        Action("scan.hold") { _, member in
            member.ownOrganization(holder)
        }
    }
}

extension ScanLease {
    /// Who may see the lease, and learn who holds it: its holder and verified coordinators.
    public var visibility: Visibility {
        Visibility(label: .amber, owner: holder)
    }
}

/// Assets and grants: a verified organization registers the networks and names it owns, a verified coordinator
/// vouches for the ownership, and the owner's admins grant other organizations the right to scan them; the
/// granter's analysts and admins revoke a grant. Assets are their owners' (AMBER); a grant is its granter's with its
/// grantee on the list.
extension Action {
    /// Register a network or name the organization owns.
    public static let registerScanAsset = Action("scan_asset.register") { _, member in
        member.needsVerified(.analyst)
    }

    /// Record that an organization controls an asset, and how that was established.
    public static let verifyScanAsset = Action("scan_asset.verify") { _, member in member.needsCoordinator(.analyst) }

    /// Remove an asset (the grants under it stop counting for it).
    public static func removeScanAsset(of owner: Organization.ID) -> Action {
        Action("scan_asset.remove") { _, member in
            member.ownOrganization(owner)
        }
    }

    /// Consent to another organization's scans of the organization's own assets.
    public static let grantScans = Action("scan_grant.create") { _, member in
        member.needsVerified(.admin)
    }

    /// Withdraw that consent, at once.
    public static func revokeScanGrant(of granter: Organization.ID) -> Action {
        Action("scan_grant.revoke") { _, member in
            member.ownOrganization(granter)
        }
    }
}

extension ScanAsset {
    /// Who may see the asset: its owner and verified coordinators.
    public var visibility: Visibility {
        Visibility(label: .amber, owner: owner)
    }
}

/// Maintainers' preferences: a vendor's own admins publish them for the products registered for it.
extension Action {
    public static func publishScanPreferences(of organization: Organization.ID) -> Action {
        Action("scan_preferences.set") { _, member in
            member.organizationID == organization ? member.needs(.admin) : .denied(.otherOrganization)
        }
    }
}
