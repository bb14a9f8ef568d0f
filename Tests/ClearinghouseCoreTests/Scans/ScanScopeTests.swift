import ClearinghouseCore
import Testing

/// Scan scopes read strictly into one canonical form, refuse what is malformed naming the field, and overlap by
/// their kind's rule.
@Suite struct ScanScopeTests {
    @Test(arguments: [
        ("192.0.2.0/24", "192.0.2.0/24"),
        ("192.0.2.7", "192.0.2.7/32"),
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("2001:DB8::/32", "2001:db8::/32"),
        // RFC 5952, 4.2.2 and 4.2.3: one zero group is not compressed; of two equal runs the first is.
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1/128"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1/128"),
        ("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1/128"),
        ("::", "::/128"),
        ("::1", "::1/128"),
        ("::ffff:192.0.2.1", "::ffff:c000:201/128"),
        ("fe80::/10", "fe80::/10"),
    ])
    func networksReadCanonically(_ text: String, _ canonical: String) throws {
        #expect(try NetworkRange(parsing: text).description == canonical)
    }

    @Test(arguments: [
        "", "10.0.0.1/8", "010.0.0.0/8", "256.0.0.0/8", "1.2.3/24", "1.2.3.4.5", "192.0.2.0/33", "/24",
        "192.0.2.0/+24", "192.0.2.0/024", "192.0.2.0/", "fe80::1%eth0", "1::2::3", "2001:db8::/129",
        "2001:db8:1::/32", "1:2:3:4:5:6:7:8:9", "12345::", ":::", "g::1", String(repeating: "1", count: 65),
    ])
    func malformedNetworksAreRefused(_ text: String) {
        #expect(throws: ClearinghouseError.self) { try NetworkRange(parsing: text) }
    }

    @Test func anAddressWithHostBitsIsRefusedWithTheNetworkItMeans() {
        let error = #expect(throws: ClearinghouseError.self) { try NetworkRange(parsing: "2001:db8:1::/32") }
        #expect(error?.field == "scope.cidr")
        #expect(error?.message.contains("the network is 2001:db8::/32") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.1.0.0/16", true),
        ("10.0.0.0/16", "10.1.0.0/16", false),
        ("0.0.0.0/0", "203.0.113.9", true),
        ("192.0.2.0/24", "::ffff:192.0.2.0/120", false),
        ("2001:db8::/32", "2001:db8:ffff::/48", true),
        ("2001:db8::/48", "2001:db8:1::/48", false),
        ("192.0.2.1", "192.0.2.1/32", true),
    ])
    func networksOverlapWhenOneContainsTheOther(_ first: String, _ second: String, _ expected: Bool) throws {
        let (a, b) = (try NetworkRange(parsing: first), try NetworkRange(parsing: second))
        #expect(a.overlaps(b) == expected)
        #expect(b.overlaps(a) == expected)
    }

    @Test func hostNamesReadCanonically() throws {
        #expect(try HostPattern(parsing: "Portal.Hospital.Example.").description == "portal.hospital.example")
        #expect(try HostPattern(parsing: "*.Hospital.example").description == "*.hospital.example")
        #expect(try HostPattern(parsing: "xn--bcher-kva.example").description == "xn--bcher-kva.example")
    }

    @Test(arguments: [
        "", "a..b", "-a.example", "a-.example", "exa mple.com", "bücher.example", "192.0.2.1", "*.", "a.*.example",
        "*", String(repeating: "a", count: 64) + ".example", String(repeating: "a.", count: 127) + "aa",
    ])
    func malformedHostsAreRefused(_ text: String) {
        let error = #expect(throws: ClearinghouseError.self) { try HostPattern(parsing: text) }
        #expect(error?.field == "scope.host")
    }

    @Test(arguments: [
        ("*.h.example", "portal.h.example", true),
        ("*.h.example", "h.example", false),
        ("*.h.example", "*.a.h.example", true),
        ("*.h.example", "*.g.example", false),
        ("a.example", "b.example", false),
        ("a.example", "A.example", true),
        ("*.h.example", "evilh.example", false),
    ])
    func hostsOverlapByNameOrWildcard(_ first: String, _ second: String, _ expected: Bool) throws {
        let (a, b) = (try HostPattern(parsing: first), try HostPattern(parsing: second))
        #expect(a.overlaps(b) == expected)
        #expect(b.overlaps(a) == expected)
    }

    @Test(arguments: [
        "https://GitHub.com/Acme/App.git/", "git@github.com:acme/app.git", "ssh://git@github.com/acme/app",
        "http://github.com:80/acme/app", "git://github.com/acme/app", "https://github.com:443/acme/app/",
        // Found by the fuzz target `scan-scopes`: one `.git` was stripped, so the canonical form read back shorter.
        "git@github.com:acme/app.git.git", "https://github.com/acme/app.git/.git/",
    ])
    func oneRepositoryWrittenManyWaysIsOne(_ text: String) throws {
        #expect(try RepositoryURL(parsing: text).canonical == "https://github.com/acme/app")
    }

    @Test(arguments: [
        "https://user:token@github.com/acme/app", "https://github.com/acme/app?tab=1", "https://github.com/acme/app#x",
        "ftp://github.com/acme/app", "https://github.com", "https://github.com/", "https://github.com/../x",
        "https://github.com/acme//app", "https://exa mple.com/x", "ssh://root@github.com/acme/app", "github.com/acme/app",
        "https://*.example/x", "https://github.com:abc/acme/app", "https://github.com:0/x", "https://github.com:99999/x",
        "https://github.com:/x", "https://github.com:08080/x", "https://github.com/.git",
    ])
    func malformedRepositoriesAreRefused(_ text: String) {
        let error = #expect(throws: ClearinghouseError.self) { try RepositoryURL(parsing: text) }
        #expect(error?.field == "scope.url")
    }

    /// Found by the `scan-scopes` fuzz target: a ref holding `@` (`https://git.example/acme/app@a@b`) read back from
    /// the one-line form as another repository and ref. `@` is refused in refs and in repository paths.
    @Test func aRepositoryScopeReadsBackFromItsOneLineForm() throws {
        let scope = try ScanScope(.init(kind: "repo", url: "https://git.example/acme/app", ref: "release/2.x"))
        #expect(try ScanScope(line: scope.description, field: "scope") == scope)
        for request in [
            ScanScope.Request(kind: "repo", url: "https://git.example/acme/app", ref: "a@b"),
            ScanScope.Request(kind: "repo", url: "https://git.example/acme/app@b"),
        ] {
            let error = #expect(throws: ClearinghouseError.self) { try ScanScope(request) }
            #expect(error?.field == (request.ref == nil ? "scope.url" : "scope.ref"))
        }
    }

    @Test func scopesOverlapByTheirKindsRule() throws {
        let leftPad = try ScanScope(.init(kind: "pkg", purl: "pkg:npm/left-pad", range: "vers:npm/>=1.0.0|<2.0.0"))
        #expect(leftPad.description == "pkg:npm/left-pad vers:npm/>=1.0.0|<2.0.0")
        #expect(leftPad.overlaps(try ScanScope(.init(kind: "pkg", purl: "pkg:npm/left-pad", range: "vers:npm/>=1.5.0"))))
        #expect(!leftPad.overlaps(try ScanScope(.init(kind: "pkg", purl: "pkg:npm/left-pad", range: "vers:npm/>=2.0.0"))))
        #expect(leftPad.overlaps(try ScanScope(.init(kind: "pkg", purl: "pkg:npm/left-pad?arch=x64"))))
        #expect(!leftPad.overlaps(try ScanScope(.init(kind: "pkg", purl: "pkg:npm/right-pad"))))

        let main = try ScanScope(.init(kind: "repo", url: "https://git.example/acme/app", ref: "main"))
        let commit = try ScanScope(.init(kind: "repo", url: "git@git.example:acme/app.git", ref: String(repeating: "a", count: 40)))
        #expect(main.overlaps(commit))
        #expect(!main.overlaps(try ScanScope(.init(kind: "repo", url: "https://git.example/acme/other"))))

        let network = try ScanScope(.init(kind: "net", cidr: "198.51.100.0/24"))
        let host = try ScanScope(.init(kind: "net", host: "*.hospital.example"))
        #expect(network.overlaps(try ScanScope(.init(kind: "net", cidr: "198.51.100.128/25"))))
        #expect(!network.overlaps(host), "names are not resolved")
        #expect(!leftPad.overlaps(main) && !main.overlaps(network))
    }

    @Test func aScopeRoundTripsThroughItsCanonicalRequest() throws {
        for request in [
            ScanScope.Request(kind: "pkg", purl: "pkg:PyPI/Django_Rest", range: "vers:pypi/ <2.0 | >=1.0 "),
            ScanScope.Request(kind: "repo", url: "git@GitHub.com:Acme/App.git", ref: "v1.2"),
            ScanScope.Request(kind: "net", cidr: "2001:DB8::/32"),
            ScanScope.Request(kind: "net", host: "*.Example.ORG"),
        ] {
            let scope = try ScanScope(request)
            #expect(try ScanScope(scope.request) == scope)
            #expect(try ScanScope(stored: scope.request) == scope)
            #expect(scope.request.kind == request.kind)
        }
        // What was stored before a rule changed, or written loosely, is still read, and as strictly as a request.
        let loose = ScanScope.Request(kind: "pkg", purl: "pkg:PyPI/Django_Rest?arch=x86", range: "vers:pypi/<2.0|>=1.0")
        #expect(try ScanScope(stored: loose) == ScanScope(loose))
        #expect(try ScanScope(stored: loose).description == "pkg:pypi/django-rest vers:pypi/>=1.0|<2.0")
        #expect(throws: ClearinghouseError.self) {
            try ScanScope(stored: .init(kind: "pkg", purl: "pkg:npm/left-pad", range: "vers:npm/>=1.0.0", host: "a"))
        }
        #expect(
            try ScanScope(.init(kind: "pkg", purl: "pkg:PyPI/Django_Rest", range: "vers:pypi/ <2.0 | >=1.0 ")).description
                == "pkg:pypi/django-rest vers:pypi/>=1.0|<2.0")
    }

    @Test(arguments: [
        (ScanScope.Request(kind: "file"), "scope.kind"),
        (ScanScope.Request(kind: "pkg"), "scope.purl"),
        (ScanScope.Request(kind: "pkg", purl: "pkg:npm/left-pad@1.0.0"), "scope.purl"),
        (ScanScope.Request(kind: "pkg", purl: "left-pad"), "scope.purl"),
        (ScanScope.Request(kind: "pkg", purl: "pkg:npm/left-pad", range: ">=1.0"), "scope.range"),
        (ScanScope.Request(kind: "pkg", purl: "pkg:npm/left-pad", cidr: "10.0.0.0/8"), "scope.cidr"),
        (ScanScope.Request(kind: "repo"), "scope.url"),
        (ScanScope.Request(kind: "repo", url: "https://git.example/a", ref: "a..b"), "scope.ref"),
        (ScanScope.Request(kind: "repo", url: "https://git.example/a", ref: ""), "scope.ref"),
        (ScanScope.Request(kind: "net"), "scope.cidr"),
        (ScanScope.Request(kind: "net", cidr: "10.0.0.0/8", host: "a.example"), "scope.cidr"),
        (ScanScope.Request(kind: "net", host: "10.0.0.1"), "scope.host"),
    ])
    func badScopesNameTheirField(_ request: ScanScope.Request, _ field: String) {
        let error = #expect(throws: ClearinghouseError.self) { try ScanScope(request) }
        #expect(error?.field == field, "\(String(describing: error))")
    }
}

@Suite struct ScanScopeLineTests {
    @Test(arguments: [
        "pkg:npm/left-pad vers:npm/>=1.0.0|<2.0.0", "pkg:npm/left-pad *", "https://git.example/acme/app@main",
        "https://git.example/acme/app", "198.51.100.0/24", "2001:db8::/32", "*.hospital.example", "portal.example",
    ])
    func aScopesLineReadsBackAsItself(_ line: String) throws {
        #expect(try ScanScope(line: line, field: "scope").description == line)
    }

    @Test func linesAreReadAsStrictlyAsRequests() throws {
        #expect(try ScanScope(line: "git@git.example:acme/app.git@v1.2", field: "scope").description
            == "https://git.example/acme/app@v1.2")
        #expect(try ScanScope(line: "pkg:npm/left-pad", field: "scope").description == "pkg:npm/left-pad *")
        for bad in ["", "10.0.0.1/8", "pkg:npm/a@1.0", "https://u:p@git.example/a", "exa mple.com", "pkg:npm/a vers:npm/>=2|<1"] {
            let error = #expect(throws: ClearinghouseError.self) { try ScanScope(line: bad, field: "scope") }
            #expect(error?.field == "scope", "\(bad)")
        }
    }
}
