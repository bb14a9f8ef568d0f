import ClearinghouseCore
import Foundation
import Testing

/// When independent validators agree.
@Suite struct QuorumTests {
    let dependencies = Fixtures.dependencies

    func attestation(_ organization: Organization.ID, _ result: Attestation.Result, at second: Double) -> Attestation {
        let job = ValidationJob(
            id: dependencies.makeID(), caseID: dependencies.makeID(), kind: .reproduce, target: nil, artifact: nil,
            quorum: 2, createdAt: Date(timeIntervalSince1970: 0))
        return Attestation(
            id: dependencies.makeID(), jobID: job.id, organization: organization,
            statement: AttestationStatement(
                job: job, result: result, environmentDigest: "e", observedSignature: "s", validator: organization),
            signature: Data(), keyID: "k", submittedAt: Date(timeIntervalSince1970: second))
    }

    @Test func distinctIndependentOrganizationsMustAgree() {
        let (a, b, c, reporter): (Organization.ID, Organization.ID, Organization.ID, Organization.ID) = (
            dependencies.makeID(), dependencies.makeID(), dependencies.makeID(), dependencies.makeID()
        )
        let quorum = Quorum(size: 2, reporters: [reporter])
        #expect(quorum.outcome(of: [attestation(a, .reproduced, at: 1)]) == nil)
        // The reporter's own attestation and inconclusive ones count for nothing.
        #expect(
            quorum.outcome(of: [attestation(a, .reproduced, at: 1), attestation(reporter, .reproduced, at: 2)]) == nil)
        #expect(quorum.outcome(of: [attestation(a, .reproduced, at: 1), attestation(b, .inconclusive, at: 2)]) == nil)
        #expect(
            quorum.outcome(of: [attestation(a, .reproduced, at: 1), attestation(b, .reproduced, at: 2)]) == .reproduced)
        #expect(
            quorum.outcome(of: [
                attestation(a, .notReproduced, at: 1), attestation(b, .reproduced, at: 2),
                attestation(c, .notReproduced, at: 3),
            ]) == .notReproduced)
    }

    @Test func jobsNeedClaimsUntilEnoughAreRunningOrAgree() {
        let (a, b): (Organization.ID, Organization.ID) = (dependencies.makeID(), dependencies.makeID())
        let quorum = Quorum(size: 2, reporters: [])
        let now = Date(timeIntervalSince1970: 100)
        func claim(_ organization: Organization.ID, expires: Double, attested: Bool = false) -> ValidationClaim {
            ValidationClaim(
                id: dependencies.makeID(), jobID: dependencies.makeID(), organization: organization,
                claimedAt: Date(timeIntervalSince1970: 0), expiresAt: Date(timeIntervalSince1970: expires),
                attestation: attested ? dependencies.makeID() : nil)
        }
        #expect(quorum.needsClaims([], attestations: [], now: now))
        #expect(quorum.needsClaims([claim(a, expires: 200)], attestations: [], now: now))
        #expect(!quorum.needsClaims([claim(a, expires: 200), claim(b, expires: 200)], attestations: [], now: now))
        // An expired claim frees its place; disagreeing results call for more validators.
        #expect(quorum.needsClaims([claim(a, expires: 50), claim(b, expires: 200)], attestations: [], now: now))
        #expect(
            quorum.needsClaims(
                [claim(a, expires: 200, attested: true), claim(b, expires: 200, attested: true)],
                attestations: [attestation(a, .reproduced, at: 1), attestation(b, .notReproduced, at: 2)], now: now))
    }

    @Test func outcomesMoveCasesOnlyWhereTheirStateAllows() {
        #expect(Quorum.caseState(after: .reproduced, of: .reproduce, from: .triaged) == .validated)
        #expect(Quorum.caseState(after: .notReproduced, of: .reproduce, from: .triaged) == .rejected)
        #expect(Quorum.caseState(after: .notReproduced, of: .fix, from: .remediating) == .fixed)
        #expect(Quorum.caseState(after: .reproduced, of: .fix, from: .remediating) == nil)
        #expect(Quorum.caseState(after: .reproduced, of: .reproduce, from: .withdrawn) == nil)
    }
}
