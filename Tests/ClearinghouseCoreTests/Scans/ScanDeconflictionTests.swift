import ClearinghouseCore
import Foundation
import Testing

/// Claims are granted, refused for a conflict (naming the leases), or refused as recently scanned, by the rules of
/// `ScanDeconfliction`; bad windows and durations are refused naming their field.
@Suite struct ScanDeconflictionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = ScanPolicy()
    let claimant = Organization.ID(UUID())
    let other = Organization.ID(UUID())
    let agent = ScanProvenance(tool: "fuzzbot", model: "model-x", version: "2.1")

    func scope(_ range: String = "vers:npm/>=1.0.0|<2.0.0") throws -> ScanScope {
        try ScanScope(.init(kind: "pkg", purl: "pkg:npm/left-pad", range: range))
    }

    func claim(
        _ scope: ScanScope, _ technique: ScanTechnique = .fuzzing, startingIn offset: TimeInterval = 0,
        hours: Int = 2, overlap: Bool = false
    ) throws -> ScanClaim {
        try ScanClaim(
            scope: scope, technique: technique, agent: agent, startsAt: now.addingTimeInterval(offset),
            durationSeconds: hours * 3_600, allowsOverlap: overlap, now: now, policy: policy)
    }

    func lease(
        _ scope: ScanScope, holder: Organization.ID? = nil, _ technique: ScanTechnique = .fuzzing,
        from start: TimeInterval = -3_600, to end: TimeInterval = 3_600, id: String = "lease-1"
    ) -> HeldLease {
        HeldLease(
            id: id, holder: holder ?? other, scope: scope, technique: technique, startsAt: now.addingTimeInterval(start),
            endsAt: now.addingTimeInterval(end))
    }

    func decide(_ claim: ScanClaim, live: [HeldLease] = [], completed: [CompletedScan] = []) -> ClaimDecision {
        ScanDeconfliction.decide(claim, by: claimant, live: live, completed: completed, policy: policy)
    }

    @Test func anOverlappingLeaseOfAnotherParticipantConflicts() throws {
        let held = lease(try scope("vers:npm/>=1.5.0"))
        #expect(decide(try claim(try scope()), live: [held]) == .conflict([held]))
    }

    @Test func whatDoesNotOverlapInScopeTimeTechniqueOrHolderIsGranted() throws {
        let claim = try claim(try scope())
        #expect(decide(claim, live: [lease(try scope("vers:npm/>=2.0.0"))]) == .granted, "other versions")
        #expect(decide(claim, live: [lease(try scope(), from: -7_200, to: 0)]) == .granted, "ended as this starts")
        #expect(decide(claim, live: [lease(try scope(), from: 7_200, to: 9_000)]) == .granted, "starts as this ends")
        #expect(decide(claim, live: [lease(try scope(), .sast)]) == .granted, "another technique")
        #expect(decide(claim, live: [lease(try scope(), holder: claimant)]) == .granted, "the claimant's own")
        #expect(decide(try self.claim(try scope(), overlap: true), live: [lease(try scope())]) == .granted, "opted in")
    }

    @Test func networksConflictWhateverTheTechniqueAndDespiteAnOptIn() throws {
        let network = try ScanScope(.init(kind: "net", cidr: "198.51.100.0/24"))
        let held = lease(try ScanScope(.init(kind: "net", cidr: "198.51.100.0/26")), .dast)
        #expect(decide(try claim(network, .network), live: [held]) == .conflict([held]))
        #expect(decide(try claim(network, .network, overlap: true), live: [held]) == .conflict([held]))
    }

    @Test func conflictsAreListedByWhenTheyEnd() throws {
        let later = lease(try scope(), to: 5_000, id: "later")
        let sooner = lease(try scope("vers:npm/1.2.3"), to: 1_000, id: "sooner")
        #expect(decide(try claim(try scope()), live: [later, sooner]) == .conflict([sooner, later]))
    }

    @Test func theSameScopeScannedRecentlyWithTheSameTechniqueIsRefusedUntilTheCoolDownEnds() throws {
        let done = CompletedScan(scope: try scope(), technique: .fuzzing, completedAt: now.addingTimeInterval(-86_400))
        let until = done.completedAt.addingTimeInterval(policy.coolDown)
        #expect(decide(try claim(try scope()), completed: [done]) == .recentlyScanned(done, until: until))
        #expect(decide(try claim(try scope(), .sast), completed: [done]) == .granted)
        #expect(decide(try claim(try scope("vers:npm/>=1.0.0")), completed: [done]) == .granted, "another scope")
        #expect(decide(try claim(try scope(), overlap: true), completed: [done]) == .granted)
        let old = CompletedScan(scope: try scope(), technique: .fuzzing, completedAt: now.addingTimeInterval(-8 * 86_400))
        #expect(decide(try claim(try scope()), completed: [old]) == .granted)
    }

    @Test func badWindowsAndDurationsNameTheirField() throws {
        let scope = try scope()
        for (start, seconds, field) in [
            (-3_600.0, 3_600, "starts_at"), (31 * 86_400.0, 3_600, "starts_at"), (0.0, 59, "duration_seconds"),
            (0.0, 24 * 3_600 + 1, "duration_seconds"),
        ] {
            let error = #expect(throws: ClearinghouseError.self) {
                try ScanClaim(
                    scope: scope, technique: .sast, agent: agent, startsAt: now.addingTimeInterval(start),
                    durationSeconds: seconds, allowsOverlap: false, now: now, policy: policy)
            }
            #expect(error?.field == field)
        }
        let error = #expect(throws: ClearinghouseError.self) {
            try ScanClaim(
                scope: scope, technique: .sast, agent: ScanProvenance(tool: ""), startsAt: nil, durationSeconds: 3_600,
                allowsOverlap: false, now: now, policy: policy)
        }
        #expect(error?.field == "agent.tool")
    }
}
