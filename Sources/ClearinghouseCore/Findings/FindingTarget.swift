public import PackageURL

/// What a finding is about: a package at a version, or a repository at a commit.
public enum FindingTarget: Sendable, Hashable {
    /// A package, named by a Package URL with its version.
    case package(PackageURL)
    /// A source repository, by URL, at a commit when one is known.
    case repository(url: String, commit: String?)

    /// The package without its version, or the repository without its commit: what stays the same across the
    /// versions of one project, so that one bug found at two versions is recognized as one.
    public var project: String {
        switch self {
        case .package(let purl):
            "pkg:" + [purl.type, purl.namespace, purl.name].compactMap { $0 }.joined(separator: "/")
        case .repository(let url, _):
            Self.normalizedRepository(url)
        }
    }

    /// Checks a Package URL target.
    ///
    /// - Throws: `ClearinghouseError.invalidField` when the purl is malformed or has no version.
    public static func package(_ text: String, field: String) throws(ClearinghouseError) -> FindingTarget {
        let purl: PackageURL
        do {
            purl = try PackageURL(parsing: text)
        } catch {
            throw .invalidField(field, "`\(field)` is not a valid Package URL: \(error.description)")
        }
        guard purl.version != nil else {
            throw .invalidField(
                field, "`\(field)` must name the affected version, as in `pkg:pypi/django@4.2.1`.")
        }
        return .package(purl)
    }

    /// Checks a repository target: an `https`, `http`, `git` or `ssh` URL, and a commit of 7 to 64 hexadecimal
    /// digits when given.
    ///
    /// - Throws: `ClearinghouseError.invalidField` naming `field` or `commitField`.
    public static func repository(
        _ url: String, commit: String?, field: String, commitField: String
    ) throws(ClearinghouseError) -> FindingTarget {
        let trimmed = try TextRules.singleLine(url, field: field, maximumLength: 2_000)
        let schemes = ["https://", "http://", "git://", "ssh://", "git@"]
        guard schemes.contains(where: { trimmed.lowercased().hasPrefix($0) }) else {
            throw .invalidField(field, "`\(field)` must be a repository URL such as `https://github.com/org/project`.")
        }
        if let commit {
            guard (7...64).contains(commit.utf8.count), commit.allSatisfy(\.isHexDigit) else {
                throw .invalidField(commitField, "`\(commitField)` must be a commit id: 7 to 64 hexadecimal digits.")
            }
        }
        return .repository(url: trimmed, commit: commit?.lowercased())
    }

    /// A package target from a document's purl text, with `version` filled in when the purl names none (a CSAF
    /// product's branch version, an OSV entry's first affected version).
    ///
    /// - Returns: `nil` when the text is not a Package URL.
    static func package(purl text: String, version: String?) -> FindingTarget? {
        guard let purl = try? PackageURL(parsing: text) else { return nil }
        guard purl.version == nil, let version,
            let versioned = try? PackageURL(
                type: purl.type, namespace: purl.namespace, name: purl.name, version: version,
                qualifiers: purl.qualifiers, subpath: purl.subpath)
        else { return .package(purl) }
        return .package(versioned)
    }

    /// Checks a target as a party sent it.
    ///
    /// - Parameter field: How the target is named in the request (`target`).
    /// - Throws: `ClearinghouseError.invalidField` naming `field.purl`, `field.repository` or `field.commit`.
    public func validated(field: String) throws(ClearinghouseError) -> FindingTarget {
        switch self {
        case .package(let purl):
            try .package(purl.description, field: field + ".purl")
        case .repository(let url, let commit):
            try .repository(url, commit: commit, field: field + ".repository", commitField: field + ".commit")
        }
    }

    /// The text form: the purl, or `URL@commit`.
    public var text: String {
        switch self {
        case .package(let purl): purl.description
        case .repository(let url, let commit): commit.map { "\(url)@\($0)" } ?? url
        }
    }

    /// A repository URL without scheme, credentials, `.git` suffix or trailing slash, in lowercase:
    /// `https://GitHub.com/Org/Repo.git` and `git@github.com:org/repo` are one project.
    static func normalizedRepository(_ url: String) -> String {
        var text = url.lowercased()
        if let scheme = text.range(of: "://") {
            text = String(text[scheme.upperBound...])
        }
        if let at = text.firstIndex(of: "@"), !text[..<at].contains("/") {
            text = String(text[text.index(after: at)...])
        }
        text = text.replacingOccurrences(of: ":", with: "/")
        while text.hasSuffix("/") { text.removeLast() }
        if text.hasSuffix(".git") { text.removeLast(4) }
        return text
    }
}
