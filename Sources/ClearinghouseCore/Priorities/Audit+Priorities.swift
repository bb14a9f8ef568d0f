extension AuditAction {
    public static let ssvcDecide = AuditAction(rawValue: "ssvc.decide")
    public static let kevImport = AuditAction(rawValue: "kev.import")
    public static let epssImport = AuditAction(rawValue: "epss.import")
}

extension AuditTarget {
    public static func ssvcDecision(_ id: SSVCDecision.ID) -> AuditTarget {
        AuditTarget(type: "ssvc_decision", id: id.rawValue)
    }

    /// A public data feed (`kev`, `epss`) at a version.
    public static func feed(_ name: String, version: String) -> AuditTarget {
        AuditTarget(type: "feed", id: "\(name)@\(version)")
    }
}
