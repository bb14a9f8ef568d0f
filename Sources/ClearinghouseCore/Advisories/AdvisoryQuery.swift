import OSV
import PackageURL
import Versions

/// What an OSV API query asks about: a version (or every version) of a package, or a commit.
public enum AdvisoryQuery: Sendable, Hashable {
    case package(ecosystem: String, name: String, version: String?)
    case commit(String)

    /// Resolves the fields of an OSV query as osv.dev reads them: a package by `name` and `ecosystem` or by
    /// `purl` (whose version, if any, is the version asked about), with an optional `version`; or a `commit`.
    ///
    /// - Parameter field: the query's place in the request (`queries[3]`), for error messages.
    /// - Throws: `ClearinghouseError.invalidField` naming the field at fault.
    public static func resolve(
        ecosystem: String?, name: String?, purl: String?, version: String?, commit: String?, field: String = ""
    ) throws(ClearinghouseError) -> AdvisoryQuery {
        let prefix = field.isEmpty ? "" : "\(field)."
        let version = version.flatMap { $0.isEmpty ? nil : $0 }
        if let commit, !commit.isEmpty {
            guard version == nil else {
                throw .invalidField("\(prefix)version", "A query asks about a version or a commit, not both.")
            }
            guard commit.utf8.count <= 64, commit.allSatisfy(\.isHexDigit) else {
                throw .invalidField("\(prefix)commit", "must be a hexadecimal commit hash.")
            }
            return .commit(commit.lowercased())
        }
        if let purl, !purl.isEmpty {
            guard (name ?? "").isEmpty, (ecosystem ?? "").isEmpty else {
                throw .invalidField(
                    "\(prefix)package", "Name a package by purl, or by name and ecosystem, not both.")
            }
            let parsed: PackageURL
            do {
                parsed = try PackageURL(parsing: purl)
            } catch {
                throw .invalidField("\(prefix)package.purl", error.message)
            }
            if parsed.version != nil && version != nil {
                throw .invalidField(
                    "\(prefix)version", "The purl already has a version; leave `version` out or the purl's off.")
            }
            guard let package = Ecosystem.package(for: parsed) else {
                throw .invalidField(
                    "\(prefix)package.purl", "The purl type `\(parsed.type)` has no OSV ecosystem.")
            }
            let asked = parsed.version ?? version
            try checkVersion(asked, field: parsed.version == nil ? "\(prefix)version" : "\(prefix)package.purl")
            return .package(ecosystem: package.ecosystem, name: package.name, version: asked)
        }
        guard let name, !name.isEmpty else {
            throw .invalidField(
                "\(prefix)package.name", "A query names a package (name and ecosystem, or purl) or a commit.")
        }
        guard let ecosystem, !ecosystem.isEmpty else {
            throw .invalidField("\(prefix)package.ecosystem", "A package named by name needs its ecosystem.")
        }
        guard name.utf8.count <= maximumNameLength else {
            throw .invalidField("\(prefix)package.name", "A package name has at most \(maximumNameLength) bytes.")
        }
        guard ecosystem.utf8.count <= maximumNameLength else {
            throw .invalidField("\(prefix)package.ecosystem", "An ecosystem has at most \(maximumNameLength) bytes.")
        }
        try checkVersion(version, field: "\(prefix)version")
        return .package(ecosystem: ecosystem, name: name, version: version)
    }

    /// The longest package name or ecosystem asked about, in bytes.
    public static let maximumNameLength = 1_024

    /// Refuses a version no scheme would read for its length, before any scheme tries.
    private static func checkVersion(_ version: String?, field: String) throws(ClearinghouseError) {
        guard let version, version.utf8.count > VersionSchemes.maximumLength else { return }
        throw .invalidField(field, "A version has at most \(VersionSchemes.maximumLength) bytes.")
    }
}

extension AdvisoryIndex {
    /// The advisories a query finds, as the party may see them, ordered by id.
    public func advisories(
        for query: AdvisoryQuery, visibleTo party: Party, policy: AccessPolicy = AccessPolicy()
    )
        -> [Summary]
    {
        switch query {
        case .package(let ecosystem, let name, let version):
            advisories(affecting: ecosystem, name: name, version: version, visibleTo: party, policy: policy)
        case .commit(let commit):
            advisories(affectingCommit: commit, visibleTo: party, policy: policy)
        }
    }
}
