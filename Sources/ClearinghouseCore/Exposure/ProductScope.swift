public import PackageURL

/// Products a vendor is registered for, as a coordinator verified them: a purl type and namespace (every package
/// of `pkg:maven/com.acme`), or a type, namespace and name (one package). A verified vendor's VEX statements apply
/// to other organizations' SBOMs only for components its scopes cover.
public struct ProductScope: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The purl type, lower-case: `npm`, `maven`, `pypi` …
    public let type: String
    /// The purl namespace, empty for types without one.
    public let namespace: String
    /// One package's name; empty for every package of the namespace.
    public let name: String

    /// The most scopes one vendor may register.
    public static let maximumCount = 1_000

    /// Checks a scope as a coordinator gives it.
    ///
    /// - Throws: `invalid_field` naming `field` for an unknown type, a scope that names neither a namespace nor a
    ///   package, or text that is not a purl part.
    public init(type: String, namespace: String?, name: String?, field: String) throws(ClearinghouseError) {
        let namespace = namespace ?? ""
        let name = name ?? ""
        guard !namespace.isEmpty || !name.isEmpty else {
            throw .invalidField(field, "`\(field)` names a namespace, a package name, or both: a whole type is too broad.")
        }
        guard type.utf8.count <= 50, namespace.utf8.count <= 200, name.utf8.count <= 200 else {
            throw .invalidField(field, "`\(field)`: a type has at most 50 bytes, a namespace and a name 200.")
        }
        // Normalized as a purl of that type normalizes them (case, separators), with a stand-in name for a whole
        // namespace.
        let purl: PackageURL
        do {
            purl = try PackageURL(type: type, namespace: namespace.isEmpty ? nil : namespace, name: name.isEmpty ? "x" : name)
        } catch {
            throw .invalidField(field, "`\(field)` is not part of a Package URL: \(error.message)")
        }
        self.init(stored: purl.type, namespace: purl.namespace ?? "", name: name.isEmpty ? "" : purl.name)
    }

    /// A scope as it was stored, already checked.
    public init(stored type: String, namespace: String, name: String) {
        self.type = type
        self.namespace = namespace
        self.name = name
    }

    /// Whether a component's purl is one of these products.
    public func covers(_ purl: PackageURL) -> Bool {
        purl.type == type && (purl.namespace ?? "") == namespace && (name.isEmpty || purl.name == name)
    }

    public var description: String {
        "pkg:\(type)/" + [namespace, name].filter { !$0.isEmpty }.joined(separator: "/")
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.type, lhs.namespace, lhs.name) < (rhs.type, rhs.namespace, rhs.name)
    }
}
