import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

@testable import ClearinghouseServer

/// People sign in to the web interface: by invitation, with a password and (at a coordinator) an authenticator;
/// forms carry tokens; sessions rotate at sign-in and die at sign-out; what people typed renders inert.
@Suite struct WebSignInTests {
    static let password = "correct horse battery staple"

    /// Invites a person through the API as the bootstrap coordinator, and returns the invitation's link.
    static func invite(
        _ api: TestAPI, email: String, name: String = "Ana Analyst", role: String = "admin",
        organization: String? = nil
    ) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["email": email, "name": name, "role": role])
        let reply = try await api.send(
            .post, "/v1/organizations/\(organization ?? api.coordinator.id.rawValue)/invitations",
            token: api.coordinatorToken, json: String(decoding: body, as: UTF8.self))
        #expect(reply.status == .created, "\(reply.text)")
        return try #require(reply["link"] as? String)
    }

    /// Advisories imported, a hospital, and a person of it signed in: where the exposure and home tests start.
    static func hospitalWithAdvisories(_ api: TestAPI) async throws -> (hospital: String, browser: TestBrowser) {
        #expect(
            try await api.send(
                .post, "/v1/advisories/import", token: api.coordinatorToken, json: ExposureAPITests.advisories
            ).status == .ok)
        let hospital = try await api.createOrganization(
            name: "Valley General Hospital", kind: "operator", sector: "healthcare")
        let browser = TestBrowser(api)
        try await join(browser, link: try await invite(api, email: "it@valley.example", organization: hospital))
        return (hospital, browser)
    }

    /// Opens an invitation and sets the password; returns the page the browser was sent to.
    @discardableResult
    static func join(_ browser: TestBrowser, link: String, password: String = password) async throws
        -> TestBrowser.Page
    {
        let page = try await browser.get(link)
        #expect(page.status == .ok)
        return try await browser.post(
            "/join",
            [
                "form_token": try #require(page.formToken), "invitation": try #require(page.field("invitation")),
                "password": password, "password_again": password,
            ])
    }

    /// The authenticator a second-factor page shows the key of.
    static func authenticator(on page: TestBrowser.Page) throws -> TOTP {
        let start = try #require(page.html.range(of: #"<code class="secret""#))
        let open = try #require(page.html[start.upperBound...].firstIndex(of: ">"))
        let close = try #require(page.html[open...].range(of: "</code>"))
        let key = page.html[page.html.index(after: open)..<close.lowerBound].replacingOccurrences(of: " ", with: "")
        return try TOTP(secret: try #require(Base32.decode(key)))
    }

    @Test(arguments: engines)
    func aCoordinatorJoinsEnrolsAnAuthenticatorSignsOutAndBackIn(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let link = try await Self.invite(api, email: "ana@example.org")
            let browser = TestBrowser(api)
            let joined = try await Self.join(browser, link: link)
            #expect(joined.status == .seeOther)
            #expect(joined.location == "/second-factor", "a coordinator's person must enrol first")
            // Until then, every page sends the person back to enrolment.
            #expect(try await browser.get("/").location == "/second-factor")
            let enrol = try await browser.get("/second-factor")
            #expect(enrol.status == .ok)
            let totp = try Self.authenticator(on: enrol)
            let wrong = try await browser.post(
                "/second-factor", ["form_token": try #require(enrol.formToken), "code": "000000"])
            #expect(wrong.status == .badRequest)
            #expect(wrong.html.contains(#"aria-invalid="true""#))
            let enrolling = browser.cookies["__Host-chsession"]
            let confirmed = try await browser.post(
                "/second-factor",
                ["form_token": try #require(enrol.formToken), "code": totp.code(at: api.clock.now)])
            #expect(confirmed.location == "/?notice=second-factor")
            #expect(browser.cookies["__Host-chsession"] != enrolling, "the session is replaced when its rights change")
            let home = try await browser.get("/?notice=second-factor")
            #expect(home.status == .ok)
            #expect(home.html.contains("Ana Analyst"))
            #expect(home.html.contains("Your authenticator app is set up"))

            // Signing out ends the session: the cookie, replayed, opens nothing.
            let stolen = try #require(browser.cookies["__Host-chsession"])
            let out = try await browser.post("/sign-out", ["form_token": try #require(home.formToken)])
            #expect(out.location == "/sign-in?notice=signed-out")
            #expect(browser.cookies["__Host-chsession"] == nil)
            browser.setCookie("__Host-chsession", stolen)
            #expect(try await browser.get("/").location == "/sign-in")

            // Signing in again: password, then a code (of a later step: the one used to enrol is spent).
            let signInPage = try await browser.get("/sign-in")
            let token = try #require(signInPage.formToken)
            let asked = try await browser.post(
                "/sign-in", ["form_token": token, "email": "ana@example.org", "password": Self.password])
            #expect(asked.status == .ok)
            #expect(asked.html.contains(#"id="code""#))
            api.clock.advance(by: 30)
            let signedIn = try await browser.post(
                "/sign-in",
                [
                    "form_token": token, "email": "ana@example.org", "password": Self.password,
                    "code": totp.code(at: api.clock.now),
                ])
            #expect(signedIn.location == "/")
            #expect(browser.cookies["__Host-chsession"] != stolen)
            #expect(try await browser.get("/").status == .ok)

            let events = try await api.auditEvents()
            let web = events.filter { $0.actor.channel == .web }
            #expect(web.contains { $0.action == .signIn && $0.outcome == .success && $0.actor.personID != nil })
            #expect(web.contains { $0.action == .secondFactorEnrol })
            #expect(web.contains { $0.action == .signOut })
            #expect(events.contains { $0.action == .personInvite && $0.actor.channel == .api })
        }
    }

    @Test(arguments: engines)
    func formsWithoutTheirTokenOrWithAnotherSessionsAreRefused(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Rural Hospital", kind: "operator", sector: "healthcare")
            let browser = TestBrowser(api)
            let joined = try await Self.join(
                browser, link: try await Self.invite(api, email: "it@hospital.example", organization: vendor))
            #expect(joined.location == "/", "outside coordinators a second factor is optional")
            let home = try await browser.get("/")
            #expect(home.html.contains("Set up an authenticator app"))

            let other = TestBrowser(api)
            try await Self.join(other, link: try await Self.invite(api, email: "bo@hospital.example", organization: vendor))
            let othersHome = try await other.get("/")

            // No token, another session's token: refused, and the person stays signed in.
            #expect(try await browser.post("/sign-out", [:]).status == .forbidden)
            #expect(
                try await browser.post("/sign-out", ["form_token": try #require(othersHome.formToken)]).status
                    == .forbidden)
            #expect(try await browser.get("/").status == .ok)
            // A sign-in form posted without the browser's own form cookie (from another site) is refused.
            let stranger = TestBrowser(api)
            let form = try await TestBrowser(api).get("/sign-in")
            #expect(
                try await stranger.post(
                    "/sign-in",
                    ["form_token": try #require(form.formToken), "email": "it@hospital.example", "password": Self.password]
                ).status == .forbidden)
            // Signing out everywhere ends the other browsers' sessions of the same person too.
            let second = TestBrowser(api)
            let page = try await second.get("/sign-in")
            let signedIn = try await second.post(
                "/sign-in",
                ["form_token": try #require(page.formToken), "email": "it@hospital.example", "password": Self.password])
            #expect(signedIn.location == "/")
            let out = try await browser.post(
                "/sign-out", ["form_token": try #require(home.formToken), "everywhere": "1"])
            #expect(out.location == "/sign-in?notice=signed-out-everywhere")
            #expect(try await second.get("/").location == "/sign-in")
            #expect(try await other.get("/").status == .ok, "another person's session is untouched")
        }
    }

    @Test(arguments: engines)
    func aPlantedSessionCookieIsNeverAdopted(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Community Bank", kind: "operator", sector: "finance")
            let setUp = TestBrowser(api)
            try await Self.join(setUp, link: try await Self.invite(api, email: "cm@bank.example", organization: vendor))
            let planted = TokenSecret(.session, randomBytes: { Array(repeating: 9, count: $0) }).text
            let victim = TestBrowser(api)
            victim.setCookie("__Host-chsession", planted)
            #expect(try await victim.get("/").location == "/sign-in")
            let page = try await victim.get("/sign-in")
            let signedIn = try await victim.post(
                "/sign-in",
                ["form_token": try #require(page.formToken), "email": "cm@bank.example", "password": Self.password])
            #expect(signedIn.location == "/")
            #expect(victim.cookies["__Host-chsession"] != planted)
            let attacker = TestBrowser(api)
            attacker.setCookie("__Host-chsession", planted)
            #expect(try await attacker.get("/").location == "/sign-in")
        }
    }

    @Test(arguments: engines)
    func wrongPasswordsAreRefusedAlikeAndThrottled(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: { $0.signInAttemptsPerMinute = 4 }) { api in
            let vendor = try await api.createOrganization(name: "Water Utility", kind: "operator", sector: "energy")
            try await Self.join(TestBrowser(api), link: try await Self.invite(api, email: "op@water.example", organization: vendor))
            let browser = TestBrowser(api)
            let token = try #require(try await browser.get("/sign-in").formToken)
            let wrong = try await browser.post(
                "/sign-in", ["form_token": token, "email": "op@water.example", "password": "not the password at all"])
            let nobody = try await browser.post(
                "/sign-in", ["form_token": token, "email": "nobody@water.example", "password": "not the password at all"])
            #expect(wrong.status == .unauthorized)
            #expect(nobody.status == .unauthorized)
            #expect(wrong.html.replacingOccurrences(of: "op@water", with: "nobody@water") == nobody.html)
            _ = try await browser.post("/sign-in", ["form_token": token, "email": "x@water.example", "password": "y"])
            _ = try await browser.post("/sign-in", ["form_token": token, "email": "x@water.example", "password": "y"])
            let throttled = try await browser.post(
                "/sign-in", ["form_token": token, "email": "op@water.example", "password": Self.password])
            #expect(throttled.status == .tooManyRequests)
            api.clock.advance(by: 60)
            let admitted = try await browser.post(
                "/sign-in", ["form_token": token, "email": "op@water.example", "password": Self.password])
            #expect(admitted.location == "/")
        }
    }

    @Test(arguments: engines)
    func hostileNamesRenderInert(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Vendor", kind: "vendor")
            // A quote with a combining mark is one character but two scalars: escaping by character missed it.
            let hostile = "\"\u{301} autofocus onfocus=alert(1) x=\"><script>alert(2)</script>\u{202E}gpj.exe"
            let link = try await Self.invite(api, email: "evil@vendor.example", name: hostile, organization: vendor)
            let browser = TestBrowser(api)
            let page = try await browser.get(link)
            let rawQuote = "\"" + "\u{301}"
            let override = "\u{202E}"
            let escapedQuote = "&quot;" + "\u{301} autofocus"
            #expect(!page.html.contains("<script>"))
            #expect(!page.html.contains(rawQuote))
            #expect(!page.html.contains(override))
            #expect(page.html.contains(escapedQuote))
            #expect(page.html.contains("[U+202E]gpj.exe"))
            try await Self.join(browser, link: link)
            let home = try await browser.get("/")
            #expect(!home.html.contains("<script>"))
            #expect(home.html.contains("&lt;script&gt;"))
        }
    }

    @Test(arguments: engines)
    func deadInvitationLinksAnswerNotFound(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let link = try await Self.invite(api, email: "late@example.org")
            let browser = TestBrowser(api)
            #expect(try await browser.get("/join?invitation=chinv_0000000000000000_" + String(repeating: "A", count: 43)).status == .notFound)
            #expect(try await browser.get("/join").status == .notFound)
            api.clock.advance(by: Invitation.lifetime)
            let expired = try await browser.get(link)
            #expect(expired.status == .notFound)
            #expect(expired.html.contains("Ask whoever invited you for a new one"))
        }
    }
}

/// A signed-in person changes their password: the current one is asked for, every other session ends.
@Suite struct WebPasswordTests {
    @Test(arguments: engines)
    func aPasswordChangeNeedsTheCurrentOneAndEndsEveryOtherSession(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Independent Lab", kind: "researcher")
            let ana = TestBrowser(api)
            try await WebSignInTests.join(
                ana, link: try await WebSignInTests.invite(api, email: "ana@lab.example", organization: lab))
            let phone = TestBrowser(api)
            let signInPage = try await phone.get("/sign-in")
            _ = try await phone.post(
                "/sign-in",
                ["form_token": try #require(signInPage.formToken), "email": "ana@lab.example", "password": WebSignInTests.password])
            #expect(try await phone.get("/").status == .ok)

            let home = try await ana.get("/")
            let token = try #require(home.formToken)
            let newPassword = "violet lantern harbor quietly"
            let wrong = try await ana.post(
                "/password",
                ["form_token": token, "current_password": "not it at all, no", "password": newPassword, "password_again": newPassword])
            #expect(wrong.status == .badRequest)
            #expect(wrong.html.contains("not your current password"))
            let differ = try await ana.post(
                "/password",
                ["form_token": token, "current_password": WebSignInTests.password, "password": newPassword, "password_again": "x"])
            #expect(differ.status == .badRequest)
            let before = ana.cookies["__Host-chsession"]
            let changed = try await ana.post(
                "/password",
                ["form_token": token, "current_password": WebSignInTests.password, "password": newPassword, "password_again": newPassword])
            #expect(changed.location == "/?notice=password-changed")
            #expect(ana.cookies["__Host-chsession"] != before, "the session is replaced")
            #expect(try await ana.get("/").status == .ok)
            #expect(try await phone.get("/").location == "/sign-in", "every other session ended")

            let again = try await phone.get("/sign-in")
            let old = try await phone.post(
                "/sign-in",
                ["form_token": try #require(again.formToken), "email": "ana@lab.example", "password": WebSignInTests.password])
            #expect(old.status == .unauthorized, "the old password no longer opens anything")
            let new = try await phone.post(
                "/sign-in", ["form_token": try #require(again.formToken), "email": "ana@lab.example", "password": newPassword])
            #expect(new.location == "/")
            let events = try await api.auditEvents().filter { $0.action == .passwordChange }
            #expect(events.contains { $0.outcome == .denied } && events.contains { $0.outcome == .success })
        }
    }
}

/// Every page of the route table is held to sign-in: a new page that forgets it fails here.
@Suite struct WebRouteTableTests {
    /// The pages anyone may open: signing in and joining, and what the OSV API also gives anonymously.
    static let publicPages: Set<String> = [
        "GET /sign-in", "POST /sign-in", "GET /join", "POST /join", "GET /advisories", "GET /advisories/{id}",
        "GET /transparency",
    ]

    @Test func everyOtherPageSendsAnonymousVisitorsToSignIn() async throws {
        try await TestAPI.run(.sqlite) { api in
            let id = "01a3185c-5000-7000-8000-000000000000"
            for route in WebController.routes where !Self.publicPages.contains("\(route.method) \(route.path)") {
                let path = route.path.replacingOccurrences(of: "{id}", with: id)
                    .replacingOccurrences(of: "{token}", with: id)
                let browser = TestBrowser(api)
                let page = route.method == .get ? try await browser.get(path) : try await browser.post(path, [:])
                #expect(page.status == .seeOther && page.location == "/sign-in", "\(route.method) \(path)")
            }
            for page in Self.publicPages {
                let parts = page.split(separator: " ")
                #expect(
                    WebController.routes.contains { "\($0.method)" == parts[0] && $0.path == parts[1] },
                    "\(page) is in the route table")
            }
        }
    }
}
