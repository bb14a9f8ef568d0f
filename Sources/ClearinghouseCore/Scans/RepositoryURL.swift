/// A source repository as a scan scope names it, in one canonical form so that the same repository written two
/// ways is one: `https://<host>/<path>`, host and path in lower case, without a port of 443, a trailing slash or
/// `.git`. `http://`, `git://`, `ssh://git@host/path` and `git@host:path` are read as the same repository.
///
/// Credentials in a URL are refused (they would be stored and shown to coordinators), as are queries and
/// fragments.
public struct RepositoryURL: Sendable, Hashable, CustomStringConvertible {
    /// The canonical URL.
    public let canonical: String

    public static let maximumLength = 2_048

    public init(parsing text: String) throws(ClearinghouseError) {
        guard !text.isEmpty, text.utf8.count <= Self.maximumLength else {
            throw Self.invalid(text, "a URL is 1 to \(Self.maximumLength) characters")
        }
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value != 127 }) else {
            throw Self.invalid(text, "a URL is ASCII without spaces or control characters")
        }
        let lowered = text.lowercased()
        var rest: Substring
        if let scheme = ["https://", "http://", "git://", "ssh://"].first(where: { lowered.hasPrefix($0) }) {
            rest = lowered.dropFirst(scheme.count)
            if scheme == "ssh://" {
                guard rest.hasPrefix("git@") else { throw Self.invalid(text, "an ssh URL names the user `git`") }
                rest = rest.dropFirst(4)
            }
        } else if lowered.hasPrefix("git@"), let colon = lowered.firstIndex(of: ":") {
            // scp-like syntax: git@host:owner/name.git
            rest = lowered.dropFirst(4)[..<colon] + "/" + lowered[lowered.index(after: colon)...]
        } else {
            throw Self.invalid(text, "use https://host/path (or http, git, ssh://git@host/path, git@host:path)")
        }
        guard !rest.contains("?"), !rest.contains("#") else {
            throw Self.invalid(text, "a repository URL has no query or fragment")
        }
        guard let slash = rest.firstIndex(of: "/") else { throw Self.invalid(text, "it names no repository path") }
        var host = rest[..<slash]
        guard !host.contains("@") else { throw Self.invalid(text, "credentials do not belong in a repository URL") }
        if host.hasSuffix(":443") || host.hasSuffix(":80") || host.hasSuffix(":22") || host.hasSuffix(":9418") {
            host = host[..<host.lastIndex(of: ":")!]
        }
        let hostAndPort = host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let hostName = String(hostAndPort[0])
        if hostAndPort.count == 2 {
            guard let port = Int(hostAndPort[1]), (1...65_535).contains(port), !hostAndPort[1].hasPrefix("0") else {
                throw Self.invalid(text, "a port is a number from 1 to 65535")
            }
        }
        do {
            _ = try HostPattern(parsing: hostName)
        } catch {
            throw Self.invalid(text, "`\(hostName)` is not a host name")
        }
        guard !hostName.hasPrefix("*.") else { throw Self.invalid(text, "a repository's host is not a wildcard") }
        var path = rest[rest.index(after: slash)...]
        // `app.git/` and `app.git.git` are `app`, so that the canonical form reads back as itself.
        while path.hasSuffix("/") || path.hasSuffix(".git") { path.removeLast(path.hasSuffix("/") ? 1 : 4) }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw Self.invalid(text, "the repository path has empty, `.` or `..` segments")
        }
        // A scope's one-line form writes a ref after `@` (`https://git.example/acme/app@main`), so `@` in the path
        // would make it ambiguous.
        guard !path.contains("@") else { throw Self.invalid(text, "the repository path has an `@`") }
        canonical = "https://\(host)/\(path)"
    }

    public var description: String { canonical }

    private static func invalid(_ text: String, _ reason: String) -> ClearinghouseError {
        .invalidField("scope.url", "`\(text.prefix(200))` is not a repository URL: \(reason).")
    }
}
