import Foundation
import HTTPTypes
import JSONSupport

@testable import ClearinghouseServer

/// The API's contract as `openapi.json` states it, held against every response the HTTP tests receive: the status
/// must be one the operation declares, and a JSON body must conform to the schema declared for that status and
/// media type. Requests to paths or methods the document does not describe must be answered with a problem.
struct OpenAPIContract: Sendable {
    /// The document in the repository, as the server serves it.
    static let shared: OpenAPIContract = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ClearinghouseServer/Resources/openapi.json")
        let data = (try? Data(contentsOf: url)) ?? Data()
        return OpenAPIContract(document: (try? JSONDecoder().decode(JSONTree.self, from: data)) ?? .null)
    }()

    let document: JSONTree
    private let templates: [(template: String, segments: [String])]

    init(document: JSONTree) {
        self.document = document
        let paths: [String: JSONTree] = if case .object(let paths) = document["paths"] ?? .null { paths } else { [:] }
        // Literal segments before parameters, so `/v1/validation-jobs/claim` wins over `/v1/validation-jobs/{id}`.
        // A trailing `/` (TAXII's paths end in one) is skipped, as the router skips it.
        templates = paths.keys.map { template in
            var segments = template.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if segments.count > 2, segments.last == "" { segments.removeLast() }
            return (template, segments)
        }
            .sorted { lhs, rhs in
                let left = lhs.segments.filter { $0.hasPrefix("{") }.count
                let right = rhs.segments.filter { $0.hasPrefix("{") }.count
                return left == right ? lhs.template < rhs.template : left < right
            }
    }

    /// The documented path that a request path falls under, if any. A last parameter named `path` takes the rest.
    func template(of path: String) -> String? {
        let bare = String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        // As the router reads a path: empty segments (`//`, a trailing `/`) are skipped.
        let segments = [""] + bare.split(separator: "/").map(String.init)
        for (template, pattern) in templates {
            if pattern.last == "{path}", segments.count >= pattern.count,
                zip(pattern.dropLast(), segments).allSatisfy({ $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 })
            {
                return template
            }
            guard pattern.count == segments.count else { continue }
            if zip(pattern, segments).allSatisfy({ $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 }) {
                return template
            }
        }
        return nil
    }

    /// What breaks the contract in a response, each as a sentence; empty when it holds.
    func violations(
        method: HTTPRequest.Method, path: String, status: HTTPResponse.Status, headers: HTTPFields, body: String
    ) -> [String] {
        let request = "\(method) \(path) → \(status.code)"
        let validator = SchemaValidator(document: document)
        let mediaType = headers[.contentType]?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let problem = SchemaValidator(document: document).resolve("#/components/schemas/Problem") ?? .null
        func bodyProblems(_ schema: JSONTree) -> [String] {
            guard let tree = try? JSONDecoder().decode(JSONTree.self, from: Data(body.utf8)) else {
                return ["\(request): the body is not JSON"]
            }
            return validator.problems(of: tree, against: schema).map { "\(request): \($0)" }
        }
        // The web interface's pages are outside the API; TestBrowser holds them to their own rules.
        if WebController.isPage(String(path.prefix { $0 != "?" })) { return [] }
        guard let template = template(of: path), let operations = document["paths"]?[template] else {
            guard status.code == 404, mediaType == "application/problem+json" else {
                return ["\(request): an undocumented path must be answered with a 404 problem"]
            }
            return method == .head ? [] : bodyProblems(problem)
        }
        let verb = method == .head ? "get" : method.rawValue.lowercased()
        guard var operation = operations[verb] else {
            guard status.code == 405, mediaType == "application/problem+json" else {
                return ["\(request): a method \(template) does not document must be answered with a 405 problem"]
            }
            return method == .head ? [] : bodyProblems(problem)
        }
        if case .string(let reference) = operation["$ref"] ?? .null, let target = validator.resolve(reference) {
            operation = target
        }
        guard var response = operation["responses"]?[String(status.code)] ?? operation["responses"]?["default"]
        else {
            return ["\(request): \(status.code) is not a documented answer of \(verb.uppercased()) \(template)"]
        }
        if case .string(let reference) = response["$ref"] ?? .null, let target = validator.resolve(reference) {
            response = target
        }
        guard let content = response["content"], method != .head, !body.isEmpty else {
            if body.isEmpty || method == .head { return [] }
            return ["\(request): a body where the document declares none"]
        }
        let wildcard = mediaType.map { String($0.prefix(while: { $0 != "/" })) + "/*" }
        guard let mediaType, let declared = content[mediaType] ?? wildcard.flatMap({ content[$0] }) ?? content["*/*"]
        else {
            return ["\(request): the media type \(mediaType ?? "none") is not declared for \(status.code)"]
        }
        guard mediaType.hasSuffix("json"), let schema = declared["schema"] else { return [] }
        return bodyProblems(schema)
    }
}
