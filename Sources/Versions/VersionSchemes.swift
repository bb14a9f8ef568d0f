/// The version schemes this library implements, by their `vers` names.
public enum VersionSchemes {
    /// Every scheme, under its `vers` name and the aliases ecosystems use.
    public static let all: [String: any VersionScheme] = {
        var schemes: [String: any VersionScheme] = [:]
        let list: [any VersionScheme] = [
            PEP440Scheme(), SemanticVersionScheme.npm, SemanticVersionScheme.semver, SemanticVersionScheme.cargo,
            SemanticVersionScheme.golang, MavenScheme(), RubyGemsScheme(), NuGetScheme(), DebianScheme(),
            AlpineScheme(), RPMScheme.rpm, RPMScheme.alpm, GenericScheme(), LexicographicScheme(), DateTimeScheme(),
        ]
        for scheme in list { schemes[scheme.name] = scheme }
        schemes["alpine"] = AlpineScheme()
        return schemes
    }()

    /// The scheme of a `vers` name (`pypi`, `npm`, `maven` ...), or `nil` when none is implemented.
    public static func named(_ name: String) -> (any VersionScheme)? {
        all[name.lowercased()]
    }
}
