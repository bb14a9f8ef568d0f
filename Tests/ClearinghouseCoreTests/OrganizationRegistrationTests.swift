import ClearinghouseCore
import ClearinghouseTestSupport
import Foundation
import Testing

@Suite struct OrganizationRegistrationTests {
    let dependencies = Dependencies.test()

    func validate(_ registration: OrganizationRegistration) throws -> Organization {
        try registration.validated(id: dependencies.makeID(), now: dependencies.now())
    }

    @Test func anOperatorWithASectorRegistersPending() throws {
        let organization = try validate(
            OrganizationRegistration(
                name: "  Valley General Hospital ", kind: "operator", sector: "healthcare",
                contacts: [Contact(name: "Dana", email: "security@valley.example", phone: "+1 555 0100", role: "CISO")])
        )
        #expect(organization.name == "Valley General Hospital")
        #expect(organization.kind == .operator)
        #expect(organization.sector == .healthcare)
        #expect(organization.verification == .pending)
        #expect(organization.contacts.first?.role == "CISO")
        #expect(organization.visibility.owner == organization.id)
    }

    @Test func everyKindIsAccepted() throws {
        for kind in OrganizationKind.allCases {
            let sector = kind == .operator ? "water" : nil
            #expect(try validate(.init(name: "X", kind: kind.rawValue, sector: sector, contacts: [])).kind == kind)
        }
    }

    @Test(arguments: [
        (OrganizationRegistration(name: "", kind: "vendor", sector: nil, contacts: []), "name"),
        (OrganizationRegistration(name: "   ", kind: "vendor", sector: nil, contacts: []), "name"),
        (
            OrganizationRegistration(
                name: String(repeating: "n", count: 201), kind: "vendor", sector: nil, contacts: []), "name"
        ),
        (OrganizationRegistration(name: "A\u{0}B", kind: "vendor", sector: nil, contacts: []), "name"),
        (OrganizationRegistration(name: "A", kind: "bank", sector: nil, contacts: []), "kind"),
        (OrganizationRegistration(name: "A", kind: "operator", sector: nil, contacts: []), "sector"),
        (OrganizationRegistration(name: "A", kind: "operator", sector: "farming", contacts: []), "sector"),
        (OrganizationRegistration(name: "A", kind: "vendor", sector: "finance", contacts: []), "sector"),
        (
            OrganizationRegistration(
                name: "A", kind: "vendor", sector: nil, contacts: [Contact(name: "B", email: "not-an-address")]),
            "contacts[0].email"
        ),
        (
            OrganizationRegistration(
                name: "A", kind: "vendor", sector: nil,
                contacts: [Contact(name: "B", email: "b@x.example"), Contact(name: "", email: "c@x.example")]),
            "contacts[1].name"
        ),
        (
            OrganizationRegistration(
                name: "A", kind: "vendor", sector: nil,
                contacts: Array(repeating: Contact(name: "B", email: "b@x.example"), count: 21)),
            "contacts"
        ),
    ])
    func badRegistrationsNameTheField(registration: OrganizationRegistration, field: String) {
        #expect {
            _ = try validate(registration)
        } throws: { error in
            (error as? ClearinghouseError)?.field == field
        }
    }

    @Test func verificationNotesAreBounded() throws {
        #expect(try Verification.validatedNote("Called the CISO\non the published number.") != "")
        #expect(throws: ClearinghouseError.self) {
            try Verification.validatedNote(String(repeating: "x", count: 2_001))
        }
        #expect(throws: ClearinghouseError.self) { try Verification.validatedNote("bell\u{7}") }
    }

    @Test func bootstrapMakesAVerifiedCoordinatorAndAnAdminToken() throws {
        let bootstrap = try Bootstrap(name: "Coordination Center", tokenLifetimeDays: 30, dependencies: dependencies)
        #expect(bootstrap.organization.kind == .coordinator)
        #expect(bootstrap.organization.isVerified)
        #expect(bootstrap.token.token.role == .admin)
        #expect(bootstrap.token.token.organizationID == bootstrap.organization.id)
        #expect(bootstrap.token.token.expiresAt == dependencies.now().addingTimeInterval(30 * 86_400))
        #expect(bootstrap.event.action == .instanceBootstrap)
        #expect(bootstrap.event.actor.channel == .cli)
        #expect(throws: ClearinghouseError.self) {
            try Bootstrap(name: "C", tokenLifetimeDays: 0, dependencies: dependencies)
        }
    }
}
