import ClearinghouseCore
import ClearinghouseStore
import Foundation
import Testing

/// The organization pages: a coordinator registers, verifies and staffs an organization; its admin mints and revokes
/// API tokens (each shown once); its analyst manages nothing; other organizations see a "not found".
@Suite struct WebOrganizationTests {
    /// The text of a secret a page shows once, in `<code class="secret">`.
    static func secret(on page: TestBrowser.Page) throws -> String {
        let start = try #require(page.html.range(of: #"<code class="secret">"#))
        let end = try #require(page.html[start.upperBound...].range(of: "</code>"))
        return String(page.html[start.upperBound..<end.lowerBound])
    }

    @Test(arguments: engines)
    func aCoordinatorStaffsAnOrganizationWhoseAdminMintsAndRevokesTokens(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let cora = try await WebCasesTests.coordinator(api)
            let list = try await cora.get("/organizations")
            #expect(list.status == .ok)
            #expect(list.html.contains("Register an organization"))
            let token = try #require(list.formToken)

            let hostile = try await cora.post(
                "/organizations", ["form_token": token, "name": "", "kind": "operator", "sector": "healthcare"])
            #expect(hostile.status == .badRequest)
            #expect(hostile.html.contains(#"id="registration-error""#))
            // A contact with a bad address is refused next to the form, keeping what was typed.
            let badContact = try await cora.post(
                "/organizations",
                ["form_token": token, "name": "Valley Hospital", "kind": "operator", "sector": "healthcare",
                 "contact_name": "Sam Security", "contact_email": "not an address"])
            #expect(badContact.status == .badRequest)
            #expect(badContact.html.contains("must be an e-mail address"))
            #expect(badContact.html.contains(#"value="Sam Security""#))
            let registered = try await cora.post(
                "/organizations",
                ["form_token": token, "name": "Valley <b>Hospital</b>", "kind": "operator", "sector": "healthcare",
                 "contact_name": "Sam <i>Security</i>", "contact_email": "psirt@valley.example", "contact_role": "PSIRT"])
            let location = try #require(registered.location)
            #expect(location.hasSuffix("?notice=organization-registered"))
            let path = String(location.prefix { $0 != "?" })
            let hospital = String(path.dropFirst("/organizations/".count))
            let pending = try await cora.get(path)
            #expect(pending.html.contains("Valley &lt;b&gt;Hospital&lt;/b&gt;"))
            #expect(pending.html.contains("Sam &lt;i&gt;Security&lt;/i&gt; &lt;psirt@valley.example&gt;, PSIRT"))
            #expect(pending.html.contains("Verify the organization"))
            #expect(try await cora.post("\(path)/verify", ["form_token": token]).location == "\(path)?notice=organization-verified")
            #expect(!(try await cora.get(path)).html.contains("Verify the organization"))

            let invited = try await cora.post(
                "\(path)/invitations",
                ["form_token": token, "email": "it@valley.example", "name": "Ivy Admin", "role": "admin"])
            #expect(invited.status == .created)
            let link = try Self.secret(on: invited)
            #expect(link.hasPrefix("/join?invitation=chinv_"))
            // The hospital's admin joins, and mints a token for the hospital's scanner.
            let ivy = TestBrowser(api)
            try await WebSignInTests.join(ivy, link: link)
            let twice = try await cora.post(
                "\(path)/invitations",
                ["form_token": token, "email": "it@valley.example", "name": "Ivy Again", "role": "admin"])
            #expect(twice.status == .badRequest, "someone already signs in with the address")
            #expect(twice.html.contains(#"id="invitation-error""#))
            let own = try await ivy.get(path)
            #expect(own.status == .ok)
            #expect(own.html.contains("Ivy Admin"))
            #expect(own.html.contains("No token yet"))
            let minted = try await ivy.post(
                "\(path)/tokens",
                ["form_token": try #require(own.formToken), "name": "nightly scanner", "role": "analyst", "days": "30"])
            #expect(minted.status == .created)
            let secret = try Self.secret(on: minted)
            let me = try await api.send(.get, "/v1/me", token: secret)
            #expect(me.status == .ok)
            #expect((me["organization"] as? [String: Any])?["id"] as? String == hospital)
            #expect(!(try await ivy.get(path)).html.contains(secret), "the token is shown once")
            let shown = try await ivy.get(path)
            let revokePath = try #require(
                shown.html.components(separatedBy: #"action=""#).dropFirst()
                    .map { String($0.prefix { $0 != "\"" }) }.first { $0.hasSuffix("/revoke") })
            #expect(
                try await ivy.post(revokePath, ["form_token": try #require(shown.formToken)]).location
                    == "\(path)?notice=token-revoked#tokens")
            #expect(try await api.send(.get, "/v1/me", token: secret).status == .unauthorized)

            // An analyst of the hospital manages nothing; another organization sees nothing.
            let analystLink = try Self.secret(
                on: try await ivy.post(
                    "\(path)/invitations",
                    ["form_token": try #require(shown.formToken), "email": "an@valley.example", "name": "Al", "role": "analyst"]))
            let al = TestBrowser(api)
            try await WebSignInTests.join(al, link: analystLink)
            let read = try await al.get(path)
            #expect(read.html.contains("managed by its admins"))
            let refused = try await al.post(
                "\(path)/tokens", ["form_token": try #require(read.formToken), "role": "admin", "days": "30"])
            #expect(refused.status == .forbidden)

            // The admin, once enrolled, requires a second factor of everyone: the analyst, who has none, is signed
            // out and must enrol at the next sign-in.
            #expect(try await ivy.get(path).html.contains("set up your own"))
            let enrol = try await ivy.get("/second-factor")
            let totp = try WebSignInTests.authenticator(on: enrol)
            _ = try await ivy.post(
                "/second-factor", ["form_token": try #require(enrol.formToken), "code": totp.code(at: api.clock.now)])
            let enrolled = try await ivy.get(path)
            let required = try await ivy.post(
                "\(path)/second-factor", ["form_token": try #require(enrolled.formToken), "required": "1"])
            #expect(required.location == "\(path)?notice=second-factor-required#people")
            #expect(try await ivy.get(path).html.contains("Everyone here must sign in with an authenticator app."))
            #expect(try await al.get("/").location == "/sign-in", "the analyst without a second factor is signed out")
            let signIn = try await al.get("/sign-in")
            let again = try await al.post(
                "/sign-in",
                ["form_token": try #require(signIn.formToken), "email": "an@valley.example", "password": WebSignInTests.password])
            #expect(again.location == "/second-factor", "and must enrol one to go on")

            // The analyst lost their password: the admin resets their sign-in. Their session ends, the old
            // password no longer works, and the link (shown once) sets a new one, then asks for an authenticator.
            let people = try await ivy.get(path)
            let reset = try #require(
                people.html.components(separatedBy: #"action=""#).dropFirst()
                    .map { String($0.prefix { $0 != "\"" }) }.first { $0.hasSuffix("/reset") })
            let resetPage = try await ivy.post(reset, ["form_token": try #require(people.formToken)])
            #expect(resetPage.status == .created)
            let resetLink = try Self.secret(on: resetPage)
            #expect(resetPage.html.contains("reset"))
            #expect(try await ivy.get(path).html.contains("reset: choosing a new password"))
            #expect(!(try await ivy.get(path)).html.contains(resetLink), "the link is shown once")
            #expect(try await al.get("/second-factor").location == "/sign-in", "the reset ends the analyst's session")
            let oldPassword = try await al.post(
                "/sign-in",
                ["form_token": try #require(signIn.formToken), "email": "an@valley.example", "password": WebSignInTests.password])
            #expect(oldPassword.status == .unauthorized)
            let choose = try await al.get(resetLink)
            #expect(choose.html.contains("reset your sign-in"))
            let newPassword = "a completely different passphrase"
            let chosen = try await al.post(
                "/join",
                ["form_token": try #require(choose.formToken), "invitation": String(resetLink.split(separator: "=").last!),
                 "password": newPassword, "password_again": newPassword])
            #expect(chosen.location == "/second-factor", "the organization requires an authenticator: enrol again")
            #expect(try await al.get(resetLink).status == .notFound, "a reset link opens once")
            #expect(try await ivy.get(path).html.contains("reset: choosing") == false)
            let resets = try await api.auditEvents().filter { $0.action == .personReset }
            #expect(resets.count == 1 && resets.first?.detail == "an@valley.example")
            // Nobody resets themselves.
            let ivyPerson = try #require(
                try await api.store.read { try await $0.people.findForSignIn(email: "it@valley.example") }?.person.id)
            let ownReset = try await ivy.post(
                "\(path)/people/\(ivyPerson)/reset", ["form_token": try #require(people.formToken)])
            #expect(ownReset.status == .badRequest && ownReset.html.contains("You cannot reset your own sign-in"))

            // The admin disables the analyst (who left): signed out everywhere, and refused at sign-in.
            let staff = try await ivy.get(path)
            let disable = try #require(
                staff.html.components(separatedBy: #"action=""#).dropFirst()
                    .map { String($0.prefix { $0 != "\"" }) }.first { $0.hasSuffix("/disable") })
            #expect(
                try await ivy.post(disable, ["form_token": try #require(staff.formToken)]).location
                    == "\(path)?notice=person-disabled#people")
            #expect(try await al.get("/second-factor").location == "/sign-in")
            let refusedSignIn = try await al.post(
                "/sign-in",
                ["form_token": try #require(signIn.formToken), "email": "an@valley.example", "password": WebSignInTests.password])
            #expect(refusedSignIn.status == .unauthorized && refusedSignIn.html.contains(#"role="alert""#))
            #expect(try await ivy.get(path).html.contains("disabled"))
            // Nobody disables themselves: the page offers no button, and a forged post is refused.
            let ivyID = try #require(
                try await api.store.read { try await $0.people.findForSignIn(email: "it@valley.example") }?.person.id)
            let itself = try await ivy.post(
                "\(path)/people/\(ivyID)/disable", ["form_token": try #require(staff.formToken)])
            #expect(itself.status == .badRequest)
            #expect(itself.html.contains("You cannot disable yourself"))

            let bank = try await api.createOrganization(name: "Prairie Bank", kind: "operator", sector: "finance")
            let teller = TestBrowser(api)
            try await WebSignInTests.join(
                teller, link: try await WebSignInTests.invite(api, email: "it@prairie.example", organization: bank))
            let hidden = try await teller.get(path)
            let missing = try await teller.get("/organizations/00000000-0000-7000-8000-000000000000")
            #expect(hidden.status == .notFound)
            #expect(hidden.html == missing.html)
            let tellerToken = try #require(try await teller.get("/organizations").formToken)
            #expect(try await teller.post("\(path)/tokens", ["form_token": tellerToken, "role": "admin"]).status == .notFound)
            #expect(!(try await teller.get("/organizations")).html.contains("Valley"))

            // The coordinator sets the hospital's intake policy; its admin sees it and may not change it.
            #expect(
                try await cora.post("\(path)/intake-policy", ["form_token": token, "daily_quota": "-3"]).status
                    == .badRequest)
            #expect(
                try await cora.post("\(path)/intake-policy", ["form_token": token, "daily_quota": "many"]).status
                    == .badRequest)
            #expect(
                try await cora.post(
                    "\(path)/intake-policy", ["form_token": token, "daily_quota": "25", "precision_floor": "0.5"]
                ).location == "\(path)?notice=intake-policy-set#intake")
            let policy = try await ivy.get(path)
            #expect(policy.html.contains("25 findings a day; proof required below a precision of 0.5"))
            #expect(!policy.html.contains("Set the intake policy"))
            #expect(
                try await ivy.post("\(path)/intake-policy", ["form_token": try #require(policy.formToken), "daily_quota": ""])
                    .status == .forbidden)

            let events = try await api.auditEvents().filter { $0.actor.channel == .web }
            #expect(events.contains { $0.action == .tokenCreate && $0.outcome == .success && $0.actor.personID != nil })
            #expect(events.contains { $0.action == .tokenRevoke && $0.outcome == .success })
            #expect(events.contains { $0.action == .tokenCreate && $0.outcome == .denied })
            #expect(events.contains { $0.action == .organizationVerify && $0.outcome == .success })
            #expect(events.contains { $0.action == .secondFactorPolicySet && $0.detail == "required" })
            #expect(events.contains { $0.action == .personDisable && $0.outcome == .success })
        }
    }
}

/// The audit log's page: coordinators filter every recorded action; nobody else opens it.
@Suite struct WebAuditTests {
    @Test(arguments: engines)
    func coordinatorsFilterTheAuditLogAndOthersAreRefused(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let cora = try await WebCasesTests.coordinator(api)
            let lab = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let all = try await cora.get("/audit")
            #expect(all.status == .ok)
            #expect(all.html.contains("organization.verify"))
            #expect(all.html.contains(#">\#(api.coordinator.name)</a>"#), "the acting organization is named")
            #expect(all.html.contains("second_factor.enrol") || all.html.contains("sign_in"))
            let verifications = try await cora.get("/audit?action=organization.verify&outcome=&since=&until=")
            #expect(verifications.html.contains(lab))
            #expect(!verifications.html.contains("<code>organization.create</code>"))
            let today = String(api.clock.now.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()))
            #expect(try await cora.get("/audit?until=\(today)").html.contains("No event matches"))
            #expect(try await cora.get("/audit?since=yesterday").status == .badRequest)

            let ana = TestBrowser(api)
            try await WebSignInTests.join(
                ana, link: try await WebSignInTests.invite(api, email: "ana@lab.example", organization: lab))
            #expect(try await ana.get("/audit").status == .forbidden)
            #expect(!(try await ana.get("/")).html.contains(#"href="/audit""#))
        }
    }
}
