import ClearinghouseCore
import ClearinghouseWorkflows
import Hummingbird

/// The TUF repository of published advisories and their patches (The Update Framework 1.0, consistent snapshots):
/// metadata at `/tuf/metadata/` and targets at `/tuf/targets/`, which a client such as python-tuf's `ngclient.Updater` reads
/// with full verification. Anyone reads it, as anyone reads published advisories.
struct TUFController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        let store = environment.workflows.store
        routes.on(.get, "/tuf/metadata/{file}") { _, context in
            let name = try context.parameters.require("file")
            let document = try await TUFRepositoryWorkflows.metadata(named: name, store: store)
            // Versioned files never change; `timestamp.json` and a role's newest version do.
            let versioned = name.first?.isNumber == true
            return Self.file(document.text, cacheControl: versioned ? Self.immutable : "no-cache")
        }
        routes.on(.get, "/tuf/targets/**", documentedAs: "/tuf/targets/{path}") { _, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            switch try await TUFRepositoryWorkflows.target(at: path, store: store) {
            case .document(let text):
                return Self.file(text, cacheControl: Self.immutable)
            case .patch(let bytes):
                // Bytes, whatever their uploader declared, so that no browser runs them as a page.
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/octet-stream", .cacheControl: Self.immutable,
                        .contentDisposition: "attachment",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
    }

    static let immutable = "public, max-age=31536000, immutable"

    private static func file(_ text: String, cacheControl: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: cacheControl],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
