import ClearinghouseCore
import Foundation
import Testing

@Suite struct PublicDateTests {
    @Test func aLocalTimeNamesTheInstantOfItsZone() throws {
        // 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer.
        let winter = try PublicDate(local: "2027-01-15T09:00", timeZone: "America/New_York")
        let summer = try PublicDate(local: "2027-07-15T09:00", timeZone: "America/New_York")
        #expect(winter.instant == ISO8601DateFormatter().date(from: "2027-01-15T14:00:00Z"))
        #expect(summer.instant == ISO8601DateFormatter().date(from: "2027-07-15T13:00:00Z"))
        #expect(summer.description == "2027-07-15T09:00 America/New_York")
        let utc = try PublicDate(summer.instant, in: "UTC")
        #expect(utc.local == "2027-07-15T13:00" && utc.instant == summer.instant)
    }

    @Test(arguments: [
        ("2027-02-30T09:00", "UTC", "local"),
        ("2027-3-04T09:00", "UTC", "local"),
        ("2027-03-04 09:00", "UTC", "local"),
        ("2027-03-04T24:00", "UTC", "local"),
        ("2027-03-04T09:00Z", "UTC", "local"),
        ("٢٠٢٧-03-04T09:00", "UTC", "local"),
        // The clocks go from 02:00 to 03:00 in Berlin that night.
        ("2027-03-28T02:30", "Europe/Berlin", "local"),
        ("2027-03-04T09:00", "Mars/Olympus_Mons", "time_zone"),
        ("2027-03-04T09:00", "EST", "time_zone"),
        ("2027-03-04T09:00", "", "time_zone"),
    ])
    func badDatesNameTheirField(_ local: String, _ zone: String, _ field: String) {
        let error = #expect(throws: ClearinghouseError.self) { try PublicDate(local: local, timeZone: zone) }
        #expect(error?.field == field, "\(String(describing: error))")
    }
}

@Suite struct EmbargoTests {
    let caseID = Case.ID("0190c1d2-0000-7000-8000-00000000000a")!
    let vendor = Organization.ID("0190c1d2-0000-7000-8000-00000000000b")!
    let reporter = Organization.ID("0190c1d2-0000-7000-8000-00000000000c")!
    let validatedAt = ISO8601DateFormatter().date(from: "2027-01-04T10:20:30Z")!
    let policy = EmbargoPolicy()

    @Test func thePolicyProposesNinetyDaysOrSevenWhenExploited() throws {
        let standard = try Embargo(caseID: caseID, validatedAt: validatedAt, knownExploited: false, policy: policy)
        #expect(standard.publicDate.description == "2027-04-04T10:20 UTC")
        #expect(standard.state == .active && standard.agreed.isEmpty)
        #expect(standard.changes.map(\.kind) == [.proposed])
        let exploited = try Embargo(caseID: caseID, validatedAt: validatedAt, knownExploited: true, policy: policy)
        #expect(exploited.publicDate.local == "2027-01-11T10:20")
        #expect(exploited.changes.first?.reason == "policy: known to be exploited")
    }

    @Test func participantsAgreeAndANewDateAsksEveryoneAgain() throws {
        var embargo = try Embargo(caseID: caseID, validatedAt: validatedAt, knownExploited: false, policy: policy)
        let now = validatedAt.addingTimeInterval(86_400)
        try embargo.agree(by: vendor, now: now)
        #expect(!embargo.isAgreed(by: [vendor, reporter]))
        #expect(embargo.awaiting([vendor, reporter]) == [reporter])
        try embargo.agree(by: reporter, now: now)
        #expect(embargo.isAgreed(by: [vendor, reporter]))
        #expect(throws: ClearinghouseError.self) { try embargo.agree(by: reporter, now: now) }

        // An earlier date needs no reason; the proposer agrees to it, the others are asked again.
        let earlier = try PublicDate(local: "2027-03-01T09:00", timeZone: "Europe/Berlin")
        try embargo.propose(earlier, by: reporter, reason: nil, now: now, policy: policy)
        #expect(embargo.publicDate == earlier && embargo.agreed == [reporter])
        #expect(embargo.awaiting([vendor, reporter]) == [vendor])
        #expect(embargo.changes.map(\.kind) == [.proposed, .agreed, .agreed, .shortened])
    }

    @Test func aLaterDateSaysWhyAndStaysWithinTheLongestEmbargo() throws {
        var embargo = try Embargo(caseID: caseID, validatedAt: validatedAt, knownExploited: false, policy: policy)
        let now = validatedAt.addingTimeInterval(86_400)
        let later = try PublicDate(local: "2027-06-01T09:00", timeZone: "Asia/Tokyo")
        let missing = #expect(throws: ClearinghouseError.self) {
            try embargo.propose(later, by: vendor, reason: "  ", now: now, policy: policy)
        }
        #expect(missing?.field == "reason")
        try embargo.propose(later, by: vendor, reason: "The fix needs a firmware release.", now: now, policy: policy)
        #expect(embargo.changes.last?.kind == .extended)
        #expect(embargo.changes.last?.reason == "The fix needs a firmware release.")

