import ClearinghouseCore
import Foundation
import Hummingbird

extension Request {
    /// The body's media type, lower-case and without parameters; `nil` when the request names none.
    var mediaType: String? {
        headers[.contentType].flatMap {
            $0.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
    }

    /// Reads a body of any type, up to a limit.
    ///
    /// - Parameter subject: what the body is, for messages (`the body`, `the SBOM`, `the import`).
    /// - Throws: A ``Problem``: 413 over the limit.
    func collect(limit: Int, describing subject: String) async throws -> Data {
        Data(buffer: try await collectBuffer(limit: limit, describing: subject))
    }

    private func collectBuffer(limit: Int, describing subject: String) async throws -> ByteBuffer {
        let tooLarge = Problem(
            .contentTooLarge, code: .payloadTooLarge,
            detail:
                "\(subject.prefix(1).uppercased() + subject.dropFirst()) is larger than this route accepts (\(limit) bytes)."
        )
        // A declared length over the limit is refused before a byte of the body is read.
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw tooLarge
        }
        do {
            return try await body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        }
    }

    /// Reads a body that must be JSON by its media type (`application/json` or any `+json` type, such as
    /// `application/vnd.cyclonedx+json` or `application/spdx+json`; a body without a type is taken as JSON).
    ///
    /// - Throws: A ``Problem``: 415 for another media type, 413 over the limit.
    func collectJSON(limit: Int, describing subject: String) async throws -> Data {
        try requireJSONMediaType(describing: subject)
        return try await collect(limit: limit, describing: subject)
    }

    private func requireJSONMediaType(describing subject: String) throws {
        if let mediaType, mediaType != "application/json" && !mediaType.hasSuffix("+json") {
            throw Problem(
                .unsupportedMediaType, code: .unsupportedMediaType,
                detail:
                    "Send \(subject) as JSON (`application/json` or a `+json` type); got `\(headers[.contentType] ?? "")`."
            )
        }
    }

    /// Reads a JSON document body as bytes, for a reader that keeps what it needs and not the text (findings).
    ///
    /// - Throws: A ``Problem`` as ``collectJSON(limit:describing:)`` does, and 400 for an empty body.
    func collectJSONDocument(limit: Int, kind: String) async throws -> Data {
        let data = try await collectJSON(limit: limit, describing: "the \(kind)")
        guard !data.isEmpty else {
            throw ClearinghouseError(.invalidRequest, "The request needs the \(kind) as its body.")
        }
        return data
    }

    /// Reads a JSON document body as the text it is stored as, holding one copy of the body in memory (an SBOM, a
    /// VEX document: JSON is UTF-8, and a body that is not is refused rather than repaired).
    ///
    /// - Throws: A ``Problem`` as ``collectJSON(limit:describing:)`` does, and 400 for an empty body or one that is
    ///   not UTF-8.
    private func collectJSONDocumentText(limit: Int, kind: String) async throws -> String {
        try requireJSONMediaType(describing: "the \(kind)")
        let buffer = try await collectBuffer(limit: limit, describing: "the \(kind)")
        guard buffer.readableBytes > 0 else {
            throw ClearinghouseError(.invalidRequest, "The request needs the \(kind) as its body.")
        }
        guard let text = buffer.withUnsafeReadableBytes({ String(validating: $0, as: UTF8.self) }) else {
            throw ClearinghouseError(.invalidRequest, "The \(kind) is not UTF-8 text; JSON is written in UTF-8.")
        }
        return text
    }

    /// Reads a JSON document body to be stored as received (an SBOM, a VEX document), and reads it with `read`
    /// through a borrowed view of its text, so that the body is in memory once.
    ///
    /// - Throws: A ``Problem`` as ``collectJSONDocumentText(limit:kind:)`` does, and 400 with the reader's message
    ///   for a document it refuses.
    func collectStoredDocument<Parsed, Failure: Error & CustomStringConvertible>(
        limit: Int, kind: String, read: (Data) throws(Failure) -> Parsed
    ) async throws -> (StoredDocument, Parsed) {
        let text = try await collectJSONDocumentText(limit: limit, kind: kind)
        do {
            return (StoredDocument(text: text), try text.withUTF8Data(read))
        } catch {
            throw ClearinghouseError(.invalidRequest, error.description)
        }
    }
}
