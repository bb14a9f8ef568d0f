import ClearinghouseCore
import Hummingbird

extension WebController {
    /// The home page: who is signed in, and their sign-in's safety.
    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let visit: Visit
        switch try await admit(request, context) {
        case .sentAway(let response): return response
        case .admitted(let admitted): visit = admitted
        }
        var values = visit.chrome
        let person = visit.signedIn.person
        values["title"] = "Home"
        values["onHome"] = true
        values["role"] = person.role.rawValue
        values["hasSecondFactor"] = person.secondFactor != nil
        if let notice = request.uri.queryParameters["notice"].flatMap({ Self.notices[String($0)] }) {
            values["notice"] = notice
        }
        return pages.render("home", values)
    }

    /// The notices a redirect may ask a page to show, by key: a query parameter never puts its own text on a page.
    static let notices: [String: String] = [
        "signed-in": "You are signed in.",
        "second-factor": "Your authenticator app is set up: sign-in now asks for its code.",
        "signed-out": "You are signed out.",
        "signed-out-everywhere": "You are signed out on every device.",
    ]
}
