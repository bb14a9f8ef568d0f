public import Foundation

/// What was scanned of a scope: the leases that overlap it, grouped by their scope, technique and outcome, with
/// the holders the asker may know and a count of the others.
public struct ScanCoverage: Sendable {
    /// How a group of leases ended, or that they are still running.
    public enum Outcome: String, Sendable, CaseIterable {
        case completed, inProgress = "in_progress", lapsed, revoked
    }

    public struct Entry: Sendable, Hashable {
        public let scope: ScanScope
        public let technique: ScanTechnique
        public let outcome: Outcome
        public let scans: Int
        /// When the latest of them finished, or (in progress) when it ends.
        public let lastAt: Date
        /// The holders the asker may know, in order of their ids.
        public let holders: [Organization.ID]
        /// How many other participants hold leases of the group.
        public let otherParticipants: Int
    }

    public let entries: [Entry]

    /// Groups `leases` that overlap `scope` (released leases count as nothing scanned). Leases the asker may not
    /// learn of at all are left out before this; `namesHolder` says which holders it may know.
    public init(of scope: ScanScope, from leases: [ScanLease], namesHolder: (ScanLease) -> Bool) {
        struct Key: Hashable {
            let scope: String
            let technique: ScanTechnique
            let outcome: Outcome
        }
        var groups: [Key: [ScanLease]] = [:]
        var scopes: [String: ScanScope] = [:]
        for lease in leases where lease.claim.scope.overlaps(scope) {
            let outcome: Outcome
            switch lease.state {
            case .completed: outcome = .completed
            case .active: outcome = .inProgress
            case .lapsed: outcome = .lapsed
            case .revoked: outcome = .revoked
            case .released: continue
            }
            let key = Key(scope: lease.claim.scope.description, technique: lease.claim.technique, outcome: outcome)
            groups[key, default: []].append(lease)
            scopes[key.scope] = lease.claim.scope
        }
        entries = groups.map { key, leases in
            let named = Set(leases.filter(namesHolder).map(\.holder))
            let others = Set(leases.map(\.holder)).subtracting(named)
            return Entry(
                scope: scopes[key.scope]!, technique: key.technique, outcome: key.outcome, scans: leases.count,
                lastAt: leases.map { $0.finishedAt ?? $0.claim.endsAt }.max()!,
                holders: named.sorted { $0.rawValue < $1.rawValue }, otherParticipants: others.count)
        }
        .sorted { ($0.lastAt, $0.scope.description, $0.technique.rawValue) > ($1.lastAt, $1.scope.description, $1.technique.rawValue) }
    }
}

extension ScanScope {
    /// Reads a scope from its one-line canonical form, as ``description`` writes it and as a query parameter
    /// gives it: `pkg:npm/left-pad vers:npm/>=1.0.0|<2.0.0`, `https://git.example/acme/app@main`,
    /// `198.51.100.0/24`, `*.hospital.example`. Each part is read as strictly as in a request.
    ///
    /// - Throws: `invalid_field` naming `field`.
    public init(line text: String, field: String) throws(ClearinghouseError) {
        guard !text.isEmpty, text.utf8.count <= 8_192 else {
            throw .invalidField(field, "`\(field)` is a scope in one line, such as `pkg:npm/left-pad` or `198.51.100.0/24`.")
        }
        let request: Request
        if text.hasPrefix("pkg:") {
            let parts = text.split(separator: " ", maxSplits: 1)
            let range = parts.count == 2 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : nil
            request = Request(kind: "pkg", purl: String(parts[0]), range: range == "*" || range == "" ? nil : range)
        } else if let (url, ref) = Self.repositoryAndRef(text) {
            request = Request(kind: "repo", url: url, ref: ref)
        } else if text.contains("/") || text.contains(":") {
            request = Request(kind: "net", cidr: text)
        } else {
            request = Request(kind: "net", host: text)
        }
        do {
            self = try ScanScope(request)
        } catch {
            throw ClearinghouseError(error.code, error.message, field: field)
        }
    }

    /// A repository URL and the ref after its last `@` past the host, when `text` is a repository.
    private static func repositoryAndRef(_ text: String) -> (String, String?)? {
        let schemes = ["https://", "http://", "git://", "ssh://"]
        let pathStart: String.Index
        if let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) {
            let afterScheme = text.index(text.startIndex, offsetBy: scheme.count)
            guard let slash = text[afterScheme...].firstIndex(of: "/") else { return (text, nil) }
            pathStart = slash
        } else if text.hasPrefix("git@"), let colon = text.firstIndex(of: ":") {
            pathStart = colon
        } else {
            return nil
        }
        guard let at = text[pathStart...].lastIndex(of: "@") else { return (text, nil) }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }
}
