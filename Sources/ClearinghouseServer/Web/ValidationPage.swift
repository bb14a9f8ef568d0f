import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird

/// The validation page of a validator organization: the jobs it claimed, each with its case, proof and deadline.
/// Jobs are claimed, run and attested by `clearinghouse validator run` on the validator's own machine, with the
/// organization's signing key, never in the browser; the page says how, and links each job's case (which the claim
/// opened to the validator).
extension WebController {
    func validationPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await signedIn(request, context) { visit in
            let requester = visit.requester(context)
            let now = environment.dependencies.now()
            let claims = try await ValidationWorkflows(environment.workflows).ownClaims(limit: 50, by: requester)
            var values = visit.chrome
            values["title"] = "Validation"
            values["onValidation"] = true
            values.set("notice", nonEmpty: Self.notice(in: request))
            values["claims"] = claims.map { claim, job -> [String: Any] in
                var row: [String: Any] = [
                    "caseID": job.caseID.rawValue, "job": job.id.rawValue,
                    "kind": job.kind == .reproduce ? "Reproduce the proof" : "Verify the fix",
                    "claimed": Self.day(claim.claimedAt), "expires": Self.instant(claim.expiresAt),
                    "status": claim.attestation != nil ? "attested" : claim.expiresAt <= now ? "lapsed" : "open",
                ]
                row.set("artifact", nonEmpty: job.artifact?.description)
                row.set("target", nonEmpty: job.target?.text)
                return row
            }
            values["hasClaims"] = !claims.isEmpty
            return pages.render("validation", values)
        }
    }
}
