import Testing
import Versions

/// Two `vers` ranges overlap when some version lies in both, which scan claims on packages rely on.
@Suite struct RangeOverlapTests {
    @Test(arguments: [
        ("vers:npm/>=1.0.0|<2.0.0", "vers:npm/>=1.5.0|<3.0.0", true),
        ("vers:npm/<1.0.0", "vers:npm/>=1.0.0", false),
        ("vers:npm/<=1.0.0", "vers:npm/>=1.0.0", true),
        ("vers:npm/<=1.0.0", "vers:npm/>1.0.0", false),
        ("vers:npm/1.2.3", "vers:npm/>=1.0.0|<2.0.0", true),
        ("vers:npm/2.0.0", "vers:npm/>=1.0.0|<2.0.0", false),
        ("vers:npm/1.0.0|2.0.0", "vers:npm/2.0.0", true),
        ("vers:npm/*", "vers:npm/9.9.9", true),
        ("vers:npm/*", "vers:npm/!=1.0.0", false),
        ("vers:pypi/<=1.0|>=2.0", "vers:pypi/>1.0|<2.0", false),
        ("vers:pypi/<=1.0|>=2.0", "vers:pypi/>1.0|<=2.0", true),
        ("vers:pypi/>=1.0|!=1.5|<2.0", "vers:pypi/1.5", false),
        ("vers:pypi/>=1.0|!=1.5|<2.0", "vers:pypi/>=1.5|<1.6", true),
        ("vers:pypi/<=1.0", "vers:pypi/>=1.0|!=1.0", false),
        ("vers:maven/>=1.0|<2.0", "vers:maven/1.0-alpha", false),
        ("vers:npm/>=1.0.0", "vers:pypi/<0.1", true),
    ])
    func overlap(_ first: String, _ second: String, _ expected: Bool) throws {
        let (a, b) = (try VersionRange(parsing: first), try VersionRange(parsing: second))
        #expect(try a.overlaps(b) == expected)
        #expect(try b.overlaps(a) == expected, "overlap is symmetric")
    }

    /// Whenever a version lies in both ranges, the ranges overlap (checked on a grid of ranges and versions).
    @Test func aSharedVersionMeansOverlap() throws {
        let versions = ["0.5", "1.0", "1.2", "1.5", "2.0", "2.5", "3.0"]
        var ranges: [VersionRange] = [try VersionRange(parsing: "vers:pypi/*")]
        for version in versions {
            for comparator in VersionRange.Comparator.allCases {
                ranges.append(try VersionRange(scheme: "pypi", constraints: [.init(comparator, version)]))
            }
        }
        for (low, high) in zip(versions, versions.dropFirst(2)) {
            ranges.append(try VersionRange(scheme: "pypi", constraints: [.init(.greaterThan, low), .init(.lessThan, high)]))
            ranges.append(
                try VersionRange(scheme: "pypi", constraints: [.init(.lessThanOrEqual, low), .init(.greaterThan, high)]))
        }
        for a in ranges {
            for b in ranges {
                let shared = try versions.first { version in try a.contains(version) && b.contains(version) }
                if let shared {
                    #expect(try a.overlaps(b), "\(a) and \(b) share \(shared)")
                }
            }
        }
    }
}
