import ClearinghouseCore
import Foundation
import Hummingbird

extension Request {
    /// Reads a JSON document body (an SBOM, a VEX document) as bytes.
    ///
    /// - Throws: A ``Problem``: 415 for a body that is not JSON by its media type (`application/json` or any
    ///   `+json` type, such as `application/vnd.cyclonedx+json` or `application/spdx+json`), 413 over the limit,
    ///   400 for an empty body.
    func collectJSONDocument(limit: Int, kind: String) async throws -> Data {
        if let contentType = headers[.contentType] {
            let mediaType = contentType.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
                throw Problem(
                    .unsupportedMediaType, code: .unsupportedMediaType,
                    detail: "Send the \(kind) as JSON (`application/json` or a `+json` type); got `\(contentType)`.")
            }
        }
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(
                .contentTooLarge, code: .payloadTooLarge,
                detail: "The \(kind) is larger than this server accepts (\(limit) bytes).")
        }
        guard buffer.readableBytes > 0 else {
            throw ClearinghouseError(.invalidRequest, "The request needs the \(kind) as its body.")
        }
        return Data(buffer: buffer)
    }
}
