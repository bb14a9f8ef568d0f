import PackageURL
import Testing
import Versions

/// The examples of docs/packages-and-versions.md give what the page says.
@Suite struct DocumentedExamplesTests {
    @Test func packageURLExamples() throws {
        #expect(
            try PackageURL(parsing: "pkg:PyPI/Django_Rest@3.0?Arch=x86#src/").description
                == "pkg:pypi/django-rest@3.0?arch=x86#src")
        #expect(
            try PackageURL(type: "maven", namespace: "org.apache.commons", name: "io", version: "1.3.4").description
                == "pkg:maven/org.apache.commons/io@1.3.4")
    }

    @Test func versionExamples() throws {
        #expect(try PEP440Scheme().compare("1.0rc1", "1.0.post1") == -1)
        #expect(try DebianScheme().compare("1:1.0~rc1-1", "1.0-1") == 1)
        #expect(try VersionSchemes.named("maven")?.compare("1.0-alpha-1", "1.0") == -1)
        #expect(
            message { try PEP440Scheme().parse("1.0 beta") }
                == "`1.0 beta` is not a PEP 440 version: `beta` is not understood.")
        #expect(
            message { try SemanticVersionScheme.semver.parse("1.0.0-01") }
                == "The pre-release identifier `01` has a leading zero.")
    }

    private func message(_ body: () throws -> some Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? VersionError)?.message
        }
    }

    @Test func rangeExamples() throws {
        #expect(try VersionRange(parsing: "vers:npm/>=1.0.0|<2.0.0").contains("1.4.2"))
        #expect(
            try VersionRange(parsing: "vers:npm/>=1.0.0|<2.0.0").overlaps(VersionRange(parsing: "vers:npm/>=1.9.0")))
        #expect(try VersionRange(normalizing: "vers:pypi/ 2.0 | >=1.0").description == "vers:pypi/>=1.0|2.0")
        #expect(
            try NativeRange.parse("^1.2.3 || >=2.0.1", scheme: "npm")?.description
                == "vers:npm/>=1.2.3|<2.0.0|>=2.0.1")
    }
}
