extension ScanScope {
    /// Every `net` scope that contains this one, itself first: a network's shorter prefixes down to `/0`, a name's
    /// wildcards up to the top-level domain. An owned asset holds a place exactly when its scope is among these, so
    /// the owner of a place is found by equality, not by scanning every asset. Empty for `pkg` and `repo` scopes.
    public var containers: [ScanScope] {
        switch self {
        case .network(let network):
            return (0...network.prefixLength).reversed().map { .network(network.truncated(to: $0)) }
        case .host(let host):
            var scopes: [ScanScope] = [self]
            var name = Substring(host.name)
            while let dot = name.firstIndex(of: ".") {
                name = name[name.index(after: dot)...]
                if let pattern = try? HostPattern(parsing: "*." + name) { scopes.append(.host(pattern)) }
            }
            return scopes
        case .package, .repository:
            return []
        }
    }
}
