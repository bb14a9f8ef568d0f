import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The web interface: pages for people, beside the API. Each page finds who is asking from the session cookie,
/// asks the same workflows (and so the same access policy) as the API, and answers HTML.
struct WebController: Sendable {
    let environment: APIEnvironment
    let pages: Pages
    let cookies: WebCookies
    let sessions: SessionWorkflows
    let invitations: InvitationWorkflows
    let throttle: SignInThrottle

    init(environment: APIEnvironment) {
        self.environment = environment
        let configuration = environment.configuration
        pages = Pages()
        cookies = WebCookies(secure: configuration.secureCookies)
        sessions = SessionWorkflows(environment.workflows, lifetime: configuration.sessionLifetime)
        invitations = InvitationWorkflows(environment.workflows, sessions: sessions)
        throttle = SignInThrottle(attemptsPerMinute: configuration.signInAttemptsPerMinute)
    }

    /// The paths of the pages, outside the API and its OpenAPI document.
    static let paths: Set<String> = [
        "/", "/sign-in", "/join", "/second-factor", "/sign-out", "/static/style.css", "/exposure", "/exposure/sboms",
        "/advisories",
    ]

    /// Whether a path is one of the pages' (the paths above, and those with an id such as `/exposure/sboms/{id}/…`).
    static func isPage(_ path: String) -> Bool {
        paths.contains(path) || path.hasPrefix("/exposure/") || path.hasPrefix("/advisories/")
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/static/style.css") { _, _ in Pages.stylesheet() }
        router.get("/") { request, context in try await home(request, context) }
        router.get("/sign-in") { request, context in try await signInPage(request, context) }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.get("/join") { request, context in try await joinPage(request, context) }
        router.post("/join") { request, context in try await join(request, context) }
        router.get("/second-factor") { request, context in try await secondFactorPage(request, context) }
        router.post("/second-factor") { request, context in try await confirmSecondFactor(request, context) }
        router.post("/sign-out") { request, context in try await signOut(request, context) }
        router.get("/exposure") { request, context in try await exposurePage(request, context) }
        router.post("/exposure/sboms") { request, context in try await uploadSBOM(request, context) }
        router.post("/exposure/sboms/{id}/delete") { request, context in try await deleteSBOM(request, context) }
        router.get("/advisories") { request, context in try await advisorySearch(request, context) }
        router.get("/advisories/{id}") { request, context in try await advisoryPage(request, context) }
    }

    // MARK: Who is asking

    /// A signed-in visit: the session, and the secret that opened it (from which its forms' tokens derive).
    struct Visit: Sendable {
        let secret: TokenSecret
        let signedIn: SignedInSession

        var member: Member { Member(organization: signedIn.organization, person: signedIn.person) }
        var formToken: String { FormToken.make(for: secret) }

        func requester(_ context: AppRequestContext) -> Requester {
            .api(.member(member), requestID: context.requestID)
        }

        /// What the layout shows of the person, and the sign-out form's token.
        var chrome: [String: Any] {
            [
                "signedIn": true, "personName": signedIn.person.name,
                "organizationName": signedIn.organization.name, "formToken": formToken,
            ]
        }
    }

    /// The live session the request's cookie names, if any.
    func visit(_ request: Request, _ context: AppRequestContext) async throws -> Visit? {
        guard let secret = cookies.session(in: request),
            let signedIn = try await sessions.authenticate(secret)
        else { return nil }
        let visit = Visit(secret: secret, signedIn: signedIn)
        context.notes.member = visit.member
        return visit
    }

    /// Where a page's request stands: signed in, or to be sent elsewhere first.
    enum Admission: Sendable {
        case admitted(Visit)
        /// The sign-in page, or (for a session that must enrol a second factor) the enrolment page.
        case sentAway(Response)
    }

    /// The signed-in visit a page needs, or the redirect that sends the browser where it must go first.
    func admit(_ request: Request, _ context: AppRequestContext) async throws -> Admission {
        guard let visit = try await visit(request, context) else { return .sentAway(Pages.redirect(to: "/sign-in")) }
        guard visit.signedIn.session.stage == .signedIn else {
            return .sentAway(Pages.redirect(to: "/second-factor"))
        }
        return .admitted(visit)
    }

    /// Whether a post carries its form's token: the session's when signed in, otherwise the browser's form cookie's.
    func formIsGenuine(_ form: FormBody, request: Request, visit: Visit?) -> Bool {
        guard let secret = visit?.secret ?? cookies.formSecret(in: request) else { return false }
        return FormToken.verify(form["form_token"], for: secret)
    }

    /// The page that answers a post whose token is missing or wrong: the form is shown again, nothing done.
    func staleForm(back path: String) -> Response {
        pages.message(
            title: "This form has expired",
            "Nothing was changed: the form was too old, or was not sent from this site. Open the page again and retry.",
            link: (path, "Back to the form"), status: .forbidden)
    }
}

extension Response {
    /// The response with a cookie set.
    func setting(_ cookie: Cookie) -> Response {
        var response = self
        response.setCookie(cookie)
        return response
    }
}
