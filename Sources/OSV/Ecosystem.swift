public import PackageURL
internal import Versions

/// OSV ecosystems: which are known, how their versions are ordered, how their package names compare, and how a
/// Package URL names a package of theirs.
public enum Ecosystem {
    /// The ecosystems the OSV schema lists; a record may add a `:suffix` (`Debian:12`, `Alpine:v3.18`).
    public static let known: Set<String> = [
        "AlmaLinux", "Alpaquita", "Alpine", "Android", "Azure Linux", "BellSoft Hardened Containers", "Bioconductor",
        "Bitnami", "Chainguard", "CleanStart", "ConanCenter", "CRAN", "crates.io", "Debian", "Docker Hardened Images",
        "Echo", "FreeBSD", "GHC", "GitHub Actions", "Go", "Hackage", "Hex", "Julia", "Kubernetes", "Linux", "Mageia",
        "Maven", "MinimOS", "npm", "NuGet", "opam", "openEuler", "openSUSE", "OSS-Fuzz", "Packagist", "Photon OS",
        "Pub", "PyPI", "Red Hat", "Rocky Linux", "Root", "RubyGems", "SUSE", "SwiftURL", "TuxCare", "Ubuntu",
        "VSCode", "Wolfi", "GIT",
    ]

    /// Whether an ecosystem string (with or without a suffix) is one the schema allows.
    public static func isKnown(_ ecosystem: String) -> Bool {
        let base = self.base(of: ecosystem)
        return known.contains(base) && (base.count == ecosystem.count || ecosystem.count > base.count + 1)
    }

    /// The ecosystem without its `:suffix`.
    public static func base(of ecosystem: String) -> String {
        ecosystem.utf8.firstIndex(of: UInt8(ascii: ":")).map { String(ecosystem[..<$0]) } ?? ecosystem
    }

    /// The `vers` scheme whose ordering an ECOSYSTEM range of this ecosystem uses.
    public static func schemeName(for ecosystem: String) -> String {
        switch base(of: ecosystem) {
        case "PyPI": "pypi"
        case "npm": "npm"
        case "crates.io": "cargo"
        case "Go": "golang"
        case "Maven": "maven"
        case "RubyGems": "gem"
        case "NuGet": "nuget"
        case "Debian", "Ubuntu": "deb"
        case "Alpine", "Wolfi", "Chainguard", "Alpaquita", "MinimOS": "apk"
        case "Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE", "Mageia", "openEuler", "Azure Linux",
            "Photon OS":
            "rpm"
        case "Hex", "SwiftURL", "Pub", "Bitnami": "semver"
        default: "generic"
        }
    }

    /// A package name as the ecosystem compares names: PyPI's are normalized (PEP 503), others compare exactly.
    public static func normalizedName(_ name: String, in ecosystem: String) -> String {
        guard base(of: ecosystem) == "PyPI" else { return name }
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return pep503Name(name.lowercased()) }
        return pep503Name(name)
    }

    /// PEP 503: lower case, and each run of `-`, `_` and `.` one `-`; a name already in that form is returned as is.
    private static func pep503Name(_ name: String) -> String {
        var normalized: [UInt8] = []
        var changed = false
        var lastWasSeparator = false
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                changed = changed || lastWasSeparator || byte != UInt8(ascii: "-")
                if !lastWasSeparator { normalized.append(UInt8(ascii: "-")) }
                lastWasSeparator = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                changed = true
                normalized.append(byte + 32)
                lastWasSeparator = false
            default:
                normalized.append(byte)
                lastWasSeparator = false
            }
        }
        return changed ? String(decoding: normalized, as: UTF8.self) : name
    }

    /// The ecosystem and package name a Package URL designates, or `nil` for a purl type OSV has no ecosystem for.
    public static func package(for purl: PackageURL) -> (ecosystem: String, name: String)? {
        let namespaced = purl.namespace.map { "\($0)/\(purl.name)" } ?? purl.name
        switch purl.type {
        case "pypi": return ("PyPI", purl.name)
        case "npm": return ("npm", namespaced)
        case "cargo": return ("crates.io", purl.name)
        case "golang": return ("Go", namespaced)
        case "maven": return ("Maven", purl.namespace.map { "\($0):\(purl.name)" } ?? purl.name)
        case "gem": return ("RubyGems", purl.name)
        case "nuget": return ("NuGet", purl.name)
        case "composer": return ("Packagist", namespaced)
        case "hex": return ("Hex", purl.name)
        case "pub": return ("Pub", purl.name)
        case "swift": return ("SwiftURL", namespaced)
        case "hackage": return ("Hackage", purl.name)
        case "cran": return ("CRAN", purl.name)
        case "deb":
            switch purl.namespace {
            case "debian": return ("Debian", purl.name)
            case "ubuntu": return ("Ubuntu", purl.name)
            default: return nil
            }
        case "apk":
            switch purl.namespace {
            case "alpine": return ("Alpine", purl.name)
            case "wolfi": return ("Wolfi", purl.name)
            case "chainguard": return ("Chainguard", purl.name)
            default: return nil
            }
        case "rpm":
            switch purl.namespace {
            case "redhat": return ("Red Hat", purl.name)
            case "rocky-linux", "rocky": return ("Rocky Linux", purl.name)
            case "almalinux": return ("AlmaLinux", purl.name)
            case "opensuse": return ("openSUSE", purl.name)
            case "suse": return ("SUSE", purl.name)
            default: return nil
            }
        default: return nil
        }
    }
}
