import PackageURL

/// A version range in the `vers` notation: `vers:<scheme>/<constraint>|<constraint>...`, for example
/// `vers:npm/>=1.0.0|<2.0.0` or `vers:pypi/*`.
///
/// Constraints are kept in the canonical order (by version, as the scheme orders versions); containment follows
/// the specification's algorithm, so `vers:pypi/<=1.0|>=2.0` holds 0.5 and 3.0 but not 1.5.
public struct VersionRange: Sendable, CustomStringConvertible {
    /// How a constraint relates a version to its bound.
    public enum Comparator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case lessThan = "<"
        case lessThanOrEqual = "<="
        case greaterThan = ">"
        case greaterThanOrEqual = ">="
    }

    /// One `<comparator><version>` of a range.
    public struct Constraint: Sendable, Hashable, CustomStringConvertible {
        public let comparator: Comparator
        public let version: String

        /// Creates a constraint.
        public init(_ comparator: Comparator, _ version: String) {
            self.comparator = comparator
            self.version = version
        }

        /// The canonical form: `=` is left out, the version percent-encoded where it must be.
        public var description: String {
            (comparator == .equal ? "" : comparator.rawValue) + VersionEncoding.encode(version)
        }
    }

    /// The scheme's name, lower-case.
    public let schemeName: String
    /// Constraints in canonical order; empty when the range is `*` (every version).
    public let constraints: [Constraint]
    let scheme: any VersionScheme

    /// Whether the range is `*`, every version.
    public var isAll: Bool { constraints.isEmpty }

    /// Builds a range from constraints in any order, sorting them canonically.
    ///
    /// - Parameter constraints: the constraints; empty means every version.
    /// - Throws: `VersionError` for an unknown scheme or a version the scheme cannot read.
    public init(scheme name: String, constraints: [Constraint]) throws(VersionError) {
        let scheme = try Self.scheme(named: name)
        var keyed: [(Constraint, any Comparable)] = []
        for constraint in constraints {
            keyed.append((constraint, try Self.parse(constraint.version, with: scheme)))
        }
        self.schemeName = scheme.name
        self.scheme = scheme
        self.constraints = Self.stableSorted(keyed, by: scheme).map(\.0)
        // Percent-encoding can make the canonical form longer than the text read; a range whose canonical form
        // strict parsing would refuse is refused here.
        let canonicalLength = description.utf8.count
        guard canonicalLength <= VersionSchemes.maximumRangeLength else {
            throw VersionError(
                "A range has at most \(VersionSchemes.maximumRangeLength) bytes written canonically; this one has \(canonicalLength).")
        }
    }

    /// Parses a range that is already canonical, as the specification requires of a `vers` string: no spaces,
    /// no empty constraint, constraints in order, versions percent-encoded exactly where they must be.
    ///
    /// - Throws: `VersionError` naming the part at fault.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkRangeLength(text)
        guard !text.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
            throw VersionError("A vers range has no spaces: `\(text)`.")
        }
        let (name, body) = try Self.split(text)
        guard name == name.lowercased() else { throw VersionError("The scheme `\(name)` must be lower-case.") }
        let scheme = try Self.scheme(named: name)
        let constraints = try Self.constraints(body, strictEncoding: true)
        var keyed: [(Constraint, any Comparable)] = []
        for constraint in constraints {
            let version = try Self.parse(constraint.version, with: scheme)
            if let previous = keyed.last, Self.less(version, previous.1) {
                throw VersionError(
                    "The constraints of `\(text)` are not in order: `\(constraint)` comes before `\(previous.0)`.")
            }
            keyed.append((constraint, version))
        }
        self.schemeName = scheme.name
        self.scheme = scheme
        self.constraints = constraints
    }

    /// Reads a range written loosely (spaces, upper-case scheme, constraints in any order) into canonical form.
    ///
    /// - Throws: `VersionError` naming the part at fault.
    public init(normalizing text: String) throws(VersionError) {
        try VersionSchemes.checkRangeLength(text)
        let compact = String(text.filter { !$0.isWhitespace })
        let (name, body) = try Self.split(compact)
        try self.init(scheme: name, constraints: Self.constraints(body, strictEncoding: false))
    }

    /// The canonical `vers` string.
    public var description: String {
        "vers:\(schemeName)/" + (constraints.isEmpty ? "*" : constraints.map(\.description).joined(separator: "|"))
    }

    /// Whether a version is in the range, by the specification's algorithm.
    ///
    /// - Throws: `VersionError` when the scheme cannot read the version.
    public func contains(_ text: String) throws(VersionError) -> Bool {
        if constraints.isEmpty { return true }
        let version = try Self.parse(text, with: scheme)
        var bounds: [(Comparator, any Comparable)] = []
        for constraint in constraints {
            let bound = try Self.parse(constraint.version, with: scheme)
            switch constraint.comparator {
            case .equal where Self.equal(version, bound): return true
            case .notEqual where Self.equal(version, bound): return false
            case .equal, .notEqual: continue
            default: bounds.append((constraint.comparator, bound))
            }
        }
        guard let first = bounds.first, let last = bounds.last else { return false }
        if first.0 == .lessThan || first.0 == .lessThanOrEqual, Self.satisfies(version, first.0, first.1) {
            return true
        }
        if last.0 == .greaterThan || last.0 == .greaterThanOrEqual, Self.satisfies(version, last.0, last.1) {
            return true
        }
        for (lower, upper) in zip(bounds, bounds.dropFirst()) {
            let opensInterval = lower.0 == .greaterThan || lower.0 == .greaterThanOrEqual
            let closesInterval = upper.0 == .lessThan || upper.0 == .lessThanOrEqual
            if opensInterval && closesInterval && Self.satisfies(version, lower.0, lower.1)
                && Self.satisfies(version, upper.0, upper.1)
            {
                return true
            }
        }
        return false
    }

    // MARK: Parts

    private static func split(_ text: String) throws(VersionError) -> (scheme: String, body: Substring) {
        guard text.lowercased().hasPrefix("vers:") else { throw VersionError("A vers range starts with `vers:`.") }
        let rest = text.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else {
            throw VersionError("A vers range names its scheme: `vers:<scheme>/<constraints>`.")
        }
        let body = rest[rest.index(after: slash)...]
        guard !body.isEmpty else { throw VersionError("The range `\(text)` has no constraints.") }
        return (String(rest[..<slash]), body)
    }

    private static func constraints(_ body: Substring, strictEncoding: Bool) throws(VersionError) -> [Constraint] {
        if body == "*" { return [] }
        var constraints: [Constraint] = []
        for part in body.split(separator: "|", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { throw VersionError("The constraints `\(body)` have an empty one.") }
            guard part != "*" else { throw VersionError("`*` stands alone: it means every version.") }
            let comparator =
                [Comparator.notEqual, .lessThanOrEqual, .greaterThanOrEqual, .lessThan, .greaterThan, .equal]
                .first { part.hasPrefix($0.rawValue) } ?? .equal
            let encoded = part.hasPrefix(comparator.rawValue) ? part.dropFirst(comparator.rawValue.count) : part
            guard !encoded.isEmpty else { throw VersionError("The constraint `\(part)` has no version.") }
            let version = try VersionEncoding.decode(encoded)
            if strictEncoding && VersionEncoding.encode(version) != encoded {
                throw VersionError(
                    "The version `\(encoded)` is not encoded canonically; write `\(VersionEncoding.encode(version))`.")
            }
            constraints.append(Constraint(comparator, version))
        }
        return constraints
    }

    private static func scheme(named name: String) throws(VersionError) -> any VersionScheme {
        guard let scheme = VersionSchemes.named(name) else {
            throw VersionError("The version scheme `\(name)` is not supported.")
        }
        return scheme
    }

    static func parse(_ text: String, with scheme: any VersionScheme) throws(VersionError) -> any Comparable {
        do {
            return try scheme.parse(text)
        } catch {
            throw VersionError("`\(text)` is not a \(scheme.name) version: \(error.message)")
        }
    }

    static func less(_ lhs: any Comparable, _ rhs: any Comparable) -> Bool {
        func open<T: Comparable>(_ lhs: T) -> Bool { (rhs as? T).map { lhs < $0 } ?? false }
        return open(lhs)
    }

    static func equal(_ lhs: any Comparable, _ rhs: any Comparable) -> Bool {
        !less(lhs, rhs) && !less(rhs, lhs)
    }

    private static func satisfies(_ version: any Comparable, _ comparator: Comparator, _ bound: any Comparable) -> Bool
    {
        switch comparator {
        case .equal: equal(version, bound)
        case .notEqual: !equal(version, bound)
        case .lessThan: less(version, bound)
        case .lessThanOrEqual: !less(bound, version)
        case .greaterThan: less(bound, version)
        case .greaterThanOrEqual: !less(version, bound)
        }
    }

    private static func stableSorted(
        _ keyed: [(Constraint, any Comparable)], by scheme: any VersionScheme
    )
        -> [(Constraint, any Comparable)]
    {
        keyed.enumerated().sorted { lhs, rhs in
            if less(lhs.element.1, rhs.element.1) { return true }
            if less(rhs.element.1, lhs.element.1) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// Percent-encoding of versions inside a `vers` string: every byte but ASCII letters, digits and `.-_~:+!^` is
/// written `%XX` with upper-case digits, so that `|`, `/`, `%` and comparators inside a version stay unambiguous.
enum VersionEncoding {
    static func encode(_ text: String) -> String {
        PercentCoding.encode(text) { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "!"), UInt8(ascii: "^"):
                true
            default:
                false
            }
        }
    }

    static func decode(_ text: some StringProtocol) throws(VersionError) -> String {
        do {
            return try PercentCoding.decode(text)
        } catch .malformedEscape {
            throw VersionError("The version `\(text)` has a `%` not followed by two hexadecimal digits.")
        } catch {
            throw VersionError("The version `\(text)` does not decode to UTF-8 text.")
        }
    }
}
