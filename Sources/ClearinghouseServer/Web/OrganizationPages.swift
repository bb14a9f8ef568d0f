import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The organization pages: the organizations a person may see (their own; every one for coordinators, who register
/// and verify them), and an organization's page with its people and tokens for its admins: invite a person, mint a
/// token (its text shown once, on the answer to the post, and never stored), revoke one.
extension WebController {
    func organizationsPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            pages.render("organizations", try await organizationsValues(visit, context: context, request: request))
        }
    }

    func registerOrganization(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/organizations") }
            let sector = (form["sector"] ?? "").isEmpty ? nil : form["sector"]
            /// A field as typed, `nil` when left empty.
            func given(_ name: String) -> String? {
                let text = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            // One contact, when a name or an address was typed (the API takes up to 20).
            let contacts =
                given("contact_name") == nil && given("contact_email") == nil
                ? []
                : [
                    Contact(
                        name: given("contact_name") ?? "", email: given("contact_email") ?? "",
                        phone: given("contact_phone"), role: given("contact_role"))
                ]
            do {
                let created = try await OrganizationWorkflows(environment.workflows).register(
                    OrganizationRegistration(
                        name: form["name"] ?? "", kind: form["kind"] ?? "", sector: sector, contacts: contacts),
                    by: visit.requester(context))
                return Pages.redirect(to: "/organizations/\(created.id)?notice=organization-registered")
            } catch let error as ClearinghouseError where error.code == .invalidField {
                var values = try await organizationsValues(visit, context: context, request: request)
                values["registrationError"] = error.message
                for field in ["name", "contact_name", "contact_email", "contact_phone", "contact_role"] {
                    values[field] = form[field] ?? ""
                }
                values["error"] = "Nothing was registered; see below."
                return pages.render("organizations", values, status: .badRequest)
            }
        }
    }

    func organizationPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organization(request, context) { visit, organization in
            var values = try await organizationValues(visit, organization, context: context, request: request)
            values.set("notice", nonEmpty: Self.notice(in: request))
            return pages.render("organization", values)
        }
    }

    func verifyOrganizationPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, _ in
            _ = try await OrganizationWorkflows(environment.workflows).verify(
                organization, note: "verified from the web interface", by: visit.requester(context))
            return Pages.redirect(to: "/organizations/\(organization.id)?notice=organization-verified")
        }
    }

    func invitePerson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, form in
            do {
                let role = try TokenRole.parse(form["role"] ?? "", field: "role")
                let (_, secret) = try await InvitationWorkflows(environment.workflows).invite(
                    email: form["email"] ?? "", name: form["name"] ?? "", role: role, to: organization.id,
                    by: visit.requester(context))
                var values = try await organizationValues(visit, organization, context: context, request: request)
                // Shown on this answer only: the link is not stored, and the page is never cached.
                values["invitationLink"] = "/join?invitation=" + secret.text
                values["invitedEmail"] = form["email"] ?? ""
                return pages.render("organization", values, status: .created)
            } catch let error as ClearinghouseError where [.invalidField, .conflict].contains(error.code) {
                return try await refuseOrganizationForm(
                    visit, organization, context, request, "Nobody was invited; see below.",
                    ["invitationError": error.message, "inviteEmail": form["email"] ?? "", "inviteName": form["name"] ?? ""])
            }
        }
    }

    func mintTokenPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, form in
            let now = environment.dependencies.now()
            let days = Int(form["days"] ?? "") ?? 90
            let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            do {
                let issued = try await OrganizationWorkflows(environment.workflows).mintToken(
                    TokenRequest(
                        role: form["role"] ?? "", name: name.isEmpty ? nil : name,
                        expiresAt: now.addingTimeInterval(TimeInterval(days) * 86_400)),
                    for: organization.id, by: visit.requester(context))
                var values = try await organizationValues(visit, organization, context: context, request: request)
                // Shown on this answer only: only the token's hash is stored, and the page is never cached.
                values["mintedToken"] = issued.secret.text
                values["mintedRole"] = issued.token.role.rawValue
                return pages.render("organization", values, status: .created)
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return try await refuseOrganizationForm(
                    visit, organization, context, request, "No token was made; see below.", ["tokenError": error.message])
            }
        }
    }

    func setIntakePolicyPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, form in
            /// A number field: empty is "none".
            func optional<T>(_ name: String, _ parse: (String) -> T?, _ message: String) throws -> T? {
                let text = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { return nil }
                guard let value = parse(text) else { throw ClearinghouseError.invalidField(name, message) }
                return value
            }
            do {
                let quota = try optional(
                    "daily_quota", { Int($0) }, "The daily quota is a whole number, or empty for none.")
                let floor = try optional(
                    "precision_floor", { Double($0) }, "The precision floor is a number from 0 to 1, or empty for none.")
                try await OrganizationWorkflows(environment.workflows).setIntakePolicy(
                    try IntakePolicy(dailyQuota: quota, precisionFloor: floor).validated(), of: organization.id,
                    by: visit.requester(context))
                return Pages.redirect(to: "/organizations/\(organization.id)?notice=intake-policy-set#intake")
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return try await refuseOrganizationForm(
                    visit, organization, context, request, "The intake policy was not changed; see below.",
                    ["intakeError": error.message])
            }
        }
    }

    func setSecondFactorPolicy(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, form in
            let required = form["required"] == "1"
            try await OrganizationWorkflows(environment.workflows).requireSecondFactor(
                required, of: organization.id, by: visit.requester(context))
            return Pages.redirect(
                to: "/organizations/\(organization.id)?notice=second-factor-\(required ? "required" : "optional")#people")
        }
    }

    func disablePerson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, _ in
            let person = context.parameters.get("person").flatMap(Person.ID.init)
            do {
                try await InvitationWorkflows(environment.workflows).disable(
                    person, of: organization.id, by: visit.requester(context))
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return try await refuseOrganizationForm(
                    visit, organization, context, request, "Nobody was disabled; see below.", ["peopleError": error.message])
            }
            return Pages.redirect(to: "/organizations/\(organization.id)?notice=person-disabled#people")
        }
    }

    func resetPerson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, _ in
            let person = context.parameters.get("person").flatMap(Person.ID.init)
            do {
                let (invitation, secret) = try await InvitationWorkflows(environment.workflows).reset(
                    person, of: organization.id, by: visit.requester(context))
                var values = try await organizationValues(visit, organization, context: context, request: request)
                // Shown on this answer only, as an invitation's link.
                values["resetLink"] = "/join?invitation=" + secret.text
                values["resetName"] = invitation.name
                return pages.render("organization", values, status: .created)
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return try await refuseOrganizationForm(
                    visit, organization, context, request, "Nobody's sign-in was reset; see below.",
                    ["peopleError": error.message])
            }
        }
    }

    func revokeTokenPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await organizationForm(request, context) { visit, organization, _ in
            let token: APIToken.ID = try context.parameters.identifier("token", of: "token")
            try await environment.revokeToken(token, by: visit.requester(context))
            return Pages.redirect(to: "/organizations/\(organization.id)?notice=token-revoked#tokens")
        }
    }

    /// The organization's page again, with what is wrong next to the form at fault; nothing was changed.
    private func refuseOrganizationForm(
        _ visit: Visit, _ organization: Organization, _ context: AppRequestContext, _ request: Request,
        _ summary: String, _ fields: [String: String]
    ) async throws -> Response {
        var values = try await organizationValues(visit, organization, context: context, request: request)
        values.merge(fields) { _, new in new }
        values["error"] = summary
        return pages.render("organization", values, status: .badRequest)
    }

    /// A page about an organization the person may see; the same "not found" as a missing one otherwise.
    private func organization(
        _ request: Request, _ context: AppRequestContext, _ page: (Visit, Organization) async throws -> Response
    ) async throws -> Response {
        try await signedIn(request, context) { visit in
            let id: Organization.ID = try context.parameters.identifier("id", of: "organization")
            let found = try await OrganizationWorkflows(environment.workflows).visibleOrganization(
                id, by: visit.requester(context))
            return try await page(visit, found)
        }
    }

    /// A post from an organization's page, with its form's token checked.
    private func organizationForm(
        _ request: Request, _ context: AppRequestContext,
        _ act: (Visit, Organization, FormBody) async throws -> Response
    ) async throws -> Response {
        try await organization(request, context) { visit, organization in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else {
                return staleForm(back: "/organizations/\(organization.id)")
            }
            return try await act(visit, organization, form)
        }
    }

    private func organizationsValues(_ visit: Visit, context: AppRequestContext, request: Request) async throws
        -> [String: Any]
    {
        let requester = visit.requester(context)
        let page = try PageRequest(limit: "50", cursor: request.uri.queryParameters["cursor"].map(String.init))
        let found = try await OrganizationQueries(environment.workflows).list(page, by: requester)
        var values = visit.chrome
        values["title"] = "Organizations"
        values["onOrganizationList"] = true
        values["organizations"] = found.items.map { organization -> [String: Any] in
            [
                "id": organization.id.rawValue, "name": organization.name, "kind": organization.kind.rawValue,
                "verified": organization.isVerified, "sector": organization.sector?.rawValue ?? "",
            ]
        }
        if let next = found.nextCursor { values["next"] = "/organizations?" + Self.query(["cursor": next]) }
        if environment.workflows.gate.policy.authorize(.createOrganization, by: requester.party).isGranted {
            values["mayRegister"] = true
            values["kinds"] = OrganizationKind.allCases.map { ["value": $0.rawValue] }
            values["sectors"] = Sector.allCases.map { ["value": $0.rawValue] }
        }
        return values
    }

    private func organizationValues(
        _ visit: Visit, _ organization: Organization, context: AppRequestContext, request: Request
    ) async throws -> [String: Any] {
        let requester = visit.requester(context)
        let policy = environment.workflows.gate.policy
        var values = visit.chrome
        values["title"] = organization.name
        let own = organization.id == visit.member.organizationID
        values[own ? "onOrganizations" : "onOrganizationList"] = true
        values["organization"] = [
            "id": organization.id.rawValue, "kind": organization.kind.rawValue,
            "sector": organization.sector?.rawValue ?? "none", "verified": organization.isVerified,
            "created": Self.day(organization.createdAt),
        ]
        values["contacts"] = organization.contacts.map { ["name": $0.name, "email": $0.email, "role": $0.role ?? ""] }
        values["hasContacts"] = !organization.contacts.isEmpty
        values["mayVerify"] =
            !organization.isVerified && policy.authorize(.verifyOrganization, by: requester.party).isGranted
        if policy.authorize(.readReporterQuality(of: organization.id), by: requester.party).isGranted {
            let (quality, intake) = try await OrganizationQueries(environment.workflows).quality(
                of: organization.id, by: requester)
            let precision: String = quality.precision.map { String(format: "%.0f %%", $0 * 100) } ?? "not known yet"
            let quota: String = intake.dailyQuota.map { "\($0) findings a day" } ?? "no daily quota"
            let floor: String =
                intake.precisionFloor.map { "proof required below a precision of \($0)" } ?? "no precision floor"
            var shown: [String: Any] = [
                "findings": quality.findings, "recent": quality.recentFindings, "cases": quality.casesOpened,
                "validated": quality.validated, "rejected": quality.rejected, "precision": precision,
                "quotaText": quota, "floorText": floor,
            ]
            shown["quota"] = intake.dailyQuota.map(String.init) ?? ""
            shown["floor"] = intake.precisionFloor.map { "\($0)" } ?? ""
            values["quality"] = shown
            values["maySetIntake"] = policy.authorize(.setIntakePolicy, by: requester.party).isGranted
        }
        guard policy.authorize(.manageTokens(of: organization.id), by: requester.party).isGranted else {
            return values
        }
        values["mayManage"] = true
        values["secondFactorAlways"] = organization.kind == .coordinator
        values["secondFactorRequired"] = organization.requiresSecondFactor
        // Requiring it of everyone starts with one's own: otherwise the admin's own session would end with the others'.
        values["mayRequireSecondFactor"] = visit.signedIn.person.secondFactor != nil
        values["roles"] = TokenRole.allCases.map { ["value": $0.rawValue, "selected": $0 == .analyst] }
        let people = try await InvitationWorkflows(environment.workflows).people(
            of: organization.id, PageRequest(limit: 200), by: requester)
        values["people"] = people.items.map { person -> [String: Any] in
            let status =
                person.disabledAt != nil
                ? "disabled"
                : person.password == nil
                    ? "reset: choosing a new password"
                    : person.lockedUntil.map { $0 > environment.dependencies.now() } == true ? "locked" : "active"
            return [
                "id": person.id.rawValue, "name": person.name, "email": person.email, "role": person.role.rawValue,
                "secondFactor": person.secondFactor != nil, "status": status,
                "mayDisable": person.disabledAt == nil && person.id != visit.signedIn.person.id,
            ]
        }
        let invitations = try await InvitationWorkflows(environment.workflows).invitations(
            of: organization.id, PageRequest(limit: 200), by: requester)
        let now = environment.dependencies.now()
        // Reset links show as the person's status, not as invitations.
        values["invitations"] = invitations.items.filter {
            $0.acceptedAt == nil && $0.revokedAt == nil && $0.personID == nil
        }.map {
            invitation -> [String: Any] in
            [
                "email": invitation.email, "role": invitation.role.rawValue,
                "expires": Self.day(invitation.expiresAt), "expired": invitation.expiresAt <= now,
            ]
        }
        let tokens = try await OrganizationQueries(environment.workflows).tokens(
            of: organization.id, PageRequest(limit: 200), by: requester)
        values["tokens"] = tokens.items.reversed().map { token -> [String: Any] in
            var row: [String: Any] = [
                "id": token.id.rawValue, "prefix": token.prefix, "role": token.role.rawValue,
                "created": Self.day(token.createdAt), "expires": Self.day(token.expiresAt),
                "lastUsed": token.lastUsedAt.map(Self.day) ?? "never",
                "live": token.revokedAt == nil && token.expiresAt > now,
            ]
            row.set("name", nonEmpty: token.name)
            row.set("revoked", nonEmpty: token.revokedAt.map(Self.day))
            return row
        }
        values["hasTokens"] = !tokens.items.isEmpty
        return values
    }
}
