public import PackageURL
public import Versions

/// What a scan covers, in one of three kinds, each with its own rule for when two scopes overlap:
///
/// - `pkg`: a package (a purl without a version) and a `vers` range; scopes of one package overlap when their ranges
///   share a version. Without a range the scope is every version.
/// - `repo`: a source repository, optionally at a ref or commit; scopes of one repository overlap whatever their
///   refs (scanning another branch of the same code is still a duplicate effort).
/// - `net`: a network (CIDR) or a host name or wildcard; networks overlap when one contains the other, names when
///   they are equal or one is under a wildcard. A network and a name never overlap: names are not resolved.
public enum ScanScope: Sendable, Hashable, CustomStringConvertible {
    case package(PackageURL, VersionRange?)
    case repository(RepositoryURL, ref: String?)
    case network(NetworkRange)
    case host(HostPattern)

    /// A scope as a request writes it: `{"kind": "pkg", "purl", "range"}`, `{"kind": "repo", "url", "ref"}`,
    /// `{"kind": "net", "cidr"}` or `{"kind": "net", "host"}`.
    public struct Request: Codable, Sendable, Hashable {
        public var kind: String
        public var purl: String?
        public var range: String?
        public var url: String?
        public var ref: String?
        public var cidr: String?
        public var host: String?

        public init(
            kind: String, purl: String? = nil, range: String? = nil, url: String? = nil, ref: String? = nil,
            cidr: String? = nil, host: String? = nil
        ) {
            (self.kind, self.purl, self.range, self.url, self.ref, self.cidr, self.host) =
                (kind, purl, range, url, ref, cidr, host)
        }
    }

    /// The kinds, as requests name them.
    public enum Kind: String, Sendable, CaseIterable {
        case pkg, repo, net
    }

    public static let maximumRefLength = 255

