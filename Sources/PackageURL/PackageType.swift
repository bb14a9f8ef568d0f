/// What the Package URL type definitions (`purl-spec/types/*-definition.json`) require of a type's components.
struct PackageType: Sendable {
    enum Requirement: Sendable {
        case required, optional, prohibited
    }

    var namespace: Requirement = .optional
    var namespaceCaseSensitive = true
    var nameCaseSensitive = true
    var versionCaseSensitive = true
    var requiredQualifiers: [String] = []
    /// A type-specific rewriting of the name, after case folding.
    var normalizeName: (@Sendable (String) -> String)?
    /// A type-specific check of the normalized components; returns what is wrong.
    var check: (@Sendable (_ name: String, _ version: String?) -> String?)?

    /// The rules of each registered type, from the type definitions. Unregistered types get none.
    static func rules(for type: String) -> PackageType {
        switch type {
        case "alpm", "apk", "bitbucket", "composer", "deb", "github", "qpkg", "vscode-extension":
            var rules = PackageType(namespace: .required, namespaceCaseSensitive: false, nameCaseSensitive: false)
            if type == "alpm" || type == "vscode-extension" { rules.versionCaseSensitive = type == "alpm" }
            return rules
        case "rpm":
            return PackageType(namespace: .required, namespaceCaseSensitive: false)
        case "git", "golang", "maven", "swift", "huggingface":
            var rules = PackageType(namespace: .required)
            if type == "huggingface" { rules.versionCaseSensitive = false }
            return rules
        case "brew", "hex", "luarocks":
            return PackageType(namespaceCaseSensitive: false, nameCaseSensitive: false)
        case "yocto":
            return PackageType(namespaceCaseSensitive: false)
        case "bitnami", "otp":
            return PackageType(namespace: .prohibited, nameCaseSensitive: false)
        case "oci":
            return PackageType(namespace: .prohibited, nameCaseSensitive: false, versionCaseSensitive: false)
        case "pypi":
            return PackageType(
                namespace: .prohibited, nameCaseSensitive: false, versionCaseSensitive: false,
                normalizeName: { String($0.map { $0 == "_" ? "-" : $0 }) })
        case "pub":
            return PackageType(
                namespace: .prohibited, nameCaseSensitive: false,
                normalizeName: { name in
                    String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
                })
        case "chrome-extension":
            return PackageType(
                namespace: .prohibited, nameCaseSensitive: false,
                check: { name, version in
                    guard name.count == 32, name.allSatisfy({ ("a"..."p").contains($0) }) else {
                        return "A chrome-extension name is 32 letters from a to p."
                    }
                    if let version, !Self.isDottedNumber(version, parts: 1...4) {
                        return "A chrome-extension version is one to four dot-separated numbers."
                    }
                    return nil
                })
        case "julia":
            return PackageType(namespace: .prohibited, requiredQualifiers: ["uuid"])
        case "swid":
            return PackageType(requiredQualifiers: ["tag_id"])
        case "bazel", "cargo", "cocoapods", "conda", "cran", "gem", "hackage", "mlflow", "nuget", "opam",
            "vcpkg":
            return PackageType(namespace: .prohibited)
        default:
            return PackageType()
        }
    }

    private static func isDottedNumber(_ text: String, parts: ClosedRange<Int>) -> Bool {
        let components = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.contains(components.count)
            && components.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
