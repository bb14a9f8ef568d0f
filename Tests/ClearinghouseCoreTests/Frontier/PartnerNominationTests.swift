import ClearinghouseCore
import Foundation
import Testing

/// Trusted partners: an operator or government organization, nominated by one side and approved by both before it
/// holds early access, for at most 90 days; either side may decline while the nomination waits.
@Suite struct PartnerNominationTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let model = FrontierModelTests.registered
    static let authority = Organization.ID(UUID())

    static func nominate(
        _ partner: Organization = Fixtures.organization(.operator), as side: PartnerNomination.Side = .developer,
        days: Double = 30, starts: Date? = nil, scope: String = "Early access for the hospital's red team",
        model: FrontierModel = model
    ) throws -> PartnerNomination {
        try PartnerNomination(
            nominating: partner, for: model, as: side, by: side == .developer ? model.developer : authority,
            scope: scope, startsAt: starts, endsAt: (starts ?? now).addingTimeInterval(days * 86_400),
            id: PartnerNomination.ID(UUID()), now: now)
    }

    @Test func bothSidesApproveBeforeThePartnerHoldsAccess() throws {
        let nominated = try Self.nominate()
        #expect(nominated.state == .pending && nominated.developerApproval?.organization == Self.model.developer)
        #expect(!nominated.grantsAccess(at: Self.now))
        let approved = try nominated.approved(as: .authority, by: Self.authority, at: Self.now)
        #expect(approved.state == .approved && approved.grantsAccess(at: Self.now))
        // The grant ends by itself.
        #expect(!approved.grantsAccess(at: Self.now.addingTimeInterval(30 * 86_400)))
        #expect(throws: ClearinghouseError.self) {
            try approved.approved(as: .authority, by: Self.authority, at: Self.now)
        }
        #expect(throws: ClearinghouseError.self) { try approved.declined(as: .developer, at: Self.now) }

        // The authority may nominate first; the developer then approves.
        let byAuthority = try Self.nominate(Fixtures.organization(.government), as: .authority)
        #expect(byAuthority.state == .pending && byAuthority.authorityApproval != nil)
        #expect(try byAuthority.approved(as: .developer, by: Self.model.developer, at: Self.now).state == .approved)
    }

    @Test func theOtherSideMayDecline() throws {
        let nominated = try Self.nominate()
        #expect(throws: ClearinghouseError.self) { try nominated.declined(as: .developer, at: Self.now) }
        let declined = try nominated.declined(as: .authority, at: Self.now)
        #expect(
            declined.state == .declined && declined.declinedBy == .authority && !declined.grantsAccess(at: Self.now))
        #expect(throws: ClearinghouseError.self) {
            try declined.approved(as: .authority, by: Self.authority, at: Self.now)
        }
    }

    @Test func badNominationsAreRefusedByField() throws {
        let cases: [(() throws -> PartnerNomination, String)] = [
            ({ try Self.nominate(Fixtures.organization(.vendor)) }, "partner_id"),
            ({ try Self.nominate(Fixtures.organization(.operator, verified: false)) }, "partner_id"),
            ({ try Self.nominate(Fixtures.organization(.aiDeveloper, id: Self.model.developer)) }, "partner_id"),
            ({ try Self.nominate(days: 90.01) }, "ends_at"),
            ({ try Self.nominate(days: 0) }, "ends_at"),
            ({ try Self.nominate(starts: Self.now.addingTimeInterval(-3_600)) }, "starts_at"),
            ({ try Self.nominate(scope: "two\nlines") }, "scope"),
            ({ try Self.nominate(model: Self.model.withdrawn(at: Self.now)) }, "model"),
        ]
        for (nominate, field) in cases {
            #expect {
                try nominate()
            } throws: { error in
                (error as? ClearinghouseError)?.field == field
            }
        }
        #expect(try Self.nominate(days: 90).endsAt == Self.now.addingTimeInterval(90 * 86_400))
    }
}
