internal import Versions

/// Decides whether a version or a commit of a package is affected by one `affected` entry, by the OSV
/// specification's evaluation: listed versions, then each range's events in version order (`introduced` opens,
/// `fixed` and `last_affected` close, `limit` bounds the range from above).
///
/// Event versions are parsed once, here; a query version is parsed once per range. Versions a scheme cannot read
/// match only the `versions` list.
public struct AffectedEvaluator: Sendable {
    private let versions: Set<String>
    private let ranges: [any RangeEvaluator]
    private let commits: CommitEvents

    /// Prepares an entry for evaluation.
    ///
    /// - Parameters:
    ///   - affected: the entry.
    ///   - ecosystem: the ecosystem whose ordering ECOSYSTEM ranges use (usually the entry's own).
    public init(_ affected: OSVRecord.Affected, ecosystem: String) {
        versions = Set(affected.versions)
        var ranges: [any RangeEvaluator] = []
        var commits = CommitEvents()
        for range in affected.ranges {
            switch range.type {
            case .ecosystem:
                let scheme: any VersionScheme =
                    VersionSchemes.named(Ecosystem.schemeName(for: ecosystem)) ?? GenericScheme()
                ranges.append(Self.evaluator(range.events, scheme: scheme))
            case .semver:
                ranges.append(Self.evaluator(range.events, scheme: SemanticVersionScheme.golang))
            case .git:
                commits.add(range.events)
            }
        }
        self.ranges = ranges
        self.commits = commits
    }

    /// Whether the version is affected.
    public func affects(version: String) -> Bool {
        versions.contains(version) || ranges.contains { $0.contains(version) }
    }

    /// Whether the commit is affected, as far as the record's own events tell: a commit an `introduced` or
    /// `last_affected` event names is affected, one a `fixed` or `limit` event names is not. (Commits between
    /// events need the repository's history, which is not consulted.)
    public func affects(commit: String) -> Bool {
        commits.affects(commit.lowercased())
    }

    /// The versions that fix the entry: its `fixed` events.
    public var fixedVersions: [String] {
        ranges.flatMap(\.fixed)
    }

    private static func evaluator(_ events: [OSVRecord.Event], scheme: some VersionScheme) -> any RangeEvaluator {
        OrderedRange(events: events, scheme: scheme)
    }
}

protocol RangeEvaluator: Sendable {
    func contains(_ version: String) -> Bool
    var fixed: [String] { get }
}

/// A range of an ordered scheme with its events parsed and sorted.
private struct OrderedRange<Scheme: VersionScheme>: RangeEvaluator {
    enum Kind: Sendable { case introduced, fixed, lastAffected }

    let scheme: Scheme
    /// Events in version order; `nil` is the `0` of `introduced: "0"`, below every version.
    let events: [(kind: Kind, version: Scheme.Version?)]
    let limits: [Scheme.Version]
    let fixed: [String]

    init(events source: [OSVRecord.Event], scheme: Scheme) {
        self.scheme = scheme
        var events: [(kind: Kind, version: Scheme.Version?)] = []
        var limits: [Scheme.Version] = []
        var fixed: [String] = []
        for event in source {
            switch event {
            case .introduced("0"): events.append((.introduced, nil))
            case .introduced(let text):
                if let version = try? scheme.parse(text) { events.append((.introduced, version)) }
            case .fixed(let text):
                fixed.append(text)
                if let version = try? scheme.parse(text) { events.append((.fixed, version)) }
            case .lastAffected(let text):
                if let version = try? scheme.parse(text) { events.append((.lastAffected, version)) }
            case .limit(let text): if let version = try? scheme.parse(text) { limits.append(version) }
            }
        }
        self.events = events.enumerated().sorted { lhs, rhs in
            switch (lhs.element.version, rhs.element.version) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let l?, let r?): return l < r || (!(r < l) && lhs.offset < rhs.offset)
            }
        }.map(\.element)
        self.limits = limits
        self.fixed = fixed
    }

    func contains(_ text: String) -> Bool {
        guard let version = try? scheme.parse(text) else { return false }
        if !limits.isEmpty && !limits.contains(where: { version < $0 }) { return false }
        var affected = false
        for event in events {
            switch event.kind {
            case .introduced:
                if event.version.map({ !(version < $0) }) ?? true { affected = true }
            case .fixed:
                if let bound = event.version, !(version < bound) { affected = false }
            case .lastAffected:
                if let bound = event.version, bound < version { affected = false }
            }
        }
        return affected
    }
}

/// What a GIT range's events say about commits they name.
private struct CommitEvents: Sendable {
    var affected: Set<String> = []
    var unaffected: Set<String> = []

    mutating func add(_ events: [OSVRecord.Event]) {
        for event in events where event.version != "0" {
            switch event {
            case .introduced(let commit), .lastAffected(let commit): affected.insert(commit.lowercased())
            case .fixed(let commit), .limit(let commit): unaffected.insert(commit.lowercased())
            }
        }
    }

    func affects(_ commit: String) -> Bool {
        affected.contains(commit) && !unaffected.contains(commit)
    }
}
