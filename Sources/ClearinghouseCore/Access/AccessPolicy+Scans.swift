/// Scan leases: members of verified organizations claim leases with an analyst or admin token; a lease is its
/// holder's, as an AMBER record is (its holder and coordinators see it, and only they learn who holds it when it
/// stands in another claim's way); only its holder keeps it alive, extends or ends it.
extension Action {
    /// Claim a lease on a scan scope.
    public static let claimScan = Action("scan.claim") { _, member in
        member.organization.isVerified ? member.needs(.analyst) : .denied(.unverifiedOrganization)
    }

    /// Heartbeat, extend, release or complete a lease.
    public static func holdLease(of holder: Organization.ID) -> Action {
        Action("scan.hold") { _, member in
            member.organizationID == holder ? member.needs(.analyst) : .denied(.otherOrganization)
        }
    }
}

extension ScanLease {
    /// Who may see the lease, and learn who holds it: its holder and verified coordinators.
    public var visibility: Visibility {
        Visibility(label: .amber, owner: holder)
    }
}
