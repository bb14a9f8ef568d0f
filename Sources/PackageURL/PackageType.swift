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
    /// How many leading path segments form the namespace when a type fixes it (git: the host); the remaining
    /// segments belong to the name.
    var namespaceSegments: Int?
    /// A type-specific rewriting of the name, after case folding, given the namespace and qualifiers.
    var normalizeName: (@Sendable (_ name: String, _ namespace: String?, _ qualifiers: [String: String]) -> String)?
    /// A type-specific check of the normalized components; returns what is wrong.
    var check: (@Sendable (_ name: String, _ version: String?) -> String?)?

    /// The rules of each registered type, from the type definitions. Unregistered types get none.
    static func rules(for type: String) -> PackageType {
        registered[type] ?? PackageType()
    }

    /// Built once: parsing looks a type's rules up for every purl.
    private static let registered: [String: PackageType] = Dictionary(
        uniqueKeysWithValues: [
            "alpm", "apk", "bitbucket", "composer", "deb", "github", "qpkg", "vscode-extension", "rpm", "git",
            "golang", "maven", "swift", "huggingface", "cpan", "mlflow", "brew", "hex", "luarocks", "yocto", "bitnami",
            "otp", "oci", "pypi", "pub", "chrome-extension", "julia", "swid", "bazel", "cargo", "cocoapods", "conda",
            "cran", "gem", "hackage", "nuget", "opam", "vcpkg",
        ].map { ($0, makeRules(for: $0)) })

    private static func makeRules(for type: String) -> PackageType {
        switch type {
        case "alpm", "apk", "bitbucket", "composer", "deb", "github", "qpkg", "vscode-extension":
            var rules = PackageType(namespace: .required, namespaceCaseSensitive: false, nameCaseSensitive: false)
            if type == "alpm" || type == "vscode-extension" { rules.versionCaseSensitive = type == "alpm" }
            return rules
        case "rpm":
            return PackageType(namespace: .required, namespaceCaseSensitive: false)
        case "git":
            // The namespace is the host, case-insensitive as every host name; GitHub's paths are too.
            return PackageType(
                namespace: .required, namespaceCaseSensitive: false, namespaceSegments: 1,
                normalizeName: { name, namespace, _ in
                    namespace == "github" || namespace == "github.com" ? name.lowercased() : name
                })
        case "golang", "maven", "swift", "huggingface":
            var rules = PackageType(namespace: .required)
            if type == "huggingface" { rules.versionCaseSensitive = false }
            return rules
        case "cpan":
            return PackageType(
                check: { name, _ in
                    name.contains("::") ? "A cpan name is a distribution name, which never contains `::`." : nil
                })
        case "mlflow":
            // Databricks model names are case-insensitive; others (Azure ML) are kept as they are.
            return PackageType(
                namespace: .prohibited,
                normalizeName: { name, _, qualifiers in
                    qualifiers["repository_url"]?.lowercased().contains("databricks") == true ? name.lowercased() : name
                })
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
                normalizeName: { name, _, _ in String(name.map { $0 == "_" ? "-" : $0 }) })
        case "pub":
            return PackageType(
                namespace: .prohibited, nameCaseSensitive: false,
                normalizeName: { name, _, _ in
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
        case "bazel", "cargo", "cocoapods", "conda", "cran", "gem", "hackage", "nuget", "opam",
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
