public import Foundation
import OSV

/// The advisories that affect each package, kept in memory so that a query (ecosystem, name, version) is a
/// dictionary look-up and the evaluation of a few prepared ranges.
///
/// Built from the store at start and updated on every change; a value type, so a reader works on a consistent
/// snapshot while a writer prepares the next one. Results pass through the access policy.
public struct AdvisoryIndex: Sendable {
    /// What the index keeps of an advisory besides its ranges; a class, so that the candidates of each package
    /// share it and a match retains one reference.
    public final class Summary: Sendable {
        public let id: Advisory.ID
        public let modified: Date
        /// The record's `modified` as it writes it (RFC 3339, UTC), for answers that repeat it.
        public let modifiedText: String
        public let visibility: Visibility
        public let isPublished: Bool
        public let isWithdrawn: Bool
        public let aliases: [String]
        /// The record's `published` time, when it has one.
        public let published: Date?

        init(_ advisory: Advisory) {
            id = advisory.id
            modified = advisory.modified
            modifiedText = advisory.record.modified
            visibility = advisory.visibility
            isPublished = advisory.isPublished
            isWithdrawn = advisory.record.isWithdrawn
            aliases = advisory.record.aliases
            published = advisory.record.published.flatMap(OSVTime.date)
        }
    }

    struct PackageKey: Hashable, Sendable {
        let ecosystem: String
        let name: String
    }

    /// A class, so that walking a package's candidates retains one reference each rather than every field.
    final class Candidate: Sendable {
        let summary: Summary
        /// The entry's ecosystem with its suffix (`Debian:12`).
        let ecosystem: String
        let evaluator: AffectedEvaluator
        /// Published and not withdrawn, kept here so that passing over an unlisted one reads nothing more.
        let isListed: Bool

        var advisory: Advisory.ID { summary.id }

        init(summary: Summary, ecosystem: String, evaluator: AffectedEvaluator) {
            self.summary = summary
            self.ecosystem = ecosystem
            self.evaluator = evaluator
            isListed = summary.isPublished && !summary.isWithdrawn
        }
    }

    private(set) var summaries: [Advisory.ID: Summary] = [:]
    private var byPackage: [PackageKey: [Candidate]] = [:]
    private var packagesOf: [Advisory.ID: Set<PackageKey>] = [:]
    private var byCommit: [String: Set<Advisory.ID>] = [:]
    private var commitsOf: [Advisory.ID: Set<String>] = [:]
    private var gitEvaluators: [Advisory.ID: [AffectedEvaluator]] = [:]

    /// An empty index.
    public init() {}

    /// How many advisories the index holds.
    public var count: Int { summaries.count }

    /// The summary of an advisory, if the index holds it.
    public func summary(of id: Advisory.ID) -> Summary? {
        summaries[id]
    }

    /// Adds an advisory, or replaces the version the index holds.
    public mutating func upsert(_ advisory: Advisory) {
        remove(advisory.id)
        let record = advisory.record
        let summary = Summary(advisory)
        summaries[advisory.id] = summary
        var keys: Set<PackageKey> = []
        var commits: Set<String> = []
        var evaluators: [AffectedEvaluator] = []
        for entry in record.affected {
            // One prepared entry serves both its package's versions and its GIT ranges' commits.
            let evaluator = AffectedEvaluator(entry, ecosystem: entry.package?.ecosystem ?? "GIT")
            let gitRanges = entry.ranges.filter { $0.type == .git }
            for range in gitRanges {
                for event in range.events where event.version != "0" { commits.insert(event.version.lowercased()) }
            }
            if !gitRanges.isEmpty { evaluators.append(evaluator) }
            guard let package = entry.package else { continue }
            let key = Self.key(ecosystem: package.ecosystem, name: package.name)
            keys.insert(key)
            byPackage[key, default: []].append(
                Candidate(summary: summary, ecosystem: package.ecosystem, evaluator: evaluator))
        }
        packagesOf[advisory.id] = keys
        if !commits.isEmpty {
            for commit in commits { byCommit[commit, default: []].insert(advisory.id) }
            commitsOf[advisory.id] = commits
            gitEvaluators[advisory.id] = evaluators
        }
    }

