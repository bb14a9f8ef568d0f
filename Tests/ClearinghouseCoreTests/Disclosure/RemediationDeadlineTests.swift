import ClearinghouseCore
import Foundation
import Testing
import ThreatFeeds

/// Which vendors on a case owe a fix and by when: each by the decision that counts for it, the policy's days for
/// its level, or a KEV due date when earlier; none once it fixed the case or said it is not affected.
@Suite struct RemediationDeadlineTests {
    static let now = PriorityQueueTests.now
    static let (vendor, other, settled, fixer, operatorID) = (
        Organization.ID(UUID()), Organization.ID(UUID()), Organization.ID(UUID()), Organization.ID(UUID()),
        Organization.ID(UUID())
    )

    static func openCase(
        _ state: CaseState = .validated, decisions: [SSVCDecision] = [], aliases: Set<String> = []
    ) -> PriorityBoard.OpenCase {
        let found = Case(
            id: .init(UUID()), state: state, label: .amber, owner: Organization.ID(UUID()), firstFinding: .init(UUID()),
            title: "Overflow", participants: [vendor, other, settled, fixer, operatorID],
            createdAt: now.addingTimeInterval(-86_400), updatedAt: now)
        return PriorityBoard.OpenCase(found, aliases: aliases, packages: [], decisions: decisions)
    }

    static func deadlines(
        _ open: PriorityBoard.OpenCase, knownExploited: [String: KEVCatalog.Entry] = [:]
    ) throws -> [Organization.ID: RemediationDeadline] {
        let status = try ParticipantStatus(
            organization: settled, status: "not_affected", justification: "component_not_present", statement: nil,
            now: now)
        let owed = RemediationDeadline.owed(
            on: open, vendors: [vendor, other, settled, fixer], statuses: [status], fixers: [fixer],
            coordinators: [PriorityQueueTests.coordinator], knownExploited: knownExploited, policy: .standard)
        return Dictionary(uniqueKeysWithValues: owed.map { ($0.organization, $0) })
    }

    @Test func eachVendorStillOwingAFixHasTheDateItsQueueShows() throws {
        let coordinators = try PriorityQueueTests.decision(
            "cisa-coordinator", PriorityQueueTests.track, by: PriorityQueueTests.coordinator, daysAgo: 1)
        let own = try PriorityQueueTests.decision("cisa-coordinator", PriorityQueueTests.act, by: Self.vendor)
        let owed = try Self.deadlines(Self.openCase(decisions: [coordinators, own]))
        // Not the vendor that said it is not affected, nor the one that recorded a fix, nor the operator.
        #expect(Set(owed.keys) == [Self.vendor, Self.other])
        // The vendor's own decision counts for it (Act: 3 days); the coordinator's for the other (Track: 90).
        #expect(owed[Self.vendor]?.tier == .act && owed[Self.vendor]?.dueAt == own.decidedAt + 3 * 86_400)
        #expect(owed[Self.other]?.tier == .track && owed[Self.other]?.dueAt == coordinators.decidedAt + 90 * 86_400)
        // Nobody decided: the policy's days for the unassessed, from the case's opening.
        let undecided = try Self.deadlines(Self.openCase())
        #expect(undecided[Self.vendor]?.tier == nil)
        #expect(undecided[Self.vendor]?.dueAt == Self.now.addingTimeInterval(-86_400 + 7 * 86_400))
    }

    @Test func anEarlierKEVDueDateWins() throws {
        let entry = KEVCatalog.Entry(
            cveID: "CVE-2026-0001", vendorProject: "v", product: "p", vulnerabilityName: "n",
            dateAdded: CalendarDay("2026-01-02")!, shortDescription: "", requiredAction: "",
            dueDate: CalendarDay("2026-01-23")!, knownRansomwareCampaignUse: "Unknown", notes: "", cwes: [])
        let owed = try Self.deadlines(
            Self.openCase(aliases: ["CVE-2026-0001"]), knownExploited: ["CVE-2026-0001": entry])
        #expect(owed[Self.vendor]?.fromKEV == true && owed[Self.vendor]?.dueAt == entry.dueDate.start)
    }

    @Test func onlyValidatedAndRemediatingCasesOweFixes() throws {
        #expect(try Self.deadlines(Self.openCase(.remediating)).count == 2)
        for state in [CaseState.reported, .triaged, .fixed, .disclosed] {
            #expect(try Self.deadlines(Self.openCase(state)).isEmpty, "\(state)")
        }
    }

    @Test func remindersComeAtEachLeadTimeAndWhenDue() throws {
        let deadline = RemediationDeadline(
            caseID: .init(UUID()), organization: Self.vendor, dueAt: Self.now, tier: .act, fromKEV: false)
        let leads = DeadlineReminder.standardLeadTimes
        #expect(deadline.reminder(at: Self.now - 8 * 86_400, leadTimes: leads) == nil)
        #expect(deadline.reminder(at: Self.now - 3 * 86_400, leadTimes: leads) == .before(7 * 86_400))
        #expect(deadline.reminder(at: Self.now - 3_600, leadTimes: leads) == .before(86_400))
        #expect(deadline.reminder(at: Self.now, leadTimes: leads) == .due)
        #expect(DeadlineReminder.before(86_400).name == "before-86400s" && DeadlineReminder.due.name == "due")
    }
}
