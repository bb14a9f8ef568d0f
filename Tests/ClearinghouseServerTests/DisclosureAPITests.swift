import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// A validated case's embargo, negotiated over HTTP by those on the case, each change in the transparency log; the
/// participants' statuses; the vendors a coordinator would bring in.
@Suite struct DisclosureAPITests {
    /// Opens a case with one finding of `reporterToken`'s organization about `purl`: the case's id.
    static func reportedCase(
        _ api: TestAPI, reporterToken: String, purl: String = "pkg:pypi/demo@1.0", aliases: String = "[]"
    ) async throws -> String {
        let finding = #"{"title": "Overflow in parse", "target": {"purl": "\#(purl)"}, "aliases": \#(aliases)}"#
        let submitted = try await api.send(.post, "/v1/findings", token: reporterToken, json: finding)
        #expect(submitted.status == .created, "\(submitted.text)")
        return try #require((submitted["findings"] as? [[String: Any]])?.first?["case_id"] as? String)
    }

    /// Opens a case for `reporterToken`'s organization with `vendor` on its list, and validates it.
    static func validatedCase(
        _ api: TestAPI, reporterToken: String, vendor: String, purl: String = "pkg:pypi/demo@1.0",
        aliases: String = "[]"
    ) async throws -> String {
        let caseID = try await reportedCase(api, reporterToken: reporterToken, purl: purl, aliases: aliases)
        let added = try await api.send(
            .post, "/v1/cases/\(caseID)/participants", token: api.coordinatorToken,
            json: #"{"organization_id": "\#(vendor)"}"#)
        #expect(added.status == .ok, "\(added.text)")
        for state in ["triaged", "validated"] {
            let moved = try await api.send(
                .post, "/v1/cases/\(caseID)/transitions", token: api.coordinatorToken, json: #"{"state": "\#(state)"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
        }
        return caseID
    }

    /// Ends a validated case's embargo (as exploited) and publishes it.
    ///
    /// - Returns: the advisory's id.
    static func publish(_ caseID: String, _ api: TestAPI) async throws -> String {
        _ = try await api.send(
            .post, "/v1/cases/\(caseID)/embargo/end", token: api.coordinatorToken, json: #"{"reason": "exploited"}"#)
        let published = try await api.send(
            .post, "/v1/cases/\(caseID)/publication", token: api.coordinatorToken, json: #"{"details": "Upgrade."}"#)
        return try #require(published["id"] as? String, "\(published.text)")
    }

    static func proposal(_ local: String, zone: String = "UTC", reason: String? = nil) -> String {
        let reasonField = reason.map { #", "reason": "\#($0)""# } ?? ""
        return #"{"public_date": {"local": "\#(local)", "time_zone": "\#(zone)"}\#(reasonField)}"#
    }

    @Test(arguments: engines)
    func participantsNegotiateTheEmbargoAndEachChangeIsLogged(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            let vendorReader = try await api.mintToken(for: vendor, role: "reader").token
            let outsider = try await api.createOrganization(name: "Other Lab", kind: "researcher")
            let outsiderToken = try await api.mintToken(for: outsider, role: "analyst").token

            // Before validation there is no embargo to negotiate.
            let earlyCase = try await Self.reportedCase(api, reporterToken: labToken, purl: "pkg:pypi/other@1.0")
            let none = try await api.send(.get, "/v1/cases/\(earlyCase)/coordination", token: labToken)
            #expect(none.status == .ok && none.json["embargo"] is NSNull, "\(none.text)")
            #expect(
                try await api.send(.post, "/v1/cases/\(earlyCase)/embargo/agreements", token: labToken).code
                    == "conflict")

            let caseID = try await Self.validatedCase(api, reporterToken: labToken, vendor: vendor)
            // The policy proposes 90 days after validation (the test clock reads 2027-01-15T08:00Z), in UTC; the
            // first reporter and the vendor are asked to agree.
            let opened = try await api.send(.get, "/v1/cases/\(caseID)/coordination", token: vendorReader)
            let embargo = try #require(opened["embargo"] as? [String: Any], "\(opened.text)")
            let proposed = try #require(embargo["public_date"] as? [String: Any])
            #expect(proposed["local"] as? String == "2027-04-15T08:00" && proposed["time_zone"] as? String == "UTC")
            #expect(Set(embargo["awaiting"] as? [String] ?? []) == [lab, vendor])
            #expect((embargo["changes"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["proposed"])
            let listed = try #require(opened["participants"] as? [[String: Any]])
            #expect(listed.map { $0["organization_id"] as? String } == [lab, vendor])
            #expect(listed.first?["reporter"] as? Bool == true && listed.last?["status"] is NSNull)

            // Outsiders do not learn the case exists; readers may not negotiate.
            #expect(
                try await api.send(.get, "/v1/cases/\(caseID)/coordination", token: outsiderToken).status == .notFound)
            #expect(
                try await api.send(.post, "/v1/cases/\(caseID)/embargo/agreements", token: outsiderToken).status
                    == .notFound)
            #expect(
                try await api.send(.post, "/v1/cases/\(caseID)/embargo/agreements", token: vendorReader).status
                    == .forbidden)

            // The vendor asks for 2027-03-01 09:00 in New York: earlier, so no reason is needed.
            let shortened = try await api.send(
                .post, "/v1/cases/\(caseID)/embargo/proposals", token: vendorToken,
                json: Self.proposal("2027-03-01T09:00", zone: "America/New_York"))
            #expect(shortened.status == .ok, "\(shortened.text)")
            let date = try #require(shortened["public_date"] as? [String: Any])
            #expect(date["at"] as? String == "2027-03-01T14:00:00Z")
            #expect(shortened["agreed"] as? [String] == [vendor] && shortened["awaiting"] as? [String] == [lab])
            let agreed = try await api.send(.post, "/v1/cases/\(caseID)/embargo/agreements", token: labToken)
            #expect(agreed.status == .ok && (agreed["awaiting"] as? [String])?.isEmpty == true, "\(agreed.text)")
            #expect(
                try await api.send(.post, "/v1/cases/\(caseID)/embargo/agreements", token: labToken).code == "conflict")

            // A later date needs a reason; dates must be real, in the future and within the policy's year.
            let unexplained = try await api.send(
                .post, "/v1/cases/\(caseID)/embargo/proposals", token: labToken, json: Self.proposal("2027-05-01T09:00")
            )
            #expect(
                unexplained.status == .badRequest && unexplained["field"] as? String == "reason", "\(unexplained.text)")
            for (body, field) in [
                (Self.proposal("2026-12-01T09:00"), "public_date"),
                (Self.proposal("2028-06-01T09:00", reason: "more time"), "public_date"),
                (Self.proposal("2027-02-30T09:00"), "local"),
                (Self.proposal("2027-03-14T02:30", zone: "America/New_York"), "local"),
                (Self.proposal("2027-03-02T09:00", zone: "EST"), "time_zone"),
                (Self.proposal("2027-03-02 09:00"), "local"),
            ] {
                let refused = try await api.send(
                    .post, "/v1/cases/\(caseID)/embargo/proposals", token: labToken, json: body)
                #expect(
                    refused.status == .badRequest && refused["field"] as? String == field, "\(body): \(refused.text)")
            }
            let extended = try await api.send(
                .post, "/v1/cases/\(caseID)/embargo/proposals", token: labToken,
                json: Self.proposal("2027-05-01T09:00", zone: "Europe/Berlin", reason: "The vendor needs a release."))
            #expect(extended.status == .ok && extended["awaiting"] as? [String] == [vendor], "\(extended.text)")

            // Only coordinators end an embargo early, and they say why.
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(caseID)/embargo/end", token: vendorToken, json: #"{"reason": "exploited"}"#
                ).status == .forbidden)
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(caseID)/embargo/end", token: api.coordinatorToken, json: #"{"reason": " "}"#
                )["field"] as? String == "reason")
            let ended = try await api.send(
                .post, "/v1/cases/\(caseID)/embargo/end", token: api.coordinatorToken,
                json: #"{"reason": "Exploitation reported by a sector ISAC."}"#)
            #expect(ended.status == .ok && ended["state"] as? String == "ended_early", "\(ended.text)")
            #expect(
                (ended["changes"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
                    == ["proposed", "shortened", "agreed", "extended", "ended_early"])
            #expect(
                try await api.send(
                    .post, "/v1/cases/\(caseID)/embargo/proposals", token: labToken,
                    json: Self.proposal("2027-03-01T09:00")
                ).code == "conflict")

            // Each change is one commitment in the log, and the embargo reads back the same after the request.
            let kinds = try await api.loggedKinds().filter { $0.hasPrefix("embargo.") }
            #expect(
                kinds == [
                    "embargo.proposed", "embargo.shortened", "embargo.agreed", "embargo.extended",
                    "embargo.ended_early",
                ])
            let reread = try await api.send(.get, "/v1/cases/\(caseID)/coordination", token: labToken)
            #expect(((reread["embargo"] as? [String: Any])?["changes"] as? [Any])?.count == 5)
            let audited = try await api.auditEvents().map(\.action.rawValue)
            #expect(audited.filter { $0.hasPrefix("embargo.") }.count >= 5)
        }
    }

    /// A case whose CVE CISA lists as exploited gets the policy's short embargo.
    @Test func aKnownExploitedCaseGetsTheShortEmbargo() async throws {
        try await TestAPI.run(.sqlite) { api in
            let kev = try await api.send(
                .post, "/v1/kev/import", token: api.coordinatorToken, json: PrioritiesAPITests.kev)
            #expect(kev.status == .ok, "\(kev.text)")
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let caseID = try await Self.validatedCase(
                api, reporterToken: labToken, vendor: vendor, aliases: #"["cve-2024-0002"]"#)
            let coordination = try await api.send(.get, "/v1/cases/\(caseID)/coordination", token: labToken)
            let embargo = try #require(coordination["embargo"] as? [String: Any], "\(coordination.text)")
            #expect((embargo["public_date"] as? [String: Any])?["local"] as? String == "2027-01-22T08:00")
            #expect(
                (embargo["changes"] as? [[String: Any]])?.first?["reason"] as? String == "policy: known to be exploited"
            )
        }
    }

    @Test(arguments: engines)
    func participantsSayWhereTheyStand(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let vendor = try await api.createOrganization(name: "Demo Inc", kind: "vendor")
            let vendorToken = try await api.mintToken(for: vendor, role: "analyst").token
            let caseID = try await Self.validatedCase(api, reporterToken: labToken, vendor: vendor)
            let path = "/v1/cases/\(caseID)/participants/\(vendor)/status"

            // VEX asks a justification or a statement of `not_affected`.
            let bare = try await api.send(.put, path, token: vendorToken, json: #"{"status": "not_affected"}"#)
            #expect(bare.status == .badRequest && bare["field"] as? String == "statement", "\(bare.text)")
            for (body, field) in [
                (#"{"status": "broken"}"#, "status"),
                (#"{"status": "affected", "justification": "component_not_present"}"#, "justification"),
                (#"{"status": "not_affected", "justification": "because"}"#, "justification"),
                (#"{"status": "affected", "statement": "a\u0000b"}"#, "statement"),
            ] {
                let refused = try await api.send(.put, path, token: vendorToken, json: body)
                #expect(
                    refused.status == .badRequest && refused["field"] as? String == field, "\(body): \(refused.text)")
            }
            #expect(
                try await api.send(.put, path, token: vendorToken, json: #"{"status": "fixed", "extra": 1}"#).status
                    == .badRequest)
            // Only the vendor speaks for itself (or a coordinator for it); the reporter may not.
            #expect(try await api.send(.put, path, token: labToken, json: #"{"status": "fixed"}"#).status == .forbidden)
            #expect(
                try await api.send(
                    .put, "/v1/cases/\(caseID)/participants/\(lab)/status", token: labToken,
                    json: #"{"status": "fixed"}"#
                ).status == .notFound)

            let given = try await api.send(
                .put, path, token: vendorToken,
                json:
                    #"{"status": "not_affected", "justification": "vulnerable_code_not_in_execute_path", "statement": "The parser is not built in our product."}"#
            )
            #expect(given.status == .ok && given["justification"] as? String == "vulnerable_code_not_in_execute_path")
            let fixed = try await api.send(
                .put, path, token: api.coordinatorToken, json: #"{"status": "fixed", "statement": "Fixed in 1.1."}"#)
            #expect(fixed.status == .ok && fixed["justification"] is NSNull, "\(fixed.text)")
            let coordination = try await api.send(.get, "/v1/cases/\(caseID)/coordination", token: labToken)
            let listed = (coordination["participants"] as? [[String: Any]]) ?? []
            let status = listed.first { $0["organization_id"] as? String == vendor }?["status"] as? [String: Any]
            #expect(status?["status"] as? String == "fixed" && status?["statement"] as? String == "Fixed in 1.1.")
            #expect(try await api.loggedKinds().filter { $0 == "case.participant_status" }.count == 2)
        }
    }

    /// Coordinators are shown the verified vendors whose registered products the case names.
    @Test func coordinatorsAreShownTheVendorsOfTheCasePackages() async throws {
        try await TestAPI.run(.sqlite) { api in
            let lab = try await api.createOrganization(name: "Lab", kind: "researcher")
            let labToken = try await api.mintToken(for: lab, role: "analyst").token
            let maintainer = try await api.createOrganization(name: "Demo Maintainers", kind: "vendor")
            let unverified = try await api.createOrganization(name: "Demo Fork", kind: "vendor", verify: false)
            let elsewhere = try await api.createOrganization(name: "Widgets", kind: "vendor")
            for (organization, product) in [
                (maintainer, #"{"type": "pypi", "name": "demo"}"#), (unverified, #"{"type": "pypi", "name": "demo"}"#),
                (elsewhere, #"{"type": "npm", "name": "widget"}"#),
            ] {
                let set = try await api.send(
                    .put, "/v1/organizations/\(organization)/products", token: api.coordinatorToken,
                    json: #"{"products": [\#(product)]}"#)
                #expect(set.status == .ok, "\(set.text)")
            }
            let caseID = try await Self.reportedCase(api, reporterToken: labToken)

            let suggested = try await api.send(
                .get, "/v1/cases/\(caseID)/participants/suggestions", token: api.coordinatorToken)
            let vendors = (suggested["vendors"] as? [[String: Any]]) ?? []
            #expect(vendors.map { $0["organization_id"] as? String } == [maintainer], "\(suggested.text)")
            #expect(vendors.first?["products"] as? [String] == ["pkg:pypi/demo"])
            #expect(
                try await api.send(.get, "/v1/cases/\(caseID)/participants/suggestions", token: labToken).status
                    == .forbidden)
            _ = try await api.send(
                .post, "/v1/cases/\(caseID)/participants", token: api.coordinatorToken,
                json: #"{"organization_id": "\#(maintainer)"}"#)
            let after = try await api.send(
                .get, "/v1/cases/\(caseID)/participants/suggestions", token: api.coordinatorToken)
            #expect((after["vendors"] as? [Any])?.isEmpty == true, "\(after.text)")
        }
    }
}
