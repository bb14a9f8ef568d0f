import ClearinghouseCore
import Foundation
import Hummingbird
import JSONSupport

/// A JSON request body whose top-level fields are exactly its coding keys: an unknown field is an error, so a
/// misspelt optional field is not silently ignored.
protocol JSONRequestBody: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// Whether an empty body means `{}`.
    static var emptyBodyAllowed: Bool { get }
    /// Whether the body is read as JSON whatever media type it is sent with, as osv.dev reads its queries
    /// (`curl -d` sends `application/x-www-form-urlencoded`). Only anonymous, read-only routes say so; every other
    /// route answers 415, so that no HTML form can post to it.
    static var readsAnyMediaType: Bool { get }
}

extension JSONRequestBody {
    static var emptyBodyAllowed: Bool { false }
    static var readsAnyMediaType: Bool { false }
}

extension Request {
    /// Reads and decodes a JSON body.
    ///
    /// - Parameters:
    ///   - type: The body's type.
    ///   - limit: The largest body accepted, in bytes.
    /// - Throws: A ``Problem``: 415 for a body that is not JSON by its media type (unless the body type
    ///   ``JSONRequestBody/readsAnyMediaType``), 413 for one over the limit,
    ///   400 naming the field for malformed JSON, wrong types, missing or unknown fields.
    func decodeJSON<Body: JSONRequestBody>(_ type: Body.Type, limit: Int) async throws -> Body {
        let data =
            try await Body.readsAnyMediaType
            ? collect(limit: limit, describing: "the body") : collectJSON(limit: limit, describing: "the body")
        return try Body.decode(from: data)
    }
}

extension JSONRequestBody {
    /// Decodes a body from its bytes, whatever they are: what ``Request/decodeJSON(_:limit:)`` does once it has
    /// collected them, and what the fuzz target `request-bodies` feeds.
    ///
    /// - Throws: A ``Problem`` (400) naming the field for malformed JSON, wrong types, missing or unknown fields.
    static func decode(from data: Data) throws -> Self {
        var data = data
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            guard emptyBodyAllowed else {
                throw Problem(.badRequest, code: .invalidRequest, detail: "The request needs a JSON object body.")
            }
            data = Data("{}".utf8)
        }
        if let problem = JSONNesting.problem(in: data) {
            throw Problem(.badRequest, code: .invalidRequest, detail: problem)
        }
        do {
            return try JSONCoding.decoder.decode(TopLevel<Self>.self, from: data).body
        } catch let error as DecodingError {
            // Only on this error path is the text parsed a second time, to tell JSON that is not valid apart.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) == nil
            {
                throw Problem(.badRequest, code: .invalidRequest, detail: "The request body is not valid JSON.")
            }
            throw Problem(decodingError: error)
        }
    }
}

/// A request body read in one pass over its JSON: the top level must be an object whose members the body names,
/// then the body decodes itself from it.
private struct TopLevel<Body: JSONRequestBody>: Decodable {
    let body: Body

    init(from decoder: any Decoder) throws {
        let members: KeyedDecodingContainer<MemberName>
        do {
            members = try decoder.container(keyedBy: MemberName.self)
        } catch DecodingError.typeMismatch {
            throw Problem(.badRequest, code: .invalidRequest, detail: "The request body must be a JSON object.")
        }
        let known = Set(Body.CodingKeys.allCases.map(\.stringValue))
        if let unknown = members.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            let accepted = known.sorted().map { "`\($0)`" }.joined(separator: ", ")
            throw Problem(
                .badRequest, code: .invalidField,
                detail: "Unknown field `\(unknown)`; this request accepts \(accepted).",
                field: unknown)
        }
        body = try Body(from: decoder)
    }
}

extension Problem {
    /// Says which field a decoding error concerns and what was wrong with it.
    init(decodingError error: DecodingError) {
        func path(_ codingPath: [any CodingKey], appending key: (any CodingKey)? = nil) -> String {
            var text = ""
            for component in codingPath + (key.map { [$0] } ?? []) {
                if let index = component.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? component.stringValue : "." + component.stringValue
                }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath, appending: key)
            self.init(.badRequest, code: .invalidField, detail: "Missing field `\(field)`.", field: field)
        case .typeMismatch(let expected, let context):
            let field = path(context.codingPath)
            self.init(
                .badRequest, code: .invalidField,
                detail: "Field `\(field)` must be \(Self.describe(expected)).", field: field)
        case .valueNotFound(let expected, let context):
            let field = path(context.codingPath)
            self.init(
                .badRequest, code: .invalidField,
                detail: "Field `\(field)` must be \(Self.describe(expected)), not null.", field: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            self.init(
                .badRequest, code: .invalidField, detail: "Field `\(field)` \(context.debugDescription).", field: field)
        @unknown default:
            self.init(.badRequest, code: .invalidRequest, detail: "The request body does not have the expected shape.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is Date.Type: "an RFC 3339 time string"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
