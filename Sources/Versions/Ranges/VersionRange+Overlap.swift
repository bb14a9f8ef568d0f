extension VersionRange {
    /// Whether some version lies in both ranges.
    ///
    /// Versions are read as dense between bounds: `vers:npm/>1.0.0|<1.0.1` and `vers:npm/>1.0.0|<1.0.1` overlap
    /// although no release may exist between them, which errs towards overlap, as a scan claim should. An excluded
    /// version (`!=`) keeps two ranges apart only when it is the one version they share. Ranges of different
    /// schemes cannot be compared and are taken to overlap.
    ///
    /// - Throws: `VersionError` when a bound cannot be read (never for ranges built by this type).
    public func overlaps(_ other: VersionRange) throws(VersionError) -> Bool {
        guard schemeName == other.schemeName else { return true }
        let excluded = try excludedVersions() + other.excludedVersions()
        for mine in try intervals() {
            for theirs in try other.intervals() {
                guard let shared = mine.meeting(theirs) else { continue }
                if let point = shared.point, excluded.contains(where: { Self.equal($0, point) }) { continue }
                return true
            }
        }
        return false
    }

    /// The versions `!=` leaves out.
    private func excludedVersions() throws(VersionError) -> [any Comparable] {
        var excluded: [any Comparable] = []
        for constraint in constraints where constraint.comparator == .notEqual {
            excluded.append(try Self.parse(constraint.version, with: scheme))
        }
        return excluded
    }

    /// The range as intervals, following the specification's containment algorithm: `=` versions, an open start
    /// before the first bound, an open end after the last, and each `>`/`>=` bound followed by a `<`/`<=` one.
    private func intervals() throws(VersionError) -> [VersionInterval] {
        if isAll { return [VersionInterval(lower: nil, upper: nil)] }
        var intervals: [VersionInterval] = []
        var bounds: [(Comparator, any Comparable)] = []
        for constraint in constraints {
            let version = try Self.parse(constraint.version, with: scheme)
            switch constraint.comparator {
            case .equal:
                let point = VersionInterval.Bound(version: version, inclusive: true)
                intervals.append(VersionInterval(lower: point, upper: point))
            case .notEqual:
                continue
            default:
                bounds.append((constraint.comparator, version))
            }
        }
        guard let first = bounds.first, let last = bounds.last else { return intervals }
        if first.0 == .lessThan || first.0 == .lessThanOrEqual {
            intervals.append(VersionInterval(lower: nil, upper: .init(first)))
        }
        if last.0 == .greaterThan || last.0 == .greaterThanOrEqual {
            intervals.append(VersionInterval(lower: .init(last), upper: nil))
        }
        for (lower, upper) in zip(bounds, bounds.dropFirst())
        where (lower.0 == .greaterThan || lower.0 == .greaterThanOrEqual)
            && (upper.0 == .lessThan || upper.0 == .lessThanOrEqual)
        {
            intervals.append(VersionInterval(lower: .init(lower), upper: .init(upper)))
        }
        return intervals
    }
}

/// Versions between two bounds; a missing bound is open-ended.
private struct VersionInterval {
    struct Bound {
        let version: any Comparable
        let inclusive: Bool

        init(version: any Comparable, inclusive: Bool) {
            self.version = version
            self.inclusive = inclusive
        }

        init(_ constraint: (VersionRange.Comparator, any Comparable)) {
            self.init(
                version: constraint.1,
                inclusive: constraint.0 == .lessThanOrEqual || constraint.0 == .greaterThanOrEqual)
        }
    }

    let lower: Bound?
    let upper: Bound?

    /// The one version the interval holds, when it holds exactly one.
    var point: (any Comparable)? {
        guard let lower, let upper, VersionRange.equal(lower.version, upper.version) else { return nil }
        return lower.version
    }

    /// The versions both intervals hold; `nil` when there are none.
    func meeting(_ other: VersionInterval) -> VersionInterval? {
        let lower = Self.tighter(lower, other.lower, keepsLarger: true)
        let upper = Self.tighter(upper, other.upper, keepsLarger: false)
        if let lower, let upper {
            if VersionRange.less(upper.version, lower.version) { return nil }
            if VersionRange.equal(lower.version, upper.version) && !(lower.inclusive && upper.inclusive) { return nil }
        }
        return VersionInterval(lower: lower, upper: upper)
    }

    /// Of two lower bounds the larger, of two upper bounds the smaller; at the same version, the exclusive one.
    private static func tighter(_ first: Bound?, _ second: Bound?, keepsLarger: Bool) -> Bound? {
        guard let first else { return second }
        guard let second else { return first }
        if VersionRange.equal(first.version, second.version) { return first.inclusive ? second : first }
        return VersionRange.less(first.version, second.version) == keepsLarger ? second : first
    }
}
