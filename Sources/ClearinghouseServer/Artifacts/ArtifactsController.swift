import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import HTTPTypes
import Hummingbird

/// Proof-of-vulnerability artifacts: stored once per content, named by SHA-256, readable by their uploaders and by
/// those who may see a case whose findings cite them.
struct ArtifactsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/artifacts", use: upload)
        routes.on(.get, "/v1/artifacts/{digest}", use: download)
    }

    /// `POST /v1/artifacts[?sha256=HEX]`: the artifact's bytes as the body, in any media type. With `sha256`, the
    /// upload is refused unless the bytes have that digest. Answers `201` with `{"sha256", "size", "media_type",
    /// "created_at"}`.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        let requester = environment.requester(context)
        let artifacts = ArtifactWorkflows(environment.workflows)
        try await artifacts.authorizeUpload(by: requester)
        let content = try await request.collect(
            limit: environment.configuration.maximumArtifactSize, describing: "the artifact")
        guard !content.isEmpty else {
            throw ClearinghouseError(.invalidRequest, "The request needs the artifact's bytes as its body.")
        }
        let digest = ArtifactDigest(of: content)
        if let expected = request.uri.queryParameters["sha256"] {
            guard let expectedDigest = ArtifactDigest(String(expected)) else {
                throw ClearinghouseError.invalidField("sha256", "`sha256` must be 64 hexadecimal digits.")
            }
            guard expectedDigest == digest else {
                throw ClearinghouseError.invalidField(
                    "sha256", "The body's SHA-256 is \(digest.hex), not \(expectedDigest.hex); the upload was damaged.")
            }
        }
        let stored = try await artifacts.upload(
            content, mediaType: try Self.mediaType(request.mediaType), by: requester)
        return .json(stored, status: .created, headers: [.location: "/v1/artifacts/\(digest)"])
    }

    /// `GET /v1/artifacts/{digest}`: the bytes, in the media type they were uploaded as.
    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireMember()
        guard let digest = context.parameters.decoded("digest").flatMap(ArtifactDigest.init) else {
            throw ClearinghouseError.notFound("artifact")
        }
        let (artifact, content) = try await ArtifactWorkflows(environment.workflows).download(
            digest, by: environment.requester(context))
        var headers: HTTPFields = [.contentType: artifact.mediaType, .eTag: "\"\(digest.hex)\""]
        headers[.cacheControl] = "private, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: content)))
    }

    /// The declared media type (``Request/mediaType``), checked; `application/octet-stream` when none is declared.
    static func mediaType(_ declared: String?) throws(ClearinghouseError) -> String {
        guard let type = declared, !type.isEmpty else { return "application/octet-stream" }
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && !$0.isWhitespace } }),
            type.utf8.count <= 200
        else {
            throw ClearinghouseError.invalidField(
                "Content-Type", "`Content-Type` must be a media type such as `application/zip`.")
        }
        return type
    }
}