        let tooLate = try PublicDate(local: "2028-02-01T09:00", timeZone: "UTC")
        let beyond = #expect(throws: ClearinghouseError.self) {
            try embargo.propose(tooLate, by: vendor, reason: "More time.", now: now, policy: policy)
        }
        #expect(beyond?.field == "public_date" && beyond?.message.contains("365 days") == true)
        let past = try PublicDate(local: "2027-01-02T09:00", timeZone: "UTC")
        let passed = #expect(throws: ClearinghouseError.self) {
            try embargo.propose(past, by: vendor, reason: nil, now: now, policy: policy)
        }
        #expect(passed?.field == "public_date")
        let same = #expect(throws: ClearinghouseError.self) {
            try embargo.propose(later, by: reporter, reason: "Same.", now: now, policy: policy)
        }
        #expect(same?.code == .conflict)
    }

    @Test func exploitationEndsItAtOnceAndNothingChangesAfter() throws {
        var embargo = try Embargo(caseID: caseID, validatedAt: validatedAt, knownExploited: false, policy: policy)
        let now = validatedAt.addingTimeInterval(3 * 86_400)
        #expect(!embargo.allowsPublication(at: now))
        #expect(throws: ClearinghouseError.self) { try embargo.endEarly(by: vendor, reason: "", now: now) }
        try embargo.endEarly(by: vendor, reason: "Exploitation seen against hospitals.", now: now)
        #expect(embargo.state == .endedEarly && embargo.allowsPublication(at: now))
        #expect(embargo.publicDate.instant <= now)
        let refused = #expect(throws: ClearinghouseError.self) { try embargo.agree(by: reporter, now: now) }
        #expect(refused?.code == .conflict)
        try embargo.lift(by: vendor, now: now)
        #expect(embargo.state == .lifted && !embargo.allowsPublication(at: now))
        #expect(throws: ClearinghouseError.self) { try embargo.lift(by: vendor, now: now) }
        #expect(embargo.changes.map(\.kind) == [.proposed, .endedEarly, .lifted])
    }

    @Test func theDateComesAndPublicationIsAllowed() throws {
        let embargo = try Embargo(caseID: caseID, validatedAt: validatedAt, knownExploited: true, policy: policy)
        #expect(!embargo.allowsPublication(at: validatedAt.addingTimeInterval(6 * 86_400)))
        #expect(embargo.allowsPublication(at: validatedAt.addingTimeInterval(7 * 86_400)))
    }
}

@Suite struct EmbargoReminderTests {
    let validatedAt = ISO8601DateFormatter().date(from: "2027-01-04T10:00:00Z")!

    func embargo() throws -> Embargo {
        try Embargo(
            caseID: Case.ID("0190c1d2-0000-7000-8000-00000000000a")!, validatedAt: validatedAt, knownExploited: false,
            policy: EmbargoPolicy())
    }

    @Test func theMostUrgentReminderWhoseTimeHasComeIsDue() throws {
        let embargo = try embargo()
        let date = embargo.publicDate.instant
        let leads = DeadlineReminder.standardLeadTimes
        func due(_ before: TimeInterval) -> DeadlineReminder? {
            EmbargoReminder.due(for: embargo, at: date.addingTimeInterval(-before), leadTimes: leads)?.kind
        }
        #expect(due(8 * 86_400) == nil)
        #expect(due(7 * 86_400) == .before(7 * 86_400))
        #expect(due(2 * 86_400) == .before(7 * 86_400))
        // Found a few hours before its date, an embargo gets the day's reminder and not the week's as well.
        #expect(due(5 * 3_600) == .before(86_400))
        #expect(due(0) == .due)
        #expect(due(-3_600) == .due)
        #expect(
            EmbargoReminder.due(for: embargo, at: date, leadTimes: leads)?.name == "due"
                && EmbargoReminder(caseID: embargo.caseID, kind: .before(86_400), publicDate: embargo.publicDate).name
                    == "before-86400s"
        )
    }

    @Test func anEmbargoThatNoLongerHoldsIsNotReminded() throws {
        var embargo = try embargo()
        try embargo.endEarly(
            by: Organization.ID("0190c1d2-0000-7000-8000-00000000000b")!, reason: "exploited",
            now: validatedAt.addingTimeInterval(3_600))
        #expect(
            EmbargoReminder.due(
                for: embargo, at: embargo.publicDate.instant, leadTimes: DeadlineReminder.standardLeadTimes) == nil)
    }
}
