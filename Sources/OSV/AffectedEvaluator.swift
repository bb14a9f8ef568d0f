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
        var parsed = ParsedVersion(version)
        return affects(&parsed)
    }

    /// Whether the version is affected, parsing it at most once per scheme across the entries a query meets.
    public func affects(_ version: inout ParsedVersion) -> Bool {
        if !versions.isEmpty && versions.contains(version.text) { return true }
        for range in ranges where range.contains(&version) { return true }
        return false
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
    func contains(_ version: inout ParsedVersion) -> Bool
    var fixed: [String] { get }
}

/// A queried version and what each scheme made of it, so that one query parses its version once per scheme however
/// many advisories of the package it is held against.
public struct ParsedVersion {
    /// The version as asked.
    public let text: String
    private var parsed: [(scheme: String, version: Any?)] = []

    public init(_ text: String) {
        self.text = text
    }

    @_specialize(where Scheme == PEP440Scheme)
    @_specialize(where Scheme == SemanticVersionScheme)
    @_specialize(where Scheme == MavenScheme)
    @_specialize(where Scheme == RubyGemsScheme)
    @_specialize(where Scheme == NuGetScheme)
    @_specialize(where Scheme == DebianScheme)
    @_specialize(where Scheme == AlpineScheme)
    @_specialize(where Scheme == RPMScheme)
    @_specialize(where Scheme == GenericScheme)
    mutating func version<Scheme: VersionScheme>(in scheme: Scheme) -> Scheme.Version? {
        for slot in parsed where slot.scheme == scheme.name {
            return slot.version as? Scheme.Version
        }
        let version = try? scheme.parse(text)
        parsed.append((scheme.name, version))
        return version
    }
}

/// A range of an ordered scheme with its events parsed and sorted.
private struct OrderedRange<Scheme: VersionScheme>: RangeEvaluator {
    enum Kind: Sendable { case introduced, fixed, lastAffected }

    let scheme: Scheme
    /// Events in version order, as their kinds and their versions; `nil` is the `0` of `introduced: "0"`, below
    /// every version.
    let kinds: [Kind]
    let bounds: [Scheme.Version?]
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
        let sorted = events.enumerated().sorted { lhs, rhs in
            switch (lhs.element.version, rhs.element.version) {
            case (nil, nil): return lhs.offset < rhs.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let l?, let r?): return l < r || (!(r < l) && lhs.offset < rhs.offset)
            }
        }.map(\.element)
        kinds = sorted.map(\.kind)
        bounds = sorted.map(\.version)
        self.limits = limits
        self.fixed = fixed
    }

    // Called through `any RangeEvaluator`; pre-specialized for the schemes ecosystems use, so that evaluating a
    // range does not run generic code that looks up type metadata and copies versions through witnesses.
    @_specialize(where Scheme == PEP440Scheme)
    @_specialize(where Scheme == SemanticVersionScheme)
    @_specialize(where Scheme == MavenScheme)
    @_specialize(where Scheme == RubyGemsScheme)
    @_specialize(where Scheme == NuGetScheme)
    @_specialize(where Scheme == DebianScheme)
    @_specialize(where Scheme == AlpineScheme)
    @_specialize(where Scheme == RPMScheme)
    @_specialize(where Scheme == GenericScheme)
    func contains(_ query: inout ParsedVersion) -> Bool {
        guard let version = query.version(in: scheme) else { return false }
        if !limits.isEmpty && !limits.contains(where: { version < $0 }) { return false }
        var affected = false
        for index in kinds.indices {
            switch kinds[index] {
            case .introduced:
                if bounds[index] == nil || !(version < bounds[index]!) { affected = true }
            case .fixed:
                if bounds[index] != nil && !(version < bounds[index]!) { affected = false }
            case .lastAffected:
                if bounds[index] != nil && bounds[index]! < version { affected = false }
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
