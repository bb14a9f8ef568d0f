/// The OpenAPI 3.1 description of the HTTP API, served at `/openapi.json`.
///
/// The document lives in `Sources/ClearinghouseServer/Resources/openapi.json` and is compiled into the binary,
/// so that a copied executable still serves it. A test fails when a served route is missing from it.
public enum OpenAPIDocument {
    /// The document's bytes.
    public static var bytes: [UInt8] { PackageResources.openapi_json }
}
