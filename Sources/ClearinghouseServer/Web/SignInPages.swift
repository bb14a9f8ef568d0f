import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// Signing in, accepting an invitation, enrolling an authenticator and signing out.
extension WebController {
    // MARK: Sign-in

    func signInPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if try await visit(request, context) != nil { return Pages.redirect(to: "/") }
        var values: [String: Any] = ["title": "Sign in"]
        values.set("notice", nonEmpty: Self.notice(in: request))
        return withFormSecret(request) { token in
            values["formToken"] = token
            return pages.render("sign_in", values)
        }
    }

    func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody(request)
        guard formIsGenuine(form, request: request, visit: nil) else { return staleForm(back: "/sign-in") }
        let email = String((form["email"] ?? "").prefix(254))
        var values: [String: Any] = ["title": "Sign in", "email": email]
        values["formToken"] = cookies.formSecret(in: request).map(FormToken.make(for:))
        guard throttle.admit(context.clientAddress, at: environment.dependencies.now()) else {
            values["error"] = "Too many sign-in attempts from your network. Wait a minute, then try again."
            return pages.render("sign_in", values, status: .tooManyRequests)
        }
        let code = form["code"].flatMap { $0.isEmpty ? nil : $0 }
        switch try await sessions.signIn(
            email: email, password: form["password"] ?? "", code: code, requestID: context.requestID)
        {
        case .signedIn(let secret):
            return Pages.redirect(to: "/").setting(cookies.setSession(secret))
        case .mustEnrolSecondFactor(let secret):
            return Pages.redirect(to: "/second-factor").setting(cookies.setSession(secret))
        case .needsCode:
            values["askCode"] = true
            values["notice"] = "Type your password again with the code your authenticator app shows now."
            return pages.render("sign_in", values)
        case .refused:
            values["askCode"] = code != nil
            values["error"] =
                "That email address, password or code is not right, or the account is locked for a while after "
                + "repeated failures. Check them and try again."
            return pages.render("sign_in", values, status: .unauthorized)
        }
    }

    /// Renders a page whose forms need the browser's form secret, setting one first when the browser has none.
    func withFormSecret(_ request: Request, _ page: (String) -> Response) -> Response {
        if let secret = cookies.formSecret(in: request) { return page(FormToken.make(for: secret)) }
        let secret = TokenSecret(.session, randomBytes: environment.dependencies.randomBytes)
        return page(FormToken.make(for: secret)).setting(cookies.setFormSecret(secret))
    }

    // MARK: Invitations

    func joinPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let presented = request.uri.queryParameters["invitation"].flatMap {
            TokenSecret(presented: $0, kind: .invitation)
        }
        guard let presented, let invitation = try await invitations.openInvitation(presented) else {
            return deadInvitation()
        }
        var values = try await joinValues(invitation, link: presented)
        return withFormSecret(request) { token in
            values["formToken"] = token
            return pages.render("join", values)
        }
    }

    func join(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormBody(request)
        let presented = form["invitation"].flatMap { TokenSecret(presented: $0, kind: .invitation) }
        guard let presented, let invitation = try await invitations.openInvitation(presented) else {
            return deadInvitation()
        }
        guard formIsGenuine(form, request: request, visit: nil) else {
            return staleForm(back: "/join?invitation=" + presented.text)
        }
        var values = try await joinValues(invitation, link: presented)
        values["formToken"] = form["form_token"]
        guard throttle.admit(context.clientAddress, at: environment.dependencies.now()) else {
            values["error"] = "Too many attempts from your network. Wait a minute, then try again."
            return pages.render("join", values, status: .tooManyRequests)
        }
        let password = form["password"] ?? ""
        guard password == form["password_again"] else {
            values["againError"] = "The two passwords differ; type the same one twice."
            return pages.render("join", values, status: .badRequest)
        }
        let result: SignInResult
        do {
            result = try await invitations.accept(presented, password: password, requestID: context.requestID)
        } catch let error as ClearinghouseError where error.code == .invalidField {
            values["passwordError"] = error.message
            return pages.render("join", values, status: .badRequest)
        }
        switch result {
        case .signedIn(let secret):
            return Pages.redirect(to: "/").setting(cookies.setSession(secret))
        case .mustEnrolSecondFactor(let secret):
            return Pages.redirect(to: "/second-factor").setting(cookies.setSession(secret))
        case .needsCode, .refused:
            return deadInvitation()
        }
    }

    private func joinValues(_ invitation: Invitation, link: TokenSecret) async throws -> [String: Any] {
        let organization = try await environment.store.read { try await $0.organizations.find(invitation.organizationID) }
        let role = invitation.role.rawValue
        return [
            "title": invitation.personID == nil
                ? "Join \(organization?.name ?? "the clearinghouse")" : "Choose a new password",
            "isReset": invitation.personID != nil, "inviteeName": invitation.name,
            "organizationName": organization?.name ?? "", "role": role,
            "roleArticle": role.first.map { "aeiou".contains($0) } == true ? "an" : "a", "email": invitation.email,
            "invitation": link.text,
        ]
    }

    private func deadInvitation() -> Response {
        pages.message(
            title: "This invitation does not work",
            "The link was already used, was withdrawn, or is more than 7 days old. Ask whoever invited you for a new one.",
            link: ("/sign-in", "Sign in"), status: .notFound)
    }

    // MARK: Second factor

    func secondFactorPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let visit = try await visit(request, context) else { return Pages.redirect(to: "/sign-in") }
        let person = visit.signedIn.person
        if person.secondFactor != nil {
            return pages.message(
                title: "Authenticator app", "Your account already has an authenticator app as a second factor.",
                link: ("/", "Home"), chrome: visit.chrome)
        }
        let totp = try await sessions.beginEnrolment(visit.signedIn)
        return pages.render("second_factor", secondFactorValues(visit, totp: totp))
    }

    func confirmSecondFactor(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let visit = try await visit(request, context) else { return Pages.redirect(to: "/sign-in") }
        let form = try await FormBody(request)
        guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/second-factor") }
        do {
            let secret = try await sessions.confirmEnrolment(
                visit.signedIn, code: String((form["code"] ?? "").prefix(16)), requestID: context.requestID)
            return Pages.redirect(to: "/?notice=second-factor").setting(cookies.setSession(secret))
        } catch let error as ClearinghouseError where error.code == .invalidField {
            guard let totp = visit.signedIn.session.pendingSecondFactor else {
                return Pages.redirect(to: "/second-factor")
            }
            var values = secondFactorValues(visit, totp: totp)
            values["codeError"] = error.message
            return pages.render("second_factor", values, status: .badRequest)
        }
    }

    private func secondFactorValues(_ visit: Visit, totp: TOTP) -> [String: Any] {
        var values = visit.chrome
        let required = visit.signedIn.session.stage == .enrollingSecondFactor
        // Until the factor is enrolled, the layout offers no navigation: the session may do nothing else.
        values["signedIn"] = !required
        values["title"] = "Set up an authenticator app"
        values["required"] = required
        values["formToken"] = visit.formToken
        let key = Base32.encode(totp.secret, padded: false)
        values["key"] = stride(from: 0, to: key.count, by: 4).map { offset in
            let start = key.index(key.startIndex, offsetBy: offset)
            return String(key[start..<(key.index(start, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
        values["uri"] = totp.provisioningURI(issuer: "Clearinghouse", account: visit.signedIn.person.email)
        return values
    }

    // MARK: Password

    func changePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let form = try await FormBody(request)
            guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/#security") }
            // Guessing the current password from a stolen session is throttled as sign-in is.
            guard throttle.admit(context.clientAddress, at: environment.dependencies.now()) else {
                return pages.message(
                    title: "Too many attempts", "Wait a minute, then try again.", link: ("/", "Home"),
                    status: .tooManyRequests, chrome: visit.chrome)
            }
            let new = form["password"] ?? ""
            do {
                guard new == form["password_again"] else {
                    throw ClearinghouseError.invalidField("password", "The two new passwords differ; type the same one twice.")
                }
                let secret = try await sessions.changePassword(
                    of: visit.signedIn, current: form["current_password"] ?? "", new: new, requestID: context.requestID)
                return Pages.redirect(to: "/?notice=password-changed").setting(cookies.setSession(secret))
            } catch let error as ClearinghouseError where error.code == .invalidField {
                return pages.message(
                    title: "Your password was not changed", error.message, link: ("/#security", "Back to the form"),
                    status: .badRequest, chrome: visit.chrome)
            }
        }
    }

    // MARK: Sign-out

    func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let visit = try await visit(request, context) else {
            return Pages.redirect(to: "/sign-in").setting(cookies.clearSession())
        }
        let form = try await FormBody(request)
        guard formIsGenuine(form, request: request, visit: visit) else { return staleForm(back: "/") }
        let everywhere = form["everywhere"] == "1"
        try await sessions.signOut(visit.signedIn, everywhere: everywhere, requestID: context.requestID)
        return Pages.redirect(to: "/sign-in?notice=" + (everywhere ? "signed-out-everywhere" : "signed-out"))
            .setting(cookies.clearSession())
    }
}
