import Foundation
import HTTPTypes
import JSONSupport
import Testing

/// The contract check that every HTTP test's answers pass through catches what it is there to catch.
@Suite struct ContractCheckTests {
    let contract = OpenAPIContract.shared
    let json: HTTPFields = [.contentType: "application/json"]
    let problem: HTTPFields = [.contentType: "application/problem+json"]

    @Test func pathsMatchTheirTemplatesLiteralSegmentsFirst() {
        #expect(contract.template(of: "/v1/validation-jobs/claim") == "/v1/validation-jobs/claim")
        #expect(contract.template(of: "/v1/validation-jobs/0190c1a8-0000-7000-8000-000000000000") == "/v1/validation-jobs/{id}")
        #expect(contract.template(of: "/v1/cases?limit=2") == "/v1/cases")
        #expect(contract.template(of: "/tile/0/x001/002.p/3") == "/tile/{path}")
        #expect(contract.template(of: "/v1/nothing") == nil)
    }

    @Test func aBodyThatBreaksItsSchemaIsReported() {
        let missing = contract.violations(
            method: .get, path: "/ready", status: .ok, headers: json,
            body: #"{"status": "ready", "database": "oracle", "change_sequence": -1, "catalogs": []}"#)
        #expect(missing.contains { $0.contains("$.database") && $0.contains("not one of") })
        #expect(missing.contains { $0.contains("$.change_sequence") && $0.contains("minimum") })
        let untyped = contract.violations(
            method: .get, path: "/ready", status: .ok, headers: json, body: #"{"status": "ready"}"#)
        #expect(untyped.contains { $0.contains("`database` is required") })
        let good = contract.violations(
            method: .get, path: "/ready", status: .ok, headers: json,
            body: #"{"status": "ready", "database": "sqlite", "change_sequence": 3, "catalogs": [{"name": "exposure", "records": 2}]}"#)
        #expect(good.isEmpty, "\(good)")
    }

    @Test func undocumentedStatusesMediaTypesPathsAndMethodsAreReported() {
        let problemBody =
            #"{"type": "urn:clearinghouse:problem:conflict", "title": "Conflict", "status": 409, "detail": "d", "code": "conflict", "request_id": "r"}"#
        #expect(
            contract.violations(method: .get, path: "/health", status: .conflict, headers: problem, body: problemBody)
                .contains { $0.contains("not a documented answer") })
        #expect(
            contract.violations(method: .get, path: "/ready", status: .ok, headers: [.contentType: "text/html"], body: "<p>")
                .contains { $0.contains("media type text/html") })
        #expect(
            contract.violations(method: .get, path: "/v1/nothing", status: .ok, headers: json, body: "{}")
                .contains { $0.contains("undocumented path") })
        #expect(
            contract.violations(method: .patch, path: "/health", status: .ok, headers: json, body: "{}")
                .contains { $0.contains("405 problem") })
        let notFound = problemBody.replacingOccurrences(of: "conflict", with: "route_not_found")
        #expect(contract.violations(method: .get, path: "/v1/nothing", status: .notFound, headers: problem, body: notFound).isEmpty)
        #expect(
            contract.violations(method: .get, path: "/v1/nothing", status: .notFound, headers: problem, body: "{}")
                .contains { $0.contains("`code` is required") })
    }

    /// Every schema of the document uses only keywords the check knows, so no part of the contract goes unchecked.
    @Test func theCheckKnowsEveryKeywordTheDocumentUses() {
        let validator = SchemaValidator(document: contract.document)
        var schemas: [JSONTree] = []
        func collect(_ node: JSONTree) {
            switch node {
            case .object(let members):
                if let schema = members["schema"] { schemas.append(schema) }
                members.values.forEach(collect)
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(contract.document)
        if case .object(let components) = contract.document["components"]?["schemas"] ?? .null {
            schemas += components.values
        }
        #expect(schemas.count > 100)
        let unknown = schemas.flatMap { schema in
            [JSONTree.null, .object([:]), .array([]), .string(""), .number("0"), .bool(true)].flatMap {
                validator.problems(of: $0, against: schema).filter { $0.contains("does not know the keyword") }
            }
        }
        #expect(unknown.isEmpty, "\(Set(unknown).sorted())")
    }
}

/// Methods a documented path does not document are answered 405, on every path, whoever asks.
@Suite struct UndeclaredMethodTests {
    @Test func everyUndeclaredMethodOfEveryDocumentedPathIsAnswered405() async throws {
        let contract = OpenAPIContract.shared
        guard case .object(let paths) = contract.document["paths"] ?? .null else {
            Issue.record("openapi.json has no paths")
            return
        }
        let methods: [HTTPRequest.Method] = [
            .get, .post, .put, .delete, .patch, .head, .options, .trace, HTTPRequest.Method("QUERY")!,
        ]
        try await TestAPI.run(.sqlite) { api in
            var checked = 0
            for (template, operations) in paths.sorted(by: { $0.key < $1.key }) {
                let path = template.replacingOccurrences(
                    of: #"\{[^}]+\}"#, with: "0190c1a8-0000-7000-8000-000000000000", options: .regularExpression)
                let served = { (method: HTTPRequest.Method) in
                    operations[method == .head ? "get" : method.rawValue.lowercased()] != nil
                }
                for method in methods where !served(method) {
                    for token in [nil, api.coordinatorToken] {
                        let reply = try await api.send(method, path, token: token)
                        #expect(reply.status == .methodNotAllowed, "\(method) \(path): \(reply.status)")
                        #expect(reply.headers[.allow]?.isEmpty == false, "\(method) \(path) names no allowed method")
                        checked += 1
                    }
                }
            }
            #expect(checked > 100)
        }
    }
}
