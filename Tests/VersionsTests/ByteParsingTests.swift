import Testing
import Versions

/// The parsers read ASCII versions by byte and keep a slower path for the rest (SemVer's full grammar, Unicode text
/// for the generic scheme); both paths give the same versions and the same refusals.
@Suite struct ByteParsingTests {
    /// Build metadata sends a version down SemVer's full grammar and takes no part in precedence, so a bare
    /// `MAJOR.MINOR.PATCH` must read the same with and without it.
    @Test func semverReleasesReadAlikeOnBothPaths() {
        let pieces = ["0", "1", "7", "01", "10", "", "x", "18446744073709551615", "18446744073709551616"]
        // Every text of two to four dot-joined pieces.
        var texts = pieces
        var all: [String] = []
        for _ in 2...4 {
            texts = texts.flatMap { text in pieces.map { "\(text).\($0)" } }
            all += texts
        }
        var valid = 0
        for text in all {
            let bare = try? SemanticVersionScheme.semver.parse(text)
            let withBuild = try? SemanticVersionScheme.semver.parse(text + "+build.5")
            #expect((bare == nil) == (withBuild == nil), "\(text)")
            guard let bare, let withBuild else { continue }
            valid += 1
            #expect(bare == withBuild, "\(text)")
            #expect([bare.major, bare.minor, bare.patch] == [withBuild.major, withBuild.minor, withBuild.patch])
        }
        // 0, 1, 7, 10 and UInt64.max are the valid numbers: 5 × 5 × 5 releases.
        #expect(valid == 125)
    }

    @Test func semverEdges() throws {
        #expect(try SemanticVersionScheme.semver.parse("18446744073709551615.0.0").major == UInt64.max)
        #expect(throws: VersionError.self) { try SemanticVersionScheme.semver.parse("18446744073709551616.0.0") }
        #expect(throws: VersionError.self) { try SemanticVersionScheme.semver.parse("01.2.3") }
        #expect(throws: VersionError.self) { try SemanticVersionScheme.semver.parse("1.2.3.") }
        #expect(try SemanticVersionScheme.golang.parse("v1.2.3") == SemanticVersionScheme.semver.parse("1.2.3"))
        #expect(try SemanticVersionScheme.npm.parse(" =v1.2.3\t") == SemanticVersionScheme.semver.parse("1.2.3"))
    }

    /// A separator that is not ASCII sends generic text down the character path; the runs must not change.
    @Test func genericRunsAgreeOnBothPaths() throws {
        for text in ["1.2rc1", "2024-01-05", "V3_beta", "10.0.0.0", "r1234", "1.0-FINAL"] {
            let ascii = try GenericScheme().parse(text)
            let unicode = try GenericScheme().parse(text + "\u{A0}")
            #expect(ascii == unicode, "\(text)")
        }
        #expect(try GenericScheme().parse("Ünïcode 2") > GenericScheme().parse("Ünïcode 1"))
    }

    @Test func asciiRulesStillRefuseWhatTheyRefused() {
        #expect(throws: VersionError.self) { try RPMScheme.rpm.parse("1.0\u{2003}1") }
        #expect(throws: VersionError.self) { try VersionSchemes.named("maven")!.compare("1.0\u{2003}", "1.0") }
        #expect(throws: VersionError.self) { try DebianScheme().parse("1.0-é") }
        #expect(throws: VersionError.self) { try NuGetScheme().parse("1.0-bêta") }
        #expect(throws: VersionError.self) { try RubyGemsScheme().parse("1.0.ünï") }
    }

    @Test func asciiRulesOrderAsBefore() throws {
        #expect(try RubyGemsScheme().compare("1.0.0-rc1", "1.0.0") == -1)
        #expect(try RubyGemsScheme().compare("1.0.0.pre2", "1.0.0.pre10") == -1)
        #expect(try RubyGemsScheme().compare(" 1.0 ", "1") == 0)
        #expect(try NuGetScheme().compare("1.0.0-Beta.2", "1.0.0-beta.10") == -1)
        #expect(try DebianScheme().compare("2:1.0-1", "1:9.9-9") == 1)
        #expect(try RPMScheme.rpm.compare("1:1.0-1.el9", "1:1.0-1.el9~rc") == 1)
    }
}
