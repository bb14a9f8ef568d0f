internal import Versions

/// Decides whether a version or a commit of a package is affected by one `affected` entry, by the OSV
/// specification's evaluation: listed versions, then each range's events in version order (`introduced` opens,
/// `fixed` and `last_affected` close, `limit` bounds the range from above).
///
/// Event versions are parsed once, here; a query version is parsed once per range. Versions a scheme cannot read
/// match only the `versions` list. A class: the index shares one per entry, and asking it retains one reference.
public final class AffectedEvaluator: Sendable {
    private let versions: Set<String>
    private let ranges: [any RangeEvaluator]
    private let commits: CommitEvents
    /// The versions that fix the entry: its `fixed` events.
    public let fixedVersions: [String]

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
        fixedVersions = ranges.flatMap(\.fixed)
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

    private static func evaluator(_ events: [OSVRecord.Event], scheme: some VersionScheme) -> any RangeEvaluator {
        OrderedRange(events: events, scheme: scheme)
    }
}

/// A prepared range; implemented by classes, so that walking an entry's ranges retains one reference each.
protocol RangeEvaluator: AnyObject, Sendable {
    func contains(_ version: inout ParsedVersion) -> Bool
    var fixed: [String] { get }
}

/// A queried version and what each scheme made of it, so that one query parses its version once per scheme however
/// many advisories of the package it is held against.
public struct ParsedVersion {
    /// The version as asked.
    public let text: String
    /// The first scheme's reading, kept inline: most queries meet one scheme.
    private var first: Slot?
    private var others: [Slot] = []

    /// What one scheme made of the text.
    private struct Slot {
        let scheme: String
        let reading: AnyObject
    }

    /// A scheme's reading of the text (`nil` when it could not read it), in a class so that getting it back is a
    /// class cast rather than a cast out of `Any`, which costs as much as a simple comparison of versions.
    private final class Reading<Version> {
        let version: Version?

        init(_ version: Version?) {
            self.version = version
        }
    }

    public init(_ text: String) {
        self.text = text
    }

    /// What the scheme makes of the text, parsed on first use. Its only caller, a range's evaluation, is
    /// pre-specialized per scheme, and so specializes this too.
    mutating func version<Scheme: VersionScheme>(in scheme: Scheme) -> Scheme.Version? {
        if let first, first.scheme == scheme.name, let reading = first.reading as? Reading<Scheme.Version> {
            return reading.version
        }
        for slot in others where slot.scheme == scheme.name {
            if let reading = slot.reading as? Reading<Scheme.Version> { return reading.version }
        }
        let version = try? scheme.parse(text)
        let slot = Slot(scheme: scheme.name, reading: Reading(version))
        if first == nil {
            first = slot
        } else {
            others.append(slot)
        }
        return version
    }
}

/// What an event does to the versions from its own on; outside the generic range, so that reading it needs no
/// generic type's metadata.
private enum EventKind: Sendable { case introduced, fixed, lastAffected }

/// A range of an ordered scheme with its events parsed and sorted.
private final class OrderedRange<Scheme: VersionScheme>: RangeEvaluator {
    typealias Kind = EventKind

    /// An event: its kind and its version; `nil` is the `0` of `introduced: "0"`, below every version.
    struct Bound: Sendable {
        let kind: Kind
        let version: Scheme.Version?
    }

    let scheme: Scheme
    /// The events in version order, in one array so that walking them reads contiguous memory.
    let bounds: [Bound]
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
        bounds = sorted.map { Bound(kind: $0.kind, version: $0.version) }
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
        // Events above the version change nothing, and the events are sorted: stop at the first of them.
        for bound in bounds {
            guard let boundVersion = bound.version else {
                affected = true
                continue
            }
            if version < boundVersion { break }
            switch bound.kind {
            case .introduced: affected = true
            case .fixed: affected = false
            case .lastAffected: if boundVersion < version { affected = false }
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