    /// Checks a scope as a request gives it.
    ///
    /// - Throws: `invalid_field` naming the field at fault (`scope.kind`, `scope.purl`, `scope.range`, `scope.url`,
    ///   `scope.ref`, `scope.cidr`, `scope.host`), with what would be accepted.
    public init(_ request: Request) throws(ClearinghouseError) {
        guard let kind = Kind(rawValue: request.kind) else {
            throw .invalidField("scope.kind", "`scope.kind` is `pkg`, `repo` or `net`.")
        }
        let fields: [(String, String?)] = [
            ("purl", request.purl), ("range", request.range), ("url", request.url), ("ref", request.ref),
            ("cidr", request.cidr), ("host", request.host),
        ]
        let allowed: Set<String> =
            switch kind {
            case .pkg: ["purl", "range"]
            case .repo: ["url", "ref"]
            case .net: ["cidr", "host"]
            }
        if let stray = fields.first(where: { $0.1 != nil && !allowed.contains($0.0) }) {
            throw .invalidField("scope.\(stray.0)", "A `\(kind.rawValue)` scope has no `\(stray.0)`.")
        }
        switch kind {
        case .pkg:
            self = try Self.package(purl: request.purl, range: request.range)
        case .repo:
            guard let url = request.url else { throw .invalidField("scope.url", "A `repo` scope names its `url`.") }
            self = .repository(try RepositoryURL(parsing: url), ref: try request.ref.map(Self.checkedRef))
        case .net:
            switch (request.cidr, request.host) {
            case (let cidr?, nil): self = .network(try NetworkRange(parsing: cidr))
            case (nil, let host?): self = .host(try HostPattern(parsing: host))
            default: throw .invalidField("scope.cidr", "A `net` scope names either a `cidr` or a `host`.")
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .package: .pkg
        case .repository: .repo
        case .network, .host: .net
        }
    }

    /// Reads a scope this instance stored (the ``request`` of a checked scope). A package's purl is parsed once and
    /// its range strictly, as they were written canonically: a fraction of the cost of checking a request, paid for
    /// every lease a claim is decided against. Anything else is checked as a request.
    public init(stored request: Request) throws(ClearinghouseError) {
        if request.kind == Kind.pkg.rawValue, let text = request.purl, request.url == nil, request.ref == nil,
            request.cidr == nil, request.host == nil, let purl = try? PackageURL(parsing: text), purl.version == nil,
            purl.qualifiers.isEmpty, purl.subpath == nil
        {
            guard let range = request.range else {
                self = .package(purl, nil)
                return
            }
            if let range = try? VersionRange(parsing: range) {
                self = .package(purl, range)
                return
            }
        }
        try self.init(request)
    }

    /// The scope as a request writes it, canonically.
    public var request: Request {
        switch self {
        case .package(let purl, let range): Request(kind: "pkg", purl: purl.description, range: range?.description)
        case .repository(let url, let ref): Request(kind: "repo", url: url.canonical, ref: ref)
        case .network(let network): Request(kind: "net", cidr: network.description)
        case .host(let host): Request(kind: "net", host: host.description)
        }
    }

    /// Whether the two scopes cover something in common, by their kind's rule.
    public func overlaps(_ other: ScanScope) -> Bool {
        switch (self, other) {
        case (.package(let purl, let range), .package(let otherPurl, let otherRange)):
            guard purl == otherPurl else { return false }
            guard let range, let otherRange else { return true }
            return (try? range.overlaps(otherRange)) ?? true
        case (.repository(let url, _), .repository(let otherURL, _)):
            return url == otherURL
        case (.network(let network), .network(let otherNetwork)):
            return network.overlaps(otherNetwork)
        case (.host(let host), .host(let otherHost)):
            return host.overlaps(otherHost)
        default:
            return false
        }
    }

    /// Whether a `net` scope holds all of `other`: a network containing the other, a wildcard over the name. Only
    /// `net` scopes are owned and granted, so only they contain anything.
    public func contains(_ other: ScanScope) -> Bool {
        switch (self, other) {
        case (.network(let network), .network(let otherNetwork)): network.contains(otherNetwork)
        case (.host(let host), .host(let otherHost)): host.contains(otherHost)
        default: false
        }
    }

    /// The canonical text: `pkg:npm/left-pad vers:npm/>=1.0.0|<2.0.0`, `https://git.example/acme/app@main`,
    /// `192.0.2.0/24`, `*.hospital.example`.
    public var description: String {
        switch self {
        case .package(let purl, let range): purl.description + " " + (range?.description ?? "*")
        case .repository(let url, let ref): url.canonical + (ref.map { "@" + $0 } ?? "")
        case .network(let network): network.description
        case .host(let host): host.description
        }
    }

    public static func == (lhs: ScanScope, rhs: ScanScope) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    private static func package(purl text: String?, range: String?) throws(ClearinghouseError) -> ScanScope {
        guard let text else { throw .invalidField("scope.purl", "A `pkg` scope names its `purl`.") }
        let parsed: PackageURL
        do {
            parsed = try PackageURL(parsing: text)
        } catch {
            throw .invalidField("scope.purl", "`scope.purl` is not a Package URL: \(error.message)")
        }
        guard parsed.version == nil else {
            throw .invalidField(
                "scope.purl", "`scope.purl` names no version; give the versions as a `range` (`vers:<scheme>/\(parsed.version!)`).")
        }
        // Qualifiers and subpath do not make another package for scanning purposes.
        let purl: PackageURL
        do {
            purl = try PackageURL(type: parsed.type, namespace: parsed.namespace, name: parsed.name)
        } catch {
            throw .invalidField("scope.purl", "`scope.purl` is not a Package URL: \(error.message)")
        }
        guard let range else { return .package(purl, nil) }
        do {
            return .package(purl, try VersionRange(normalizing: range))
        } catch {
            throw .invalidField("scope.range", "`scope.range` is not a vers range: \(error.message)")
        }
    }

    private static func checkedRef(_ ref: String) throws(ClearinghouseError) -> String {
        guard (1...maximumRefLength).contains(ref.utf8.count),
            ref.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value != 127 && !"~^:?*[\\@".unicodeScalars.contains($0) }),
            !ref.contains(".."), !ref.hasPrefix("-"), !ref.hasPrefix("/"), !ref.hasSuffix("/"), !ref.hasSuffix(".lock")
        else {
            throw .invalidField(
                "scope.ref",
                "`scope.ref` is a branch, tag or commit as git names it: 1 to \(maximumRefLength) bytes, no spaces, `..`, `~^:?*[\\@`.")
        }
        return ref
    }
}
