import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import PackageURL
import Testing

/// Folding findings into cases by their fingerprints.
@Suite struct FindingIntakeTests {
    let reporter: Organization.ID = Fixtures.dependencies.makeID()

    func intake(_ dependencies: Dependencies = .test()) -> FindingIntake {
        FindingIntake(
            reporter: reporter, actor: AuditActor(organizationID: reporter, tokenID: nil, channel: .api),
            label: .amberStrict, dependencies: dependencies)
    }

    func plan(_ drafts: [FindingDraft], known: [String: FindingIntake.KnownCase]) -> FindingIntake.Plan {
        intake().plan(FindingIntake.Submission(drafts), known: known)
    }

    static let demo = FindingTarget.package(try! PackageURL(parsing: "pkg:pypi/demo@1.0"))

    static func draft(
        path: String? = "src/parse.c", function: String? = "parse_header", line: Int? = 10, cwe: [String] = ["CWE-787"],
        target: FindingTarget? = demo, aliases: [String] = [], stack: [String] = [], tool: [String: String] = [:]
    ) -> FindingDraft {
        FindingDraft(
            format: .native, title: "Overflow", target: target, weaknesses: cwe, aliases: aliases,
            locations: [FindingLocation(path: path, startLine: line, function: function)],
            stacks: stack.isEmpty ? [] : [stack.map { FindingLocation(function: $0) }], toolFingerprints: tool,
            provenance: FindingProvenance(tool: "scanner"))
    }

    @Test func distinctFindingsOpenCasesAndDuplicatesJoinThem() {
        let plan = plan(
            [
                Self.draft(),
                Self.draft(function: "parse_body"),
                // The same function, a line later and with the path written another way: the same bug.
                Self.draft(path: "./src/parse.c", line: 11),
            ], known: [:])
        #expect(plan.openedCases.count == 2)
        #expect(plan.openings.map(\.to) == [.reported, .reported])
        #expect(plan.findings[2].caseID == plan.findings[0].caseID)
        #expect(plan.findings[2].duplicateOf == plan.findings[0].id)
        #expect(plan.findings[0].duplicateOf == nil && plan.findings[1].duplicateOf == nil)
        #expect(plan.openedCases[0].firstFinding == plan.findings[0].id)
        #expect(plan.openedCases[0].owner == reporter)
        // Each fingerprint is held by one case; the duplicate's keys were held already.
        #expect(plan.newFingerprints.count == Set(plan.newFingerprints.map(\.fingerprint)).count)
        #expect(
            plan.newFingerprints.allSatisfy { $0.caseID != plan.findings[2].caseID || $0.fingerprint.kind == .location }
        )
    }

    @Test func knownFingerprintsJoinTheOldestCase() {
        let first = plan([Self.draft(aliases: ["CVE-2024-1"])], known: [:])
        let second = plan([Self.draft(target: nil, aliases: ["CVE-2024-2"])], known: [:])
        var known: [String: FindingIntake.KnownCase] = [:]
        for plan in [second, first] {
            for (fingerprint, caseID) in plan.newFingerprints {
                known[fingerprint.key] = FindingIntake.KnownCase(id: caseID, firstFinding: plan.findings[0].id, label: .amberStrict)
            }
        }
        // Meets the first plan's case by alias, the second's by location (both have no target then).
        let draft = Self.draft(target: nil, aliases: ["cve-2024-1"])
        let plan = plan([draft], known: known)
        #expect(plan.openedCases.isEmpty)
        let oldest = min(first.openedCases[0].id, second.openedCases[0].id)
        #expect(plan.findings[0].caseID == oldest)
    }

    @Test func otherProjectsAndOtherWeaknessesStayApart() {
        let other = FindingTarget.package(try! PackageURL(parsing: "pkg:pypi/other@1.0"))
        let newer = FindingTarget.package(try! PackageURL(parsing: "pkg:pypi/demo@2.0"))
        let plan = plan(
            [Self.draft(), Self.draft(target: other), Self.draft(cwe: ["CWE-416"]), Self.draft(target: newer)],
            known: [:])
        // Another version of the same package is the same project.
        #expect(plan.openedCases.count == 3)
        #expect(plan.findings[3].duplicateOf == plan.findings[0].id)
    }

    @Test func crashStatesMeetAcrossToolsAndAddresses() {
        let asan = [
            "#0 0x7f3a in __asan_memcpy", "#1 0x4f2a in png_read_row(png_struct*, unsigned char*) pngread.c:512",
            "#2 0x4e11 in png_process_data pngpread.c:40", "#3 0x4d00 in LLVMFuzzerTestOneInput fuzz.cc:9",
            "#4 0x4c00 in png_read_image pngread.c:700",
        ]
        let gdb = ["memcpy", "png_read_row", "png_process_data+0x40", "png_read_image"]
        #expect(CrashState.frames(asan) == ["png_read_row", "png_process_data", "png_read_image"])
        #expect(CrashState.frames(gdb) == ["png_read_row", "png_process_data", "png_read_image"])
        let plan = plan(
            [Self.draft(path: nil, function: nil, stack: asan), Self.draft(path: nil, function: nil, stack: gdb)],
            known: [:])
        #expect(plan.openedCases.count == 1)
    }

    @Test(arguments: [
        ("#3 0x4f2a in png_read_row(png_struct*, unsigned char*) pngread.c:512", "png_read_row"),
        ("frame #1: 0x0000000100003f50 demo`parse_header + 16 at parse.c:10", "parse_header"),
        ("std::vector<int>::at(unsigned long)", "std::vector::at"),
        ("0x00007fff", ""),
        ("  Parser::run() const", "Parser::run"),
    ])
    func framesAreNormalized(frame: String, expected: String) {
        #expect(CrashState.normalized(frame) == expected)
    }

    @Test func toolFingerprintsAreScopedToTheTool() {
        var other = Self.draft(tool: ["primaryLocationLineHash": "abc"])
        other.provenance.tool = "another"
        let plan = plan(
            [
                Self.draft(path: "a.c", tool: ["primaryLocationLineHash": "abc"]),
                Self.draft(path: "b.c", tool: ["primaryLocationLineHash": "abc"]),
                FindingDraft(
                    format: .native, title: "x", target: Self.demo,
                    toolFingerprints: ["primaryLocationLineHash": "abc"],
                    provenance: FindingProvenance(tool: "another")),
            ], known: [:])
        #expect(plan.findings[1].caseID == plan.findings[0].caseID)
        #expect(plan.findings[2].caseID != plan.findings[0].caseID)
    }

    @Test func repositoryURLsNameOneProjectWhateverTheirSpelling() throws {
        let urls = ["https://GitHub.com/Org/Repo.git", "git@github.com:org/repo", "http://github.com/org/repo/"]
        let projects = try urls.map {
            try FindingTarget.repository($0, commit: nil, field: "repository", commitField: "commit").project
        }
        #expect(Set(projects) == ["github.com/org/repo"])
    }
}
