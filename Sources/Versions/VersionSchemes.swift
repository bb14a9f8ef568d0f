/// The version schemes this library implements, by their `vers` names.
public enum VersionSchemes {
    /// The longest version text any scheme reads, in bytes. Real versions stay far below it (a Debian version with
    /// an epoch, an upstream part and a long revision is under 100); the bound keeps every comparison's work small.
    public static let maximumLength = 256

    /// The longest range text read, in bytes, `vers` or native.
    public static let maximumRangeLength = 4_096

    /// Refuses a range longer than ``maximumRangeLength`` bytes.
    static func checkRangeLength(_ text: some StringProtocol) throws(VersionError) {
        guard text.utf8.count <= maximumRangeLength else {
            throw VersionError("A range has at most \(maximumRangeLength) bytes; this one has \(text.utf8.count).")
        }
    }

    /// Refuses a version longer than ``maximumLength`` bytes.
    static func checkLength(_ text: some StringProtocol) throws(VersionError) {
        guard text.utf8.count <= maximumLength else {
            throw VersionError("A version has at most \(maximumLength) bytes; this one has \(text.utf8.count).")
        }
    }

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
