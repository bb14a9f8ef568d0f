import Foundation
import Testing
import Versions

/// Orderings computed by the reference implementations (packaging for PEP 440, dpkg, rpm's own test cases), and
/// the precedence examples the specifications give.
@Suite struct ReferenceOrderingTests {
    struct Reference: Decodable {
        let pairs: [[Pair]]
        let normalized: [[String]]?
        let invalid: [String]?

        enum Pair: Decodable {
            case text(String)
            case order(Int)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let order = try? container.decode(Int.self) {
                    self = .order(order)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }

        static func load(_ name: String) throws -> Reference {
            let url = Bundle.module.bundleURL.appendingPathComponent("Resources/reference/\(name).json")
            return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        }

        var cases: [(String, String, Int)] {
            pairs.compactMap { pair in
                guard pair.count == 3, case .text(let a) = pair[0], case .text(let b) = pair[1],
                    case .order(let order) = pair[2]
                else { return nil }
                return (a, b, order)
            }
        }
    }

    private func expectOrders(_ reference: Reference, with scheme: some VersionScheme) {
        #expect(reference.cases.count == reference.pairs.count)
        for (a, b, expected) in reference.cases {
            #expect((try? scheme.compare(a, b)) == expected, "\(scheme.name): \(a) vs \(b)")
        }
    }

    @Test func pep440MatchesPackaging() throws {
        let reference = try Reference.load("pep440")
        #expect(reference.cases.count > 6_000)
        expectOrders(reference, with: PEP440Scheme())
        for pair in reference.normalized ?? [] {
            #expect((try? PEP440Version(parsing: pair[0]))?.description == pair[1], "\(pair[0])")
        }
        for text in reference.invalid ?? [] {
            #expect(throws: VersionError.self, "\(text.debugDescription)") { try PEP440Version(parsing: text) }
        }
    }

    @Test func debianMatchesDpkg() throws {
        let reference = try Reference.load("dpkg")
        #expect(reference.cases.count > 2_000)
        expectOrders(reference, with: DebianScheme())
    }

    @Test func rpmMatchesRpmvercmpTests() throws {
        let reference = try Reference.load("rpmvercmp")
        #expect(reference.cases.count == 69)
        expectOrders(reference, with: RPMScheme.rpm)
    }

    @Test func rpmEpochsReleasesAndCarets() throws {
        let scheme = RPMScheme.rpm
        #expect(try scheme.compare("1:1.0-1", "2.0-1") == 1)
        #expect(try scheme.compare("0:1.0-1", "1.0-1") == 0)
        #expect(try scheme.compare("1.0-1.el8", "1.0-1.el8_2") == -1)
        #expect(try scheme.compare("1.0^git1", "1.0") == 1)
        #expect(try scheme.compare("1.0^git1", "1.0.1") == -1)
        #expect(try scheme.compare("1.0~rc1^git1", "1.0~rc1") == 1)
        #expect(throws: VersionError.self) { try scheme.parse("x:1.0") }
    }

    /// SemVer 2.0.0, section 11: the precedence example, in order.
    @Test func semverPrecedenceExample() throws {
        let chain = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1",
        ]
        for scheme in [SemanticVersionScheme.semver, .cargo, .npm, .golang] {
            for (lower, higher) in zip(chain, chain.dropFirst()) {
                #expect(try scheme.compare(lower, higher) == -1, "\(lower) < \(higher)")
            }
        }
        #expect(try SemanticVersionScheme.semver.compare("1.0.0+build.1", "1.0.0+build.2") == 0)
        for bad in ["1.0", "01.0.0", "1.0.0-01", "1.0.0-", "1.0.0+", "v1.0.0", "1.0.0-a..b", " 1.0.0"] {
            #expect(throws: VersionError.self, "\(bad)") { try SemanticVersionScheme.semver.parse(bad) }
        }
    }

    @Test func goAndNpmSpellings() throws {
        let go = SemanticVersionScheme.golang
        #expect(try go.compare("v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa") == -1)
        #expect(try go.compare("v0.0.0-20191109021931-daa7c04131f5", "v0.1.0") == -1)
        #expect(try go.compare("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3") == 1)
        #expect(try go.compare("v2.0.0+incompatible", "2.0.0") == 0)
        #expect(try SemanticVersionScheme.npm.compare(" =v1.2.3 ", "1.2.3") == 0)
    }

    /// `Gem::Version`'s documented ordering and its canonical segments.
    @Test func rubyGemsOrdering() throws {
        let scheme = RubyGemsScheme()
        let chain = ["0.9", "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.1", "2"]
        for (lower, higher) in zip(chain, chain.dropFirst()) {
            #expect(try scheme.compare(lower, higher) == -1, "\(lower) < \(higher)")
        }
        #expect(try scheme.compare("1.0.0", "1") == 0)
        #expect(try scheme.compare("1.0-beta", "1.0.pre.beta") == 0)
        #expect(try scheme.compare("1.0.a", "1.0.a.0") == 0)
        for bad in ["a", "1..0", "1.0 2", "1.0-", "1_0"] {
            #expect(throws: VersionError.self, "\(bad)") { try scheme.parse(bad) }
        }
    }

    @Test func nugetOrdering() throws {
        let scheme = NuGetScheme()
        #expect(try scheme.compare("1.0", "1.0.0.0") == 0)
        #expect(try scheme.compare("1.01", "1.1") == 0)
        #expect(try scheme.compare("1.0.0.1", "1.0.0") == 1)
        #expect(try scheme.compare("1.0.0-RC.2", "1.0.0-rc.10") == -1)
        #expect(throws: VersionError.self) { try scheme.parse("1.0.0.0.0") }
    }

    @Test func genericOrdering() throws {
        let scheme = GenericScheme()
        let chain = ["1.0rc1", "1.0", "1.0.1", "1.0.10", "1.1", "2"]
        for (lower, higher) in zip(chain, chain.dropFirst()) {
            #expect(try scheme.compare(lower, higher) == -1, "\(lower) < \(higher)")
        }
        #expect(try scheme.compare("1.0", "1-0-0") == 0)
        #expect(throws: VersionError.self) { try scheme.parse("..") }
    }
}
