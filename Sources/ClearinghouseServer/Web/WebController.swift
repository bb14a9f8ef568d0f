import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import HTTPTypes
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
        invitations = InvitationWorkflows(environment.workflows)
        throttle = SignInThrottle(attemptsPerMinute: configuration.signInAttemptsPerMinute)
    }

    typealias Handler = @Sendable (WebController) -> @Sendable (Request, AppRequestContext) async throws -> Response

    /// Every page: its method, its path (`{id}` for a path parameter) and its handler.
    static let routes: [(method: HTTPRequest.Method, path: String, handler: Handler)] = [
        (.get, "/", { $0.home }), (.get, "/sign-in", { $0.signInPage }), (.post, "/sign-in", { $0.signIn }),
        (.get, "/join", { $0.joinPage }), (.post, "/join", { $0.join }),
        (.get, "/second-factor", { $0.secondFactorPage }), (.post, "/second-factor", { $0.confirmSecondFactor }),
        (.post, "/sign-out", { $0.signOut }), (.post, "/password", { $0.changePassword }),
        (.get, "/findings", { $0.findingsPage }), (.post, "/findings", { $0.submitFindings }),
        (.get, "/exposure", { $0.exposurePage }), (.post, "/exposure/sboms", { $0.uploadSBOM }),
        (.post, "/exposure/sboms/{id}/delete", { $0.deleteSBOM }),
        (.post, "/exposure/sboms/{id}/replace", { $0.replaceSBOM }), (.post, "/exposure/vex", { $0.publishVEX }),
        (.post, "/exposure/vex/{id}/withdraw", { $0.withdrawVEX }),
        (.get, "/alerts", { $0.alertsPage }), (.post, "/alerts/webhooks", { $0.subscribeWebhookPage }),
        (.post, "/alerts/webhooks/{id}/delete", { $0.deleteWebhookPage }),
        (.get, "/advisories", { $0.advisorySearch }), (.get, "/advisories/{id}", { $0.advisoryPage }),
        (.get, "/transparency", { $0.transparencyPage }),
        (.get, "/cases", { $0.casesPage }), (.get, "/cases/{id}", { $0.casePage }),
        (.get, "/coordination", { $0.coordinationPage }),
        (.post, "/cases/{id}/messages", { $0.postCaseMessage }),
        (.post, "/cases/{id}/transitions", { $0.transitionCasePage }),
        (.post, "/cases/{id}/decisions", { $0.decideCase }),
        (.post, "/cases/{id}/embargo/proposals", { $0.proposeEmbargoPage }),
        (.post, "/cases/{id}/embargo/agreements", { $0.agreeEmbargoPage }),
        (.post, "/cases/{id}/embargo/end", { $0.endEmbargoPage }),
        (.post, "/cases/{id}/status", { $0.participantStatusPage }),
        (.post, "/cases/{id}/fixes", { $0.recordFixPage }), (.post, "/cases/{id}/publication", { $0.publishCasePage }),
        (.get, "/cases/{id}/preview", { $0.publicationPreviewPage }),
        (.get, "/validation", { $0.validationPage }),
        (.get, "/scans", { $0.scansPage }), (.post, "/scans", { $0.claimScanPage }),
        (.post, "/scans/{id}/extend", { $0.extendScanPage }), (.post, "/scans/{id}/complete", { $0.completeScanPage }),
        (.post, "/scans/{id}/release", { $0.releaseScanPage }), (.get, "/scans/coverage", { $0.scanCoveragePage }),
        (.get, "/scans/assets", { $0.scanAssetsPage }), (.post, "/scans/assets", { $0.registerScanAssetPage }),
        (.post, "/scans/assets/{id}/verify", { $0.verifyScanAssetPage }),
        (.post, "/scans/grants", { $0.grantScansPage }),
        (.post, "/scans/grants/{id}/revoke", { $0.revokeScanGrantPage }),
        (.get, "/organizations", { $0.organizationsPage }), (.post, "/organizations", { $0.registerOrganization }),
        (.get, "/organizations/{id}", { $0.organizationPage }),
        (.post, "/organizations/{id}/verify", { $0.verifyOrganizationPage }),
        (.post, "/organizations/{id}/invitations", { $0.invitePerson }),
        (.post, "/organizations/{id}/tokens", { $0.mintTokenPage }),
        (.post, "/organizations/{id}/intake-policy", { $0.setIntakePolicyPage }),
        (.post, "/organizations/{id}/second-factor", { $0.setSecondFactorPolicy }),
        (.post, "/organizations/{id}/people/{person}/disable", { $0.disablePerson }),
        (.post, "/organizations/{id}/people/{person}/reset", { $0.resetPerson }),
        (.post, "/organizations/{id}/tokens/{token}/revoke", { $0.revokeTokenPage }),
        (.get, "/audit", { $0.auditPage }),
        (.get, "/imports", { $0.importsPage }), (.post, "/imports", { $0.startImport }),
        (.get, "/imports/{id}", { $0.importPage }),
    ]

    static let stylesheetPath = "/static/style.css"

    /// Whether a path is served by the pages (outside the API and its OpenAPI document).
    static func isPage(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return path == stylesheetPath
            || routes.contains { route in
                let template = route.path.split(separator: "/")
                return template.count == segments.count
                    && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }
    }

    func register(on router: Router<AppRequestContext>) {
        router.get(RouterPath(Self.stylesheetPath)) { _, _ in Pages.stylesheet() }
        for route in Self.routes {
            let handler = route.handler(self)
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await answeringInHTML(request, context, handler)
            }
        }
    }

    /// Runs a page's handler, answering what the workflows refuse with a page rather than a JSON problem: the
    /// same "not found" for a missing record and a hidden one, "not allowed" for a role that may not act, what was
    /// wrong for a bad request. (Pages with forms catch their fields' errors themselves and show the form again.)
    private func answeringInHTML(
        _ request: Request, _ context: AppRequestContext,
        _ handler: @Sendable (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await handler(request, context)
        } catch let error as ClearinghouseError {
            let chrome = try await visit(request, context)?.chrome ?? [:]
            switch error.code {
            case .notFound:
                return pages.message(
                    title: "Not found", "There is nothing here, or nothing you may see.", link: ("/", "Home"),
                    status: .notFound, chrome: chrome)
            case .forbidden:
                return pages.message(
                    title: "Not allowed", "Your role does not allow this. Ask your organization's administrator.",
                    link: ("/", "Home"), status: .forbidden, chrome: chrome)
            case .unauthenticated:
                return Pages.redirect(to: "/sign-in")
            case .invalidRequest, .invalidField, .invalidCursor, .conflict, .quotaExceeded:
                return pages.message(
                    title: "That did not work", error.message, link: ("/", "Home"), status: .badRequest, chrome: chrome)
            default:
                throw error
            }
        }
    }

    /// The priority queue and its decisions, over this node's catalogs: the home page and the case pages read it.
    var priorityWorkflows: PriorityWorkflows {
        PriorityWorkflows(environment.workflows, catalogs: environment.catalogs)
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
                "isValidator": signedIn.organization.kind == .validator,
                "isVendor": signedIn.organization.kind == .vendor,
                "organizationID": signedIn.organization.id.rawValue,
                "isCoordinator": signedIn.organization.isVerifiedCoordinator,
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

    /// Runs a page that needs a signed-in person, or sends the browser where it must go first: the sign-in page,
    /// or (for a session that must enrol a second factor) the enrolment page.
    func signedIn(
        _ request: Request, _ context: AppRequestContext, _ page: (Visit) async throws -> Response
    ) async throws -> Response {
        guard let visit = try await visit(request, context) else { return Pages.redirect(to: "/sign-in") }
        guard visit.signedIn.session.stage == .signedIn else { return Pages.redirect(to: "/second-factor") }
        return try await page(visit)
    }

    /// Whether a post carries its form's token: the session's when signed in, otherwise the browser's form cookie's.
    func formIsGenuine(_ form: FormBody, request: Request, visit: Visit?) -> Bool {
        guard let secret = visit?.secret ?? cookies.formSecret(in: request) else { return false }
        return FormToken.verify(form["form_token"], for: secret)
    }

    /// A signed-in person's form with a file (up to the largest document plus the other fields), or `nil` when it
    /// does not carry the session's form token.
    func fileForm(_ request: Request, visit: Visit) async throws -> MultipartForm? {
        let form = try await MultipartForm(request, limit: environment.configuration.maximumDocumentSize + 64 * 1024)
        return FormToken.verify(form["form_token"], for: visit.secret) ? form : nil
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
