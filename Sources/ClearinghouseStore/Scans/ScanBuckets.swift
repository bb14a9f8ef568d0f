public import ClearinghouseCore

/// Where leases are filed, so that a claim reads and locks only the leases its scope could overlap.
///
/// A package's leases are filed under the package, a repository's under the repository. Networks are filed under
/// the /16 (IPv4) or /32 (IPv6) that holds them; a wider network goes to its family's `wide` bucket. Names go under
/// their last two labels; a wildcard of two labels or fewer goes to the `wide` bucket of names. A narrow claim
/// reads its bucket and the wide one, locking the wide one shared; a wide claim reads every bucket of its family and
/// locks the wide one exclusively. Claims that could overlap thus always meet on a lock, and only they do.
public struct ScanBuckets: Sendable, Hashable {
    /// The bucket the lease is filed under.
    public let home: String
    /// The bucket locked shared before `home` is locked exclusively; `nil` when `home` is the wide one or the scope
    /// kind has none.
    public let wide: String?
    /// A prefix every bucket a wide claim must read starts with; `nil` for narrow claims.
    public let family: String?

    public init(_ scope: ScanScope) {
        switch scope {
        case .package(let purl, _):
            self.init(home: "pkg " + purl.description, wide: nil, family: nil)
        case .repository(let url, _):
            self.init(home: "repo " + url.canonical, wide: nil, family: nil)
        case .network(let network):
            let family = network.family == .ipv4 ? "net4 " : "net6 "
            let split = network.family == .ipv4 ? 16 : 32
            if network.prefixLength < split {
                self.init(home: family + "wide", wide: nil, family: family)
            } else {
                self.init(home: family + network.truncated(to: split).description, wide: family + "wide", family: nil)
            }
        case .host(let host):
            let labels = host.name.split(separator: ".")
            if host.isWildcard && labels.count <= 2 {
                self.init(home: "host wide", wide: nil, family: "host ")
            } else {
                self.init(home: "host " + labels.suffix(2).joined(separator: "."), wide: "host wide", family: nil)
            }
        }
    }

    private init(home: String, wide: String?, family: String?) {
        (self.home, self.wide, self.family) = (home, wide, family)
    }
}
