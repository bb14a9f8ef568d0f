import Testing
import Versions

/// Every version scheme and range reader refuses text beyond its length bound with a clear error, and Maven's
/// nested lists, as deep as the bound allows, order without recursion.
@Suite struct LengthBoundTests {
    /// About 200 KB of `1-1-1-…`: Maven opens a nested list at every `-`, which once crashed the server.
    static let hostile = String(repeating: "1-", count: 100_000) + "1"

    @Test(arguments: VersionSchemes.all.keys.sorted())
    func everySchemeRefusesAnOverlongVersion(scheme name: String) throws {
        let scheme = try #require(VersionSchemes.named(name))
        let error = try #require(throws: VersionError.self) { _ = try scheme.parse(Self.hostile) }
        #expect(error.message.contains("at most \(VersionSchemes.maximumLength) bytes"), "\(name): \(error)")
    }

    @Test func theBoundIsInBytesAndInclusive() throws {
        let longest = String(repeating: "1-", count: VersionSchemes.maximumLength / 2 - 1) + "1."
        #expect(longest.utf8.count == VersionSchemes.maximumLength)
        #expect(MavenScheme().isValid(longest))
        #expect(!MavenScheme().isValid(longest + "1"))
        // 128 two-byte characters are 256 bytes; one more is refused, though 129 characters are few.
        let accented = String(repeating: "é", count: VersionSchemes.maximumLength / 2)
        #expect(MavenScheme().isValid(accented))
        #expect(!MavenScheme().isValid(accented + "é"))
    }

    /// The deepest Maven version the bound allows orders as Maven orders it: `1-1-…-1` is `1` followed by nested
    /// lists each holding `1`, above `1` and below `1.1`.
    @Test func deeplyNestedMavenVersionsOrder() throws {
        let maven = MavenScheme()
        let deep = String(repeating: "1-", count: 120) + "1"
        let deeper = String(repeating: "1-", count: 120) + "2"
        #expect(try maven.compare(deep, deep) == 0)
        #expect(try maven.compare(deep, deeper) < 0)
        #expect(try maven.compare("1", deep) < 0)
        #expect(try maven.compare(deep, "1.1") < 0)
        #expect(try maven.compare(deep + "-0", deep) == 0, "trailing zeros in the deepest list are dropped")
        #expect(try maven.compare(deep + "-alpha", deep) < 0)
    }

    @Test func rangesAreBounded() {
        let constraints = Array(repeating: ">=1.0.0", count: 1_000).joined(separator: "|")
        #expect(throws: VersionError.self) { _ = try VersionRange(parsing: "vers:npm/" + constraints) }
        #expect(throws: VersionError.self) { _ = try NativeRange.parse(constraints, scheme: "npm") }
        #expect(throws: VersionError.self) {
            _ = try VersionRange(parsing: "vers:maven/<" + Self.hostile)
        }
    }
}
