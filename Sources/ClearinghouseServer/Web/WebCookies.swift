import ClearinghouseCore
import Hummingbird

/// The two cookies of the web interface, both HttpOnly and SameSite=Strict:
///
/// - the session cookie holds a signed-in person's `chses_` secret (`__Host-` prefixed, so Secure, host-only and
///   `Path=/`, unless the instance serves plain HTTP);
/// - the form cookie holds a random secret of the browser's own, before anyone signs in, from which the sign-in and
///   invitation forms' tokens derive (so that another site cannot post them).
struct WebCookies: Sendable {
    let secure: Bool

    var sessionName: String { secure ? "__Host-chsession" : "chsession" }
    var formName: String { secure ? "__Host-chform" : "chform" }

    /// The session secret a request presents, when it has the shape of one.
    func session(in request: Request) -> TokenSecret? {
        request.cookies[sessionName].flatMap { TokenSecret(presented: $0.value, kind: .session) }
    }

    /// The browser's form secret, when it presents one.
    func formSecret(in request: Request) -> TokenSecret? {
        request.cookies[formName].flatMap { TokenSecret(presented: $0.value, kind: .session) }
    }

    func setSession(_ secret: TokenSecret) -> Cookie {
        cookie(sessionName, secret.text)
    }

    func setFormSecret(_ secret: TokenSecret) -> Cookie {
        cookie(formName, secret.text)
    }

    func clearSession() -> Cookie {
        cookie(sessionName, "", maxAge: 0)
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