    /// Removes an advisory.
    public mutating func remove(_ id: Advisory.ID) {
        guard summaries.removeValue(forKey: id) != nil else { return }
        for key in packagesOf.removeValue(forKey: id) ?? [] {
            byPackage[key]?.removeAll { $0.advisory == id }
            if byPackage[key]?.isEmpty == true { byPackage[key] = nil }
        }
        gitEvaluators[id] = nil
        for commit in commitsOf.removeValue(forKey: id) ?? [] {
            byCommit[commit]?.remove(id)
            if byCommit[commit]?.isEmpty == true { byCommit[commit] = nil }
        }
    }

    /// The published, not withdrawn advisories the party may see that affect a version of a package (every
    /// version when `version` is nil), ordered by id.
    ///
    /// - Parameter ecosystem: an ecosystem with a suffix (`Debian:12`) matches entries of that release only;
    ///   without one, entries of every release.
    public func advisories(
        affecting ecosystem: String, name: String, version: String?, visibleTo party: Party,
        policy: AccessPolicy = AccessPolicy()
    ) -> [Summary] {
        matches(ecosystem: ecosystem, name: name, version: version)
            .map(\.summary)
            .filter { policy.read($0.visibility, by: party).isGranted }
    }

    /// A published, not withdrawn advisory that affects a package version, and the versions that fix it there.
    public struct Match: Sendable {
        public let summary: Summary
        public internal(set) var fixedVersions: [String]
    }

    /// The published, not withdrawn advisories that affect a version of a package, ordered by id, before the
    /// access policy is asked (callers ask it).
    public func matches(ecosystem: String, name: String, version: String?) -> [Match] {
        guard let candidates = byPackage[Self.key(ecosystem: ecosystem, name: name)] else { return [] }
        let exactRelease = ecosystem.utf8.contains(UInt8(ascii: ":"))
        // Few advisories affect one package: arrays, not dictionaries, keep this path free of hashing.
        var matches: [Match] = []
        var parsed = version.map(ParsedVersion.init)
        for candidate in candidates where candidate.isListed {
            guard !exactRelease || candidate.ecosystem == ecosystem else { continue }
            if parsed != nil, !candidate.evaluator.affects(&parsed!) { continue }
            let summary = candidate.summary
            if let index = matches.firstIndex(where: { $0.summary === summary }) {
                for fixed in candidate.evaluator.fixedVersions where !matches[index].fixedVersions.contains(fixed) {
                    matches[index].fixedVersions.append(fixed)
                }
            } else {
                matches.append(Match(summary: summary, fixedVersions: candidate.evaluator.fixedVersions))
            }
        }
        if matches.count > 1 { matches.sort { $0.summary.id < $1.summary.id } }
        return matches
    }

    /// The prepared `affected` entries of an advisory, with their package keys.
    func entries(of id: Advisory.ID) -> [(PackageKey, Candidate)] {
        (packagesOf[id] ?? []).flatMap { key in
            (byPackage[key] ?? []).filter { $0.advisory == id }.map { (key, $0) }
        }
    }

    /// The advisories the party may see whose GIT ranges name a commit as affected.
    public func advisories(
        affectingCommit commit: String, visibleTo party: Party, policy: AccessPolicy = AccessPolicy()
    )
        -> [Summary]
    {
        let commit = commit.lowercased()
        let affected = (byCommit[commit] ?? []).filter { id in
            gitEvaluators[id]?.contains { $0.affects(commit: commit) } ?? false
        }
        return visible(affected, to: party, policy: policy)
    }

    private func visible(_ ids: Set<Advisory.ID>, to party: Party, policy: AccessPolicy) -> [Summary] {
        ids.compactMap { summaries[$0] }
            .filter { $0.isPublished && !$0.isWithdrawn && policy.read($0.visibility, by: party).isGranted }
            .sorted { $0.id < $1.id }
    }

    static func key(ecosystem: String, name: String) -> PackageKey {
        let base = Ecosystem.base(of: ecosystem)
        return PackageKey(ecosystem: base, name: Ecosystem.normalizedName(name, in: base))
    }
}
