public import PackageURL

extension Ecosystem {
    /// The Package URL of an ecosystem's package: the inverse of ``package(for:)``.
    ///
    /// - Returns: `nil` for an ecosystem without a purl type, or a name the type cannot hold.
    public static func purl(ecosystem: String, name: String, version: String?) -> PackageURL? {
        func split(_ separator: Character) -> (namespace: String?, name: String) {
            guard let index = name.lastIndex(of: separator) else { return (nil, name) }
            return (String(name[..<index]), String(name[name.index(after: index)...]))
        }
        let parts: (type: String, namespace: String?, name: String)
        switch base(of: ecosystem) {
        case "PyPI": parts = ("pypi", nil, name)
        case "npm": parts = ("npm", split("/").namespace, split("/").name)
        case "crates.io": parts = ("cargo", nil, name)
        case "Go": parts = ("golang", split("/").namespace, split("/").name)
        case "Maven": parts = ("maven", split(":").namespace, split(":").name)
        case "RubyGems": parts = ("gem", nil, name)
        case "NuGet": parts = ("nuget", nil, name)
        case "Packagist": parts = ("composer", split("/").namespace, split("/").name)
        case "Hex": parts = ("hex", nil, name)
        case "Pub": parts = ("pub", nil, name)
        case "SwiftURL": parts = ("swift", split("/").namespace, split("/").name)
        case "Hackage": parts = ("hackage", nil, name)
        case "CRAN": parts = ("cran", nil, name)
        case "Debian": parts = ("deb", "debian", name)
        case "Ubuntu": parts = ("deb", "ubuntu", name)
        case "Alpine": parts = ("apk", "alpine", name)
        case "Wolfi": parts = ("apk", "wolfi", name)
        case "Chainguard": parts = ("apk", "chainguard", name)
        case "Red Hat": parts = ("rpm", "redhat", name)
        case "Rocky Linux": parts = ("rpm", "rocky-linux", name)
        case "AlmaLinux": parts = ("rpm", "almalinux", name)
        case "openSUSE": parts = ("rpm", "opensuse", name)
        case "SUSE": parts = ("rpm", "suse", name)
        default: return nil
        }
        return try? PackageURL(type: parts.type, namespace: parts.namespace, name: parts.name, version: version)
    }
}
