import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Every kind of bad request gets its 4xx problem, never a 500, and writes nothing.
@Suite struct BadInputTests {
    /// A bad request and the answer it must get.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let method: HTTPRequest.Method
        let path: String
        var token: Token = .coordinator
        var body: String? = nil
        var contentType: String? = "application/json"
        let status: HTTPResponse.Status
        let code: String
        var field: String? = nil

        enum Token: Sendable {
            case none, coordinator, garbage, unknown
        }

        var description: String { name }
    }

    static let organizationPath = "/v1/organizations"

    static let cases: [Case] = [
        Case(name: "unknown route", method: .get, path: "/v1/nothing-here", status: .notFound, code: "route_not_found"),
        Case(
            name: "wrong method", method: .delete, path: "/v1/organizations", status: .methodNotAllowed,
            code: "method_not_allowed"),
        Case(
            name: "malformed JSON", method: .post, path: organizationPath, body: #"{"name": "A", "#,
            status: .badRequest, code: "invalid_request"),
        Case(
            name: "JSON that is not an object", method: .post, path: organizationPath, body: "[1, 2]",
            status: .badRequest, code: "invalid_request"),
        Case(
            name: "empty body", method: .post, path: organizationPath, body: "", status: .badRequest,
            code: "invalid_request"),
        Case(
            name: "missing field", method: .post, path: organizationPath, body: #"{"kind": "vendor"}"#,
            status: .badRequest, code: "invalid_field", field: "name"),
        Case(
            name: "wrong type", method: .post, path: organizationPath, body: #"{"name": 7, "kind": "vendor"}"#,
            status: .badRequest, code: "invalid_field", field: "name"),
        Case(
            name: "null for a required field", method: .post, path: organizationPath,
            body: #"{"name": null, "kind": "vendor"}"#, status: .badRequest, code: "invalid_field", field: "name"),
        Case(
            name: "wrong nested type", method: .post, path: organizationPath,
            body: #"{"name": "A", "kind": "vendor", "contacts": [{"name": "B", "email": false}]}"#, status: .badRequest,
            code: "invalid_field", field: "contacts[0].email"),
        Case(
            name: "unknown field", method: .post, path: organizationPath,
            body: #"{"name": "A", "kind": "vendor", "secotr": "water"}"#, status: .badRequest, code: "invalid_field",
            field: "secotr"),
        Case(
            name: "unknown kind", method: .post, path: organizationPath, body: #"{"name": "A", "kind": "bank"}"#,
            status: .badRequest, code: "invalid_field", field: "kind"),
        Case(
            name: "operator without sector", method: .post, path: organizationPath,
            body: #"{"name": "A", "kind": "operator"}"#, status: .badRequest, code: "invalid_field", field: "sector"),
        Case(
            name: "wrong media type", method: .post, path: organizationPath, body: #"{"name": "A", "kind": "vendor"}"#,
            contentType: "text/plain", status: .unsupportedMediaType, code: "unsupported_media_type"),
        Case(
            name: "body too large", method: .post, path: organizationPath,
            body: #"{"name": "\#(String(repeating: "x", count: 5_000))", "kind": "vendor"}"#, status: .contentTooLarge,
            code: "payload_too_large"),
        Case(
            name: "bad expiry", method: .post, path: "/v1/organizations/{coordinator}/tokens",
            body: #"{"role": "admin", "expires_at": "next week"}"#, status: .badRequest, code: "invalid_field",
            field: "expires_at"),
        Case(
            name: "expiry in the past", method: .post, path: "/v1/organizations/{coordinator}/tokens",
            body: #"{"role": "admin", "expires_at": "2020-01-01T00:00:00Z"}"#, status: .badRequest,
            code: "invalid_field", field: "expires_at"),
        Case(
            name: "unknown role", method: .post, path: "/v1/organizations/{coordinator}/tokens",
            body: #"{"role": "root"}"#, status: .badRequest, code: "invalid_field", field: "role"),
        Case(
            name: "bad verify note", method: .post, path: "/v1/organizations/{coordinator}/verify",
            body: #"{"note": 5}"#, status: .badRequest, code: "invalid_field", field: "note"),
        Case(
            name: "no token", method: .post, path: organizationPath, token: .none,
            body: #"{"name": "A", "kind": "vendor"}"#, status: .unauthorized, code: "unauthenticated"),
        Case(
            name: "malformed token", method: .post, path: organizationPath, token: .garbage,
            body: #"{"name": "A", "kind": "vendor"}"#, status: .unauthorized, code: "unauthenticated"),
        Case(
            name: "unknown token", method: .post, path: organizationPath, token: .unknown,
            body: #"{"name": "A", "kind": "vendor"}"#, status: .unauthorized, code: "unauthenticated"),
        Case(
            name: "revoking a missing token", method: .delete, path: "/v1/tokens/00000000-0000-7000-8000-000000000000",
            status: .notFound, code: "not_found"),
        Case(
            name: "bad pagination limit", method: .get, path: "/v1/organizations?limit=9999", status: .badRequest,
            code: "invalid_field", field: "limit"),
        Case(
            name: "forged cursor", method: .get, path: "/v1/organizations?cursor=Zm9v", status: .badRequest,
            code: "invalid_cursor", field: "cursor"),
    ]

    @Test(arguments: engines)
    func everyBadRequestIsAClearProblemAndWritesNothing(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: { $0.maximumBodySize = 4_096 }) { api in
            for testCase in Self.cases {
                let organizations = try await api.organizationCount()
                let events = try await api.auditEvents().count
                var headers: HTTPFields = [:]
                if let contentType = testCase.contentType, testCase.body != nil {
                    headers[.contentType] = contentType
                }
                let token: String? =
                    switch testCase.token {
                    case .none: nil
                    case .coordinator: api.coordinatorToken
                    case .garbage: "not-a-token"
                    case .unknown: "chtok_0123456789abcdef_" + String(repeating: "A", count: 43)
                    }
                let path = testCase.path.replacingOccurrences(of: "{coordinator}", with: api.coordinator.id.rawValue)
                let reply = try await api.send(
                    testCase.method, path, token: token, json: testCase.body, headers: headers)
                #expect(reply.status == testCase.status, "\(testCase): \(reply.text)")
                #expect(reply.headers[.contentType] == "application/problem+json", "\(testCase)")
                #expect(reply.code == testCase.code, "\(testCase): \(reply.text)")
                #expect(reply["field"] as? String == testCase.field, "\(testCase): \(reply.text)")
                #expect(reply["type"] as? String == "urn:clearinghouse:problem:\(testCase.code)", "\(testCase)")
                #expect(reply["status"] as? Int == Int(testCase.status.code), "\(testCase)")
                #expect((reply["detail"] as? String)?.isEmpty == false, "\(testCase)")
                #expect(reply["title"] is String, "\(testCase)")
                #expect(try await api.organizationCount() == organizations, "\(testCase) wrote an organization")
                #expect(try await api.auditEvents().count == events, "\(testCase) wrote an audit event")
            }
        }
    }

    @Test func wrongMethodsNameTheAllowedOnes() async throws {
        try await TestAPI.run(.sqlite) { api in
            let reply = try await api.send(.put, "/v1/organizations/\(api.coordinator.id)", token: api.coordinatorToken)
            #expect(reply.status == .methodNotAllowed)
            #expect(reply.headers[.allow] == "GET, HEAD")
            let tokens = try await api.send(.patch, "/v1/organizations/\(api.coordinator.id)/tokens")
            #expect(tokens.headers[.allow] == "GET, POST, HEAD")
        }
    }

    /// Missing, malformed, unknown, expired and revoked tokens get the same answer.
    @Test(arguments: engines)
    func everyRefusedTokenGetsTheSameAnswer(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let vendor = try await api.createOrganization(name: "Vendor")
            let expiring = try await api.mintToken(for: vendor, role: "reader", expiresAt: "2027-01-15T08:30:00Z").token
            let revoked = try await api.mintToken(for: vendor, role: "reader")
            try await api.send(.delete, "/v1/tokens/\(revoked.id)", token: api.coordinatorToken)
            api.clock.advance(by: 3_600)
            let valid = api.coordinatorToken
            let wrongSecret = String(valid.dropLast(4)) + (valid.hasSuffix("AAAA") ? "BBBB" : "AAAA")
            let headers: [String?] = [
                nil, "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not-a-token", "Bearer \(wrongSecret)",
                "Bearer \(expiring)", "Bearer \(revoked.token)", "bearer  \(expiring)",
            ]
            var bodies: Set<String> = []
            for header in headers {
                var fields: HTTPFields = [:]
                if let header { fields[.authorization] = header }
                let reply = try await api.send(.get, "/v1/me", headers: fields)
                #expect(reply.status == .unauthorized, "\(header ?? "no header")")
                #expect(reply.headers[.wwwAuthenticate] == #"Bearer realm="clearinghouse""#)
                bodies.insert(reply.withoutRequestID)
            }
            #expect(bodies.count == 1)
            #expect(try await api.send(.get, "/v1/me", token: valid).status == .ok)
        }
    }
}
