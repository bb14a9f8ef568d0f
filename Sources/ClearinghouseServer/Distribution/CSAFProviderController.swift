import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import Synchronization

/// The published advisories as a CSAF 2.0 provider serves them (section 7.1): `provider-metadata.json` at the
/// well-known URL, and the TLP:WHITE directory with its year folders, `index.txt`, `changes.csv`, hashes and, with
/// a signing key, OpenPGP signatures and the key's certificate. Anyone reads them, as anyone reads published
/// advisories; CSAF aggregators and tools such as `csaf_downloader` start from the metadata.
struct CSAFProviderController {
    let environment: APIEnvironment
    /// Every published advisory's entry, as read when the catalogs stood at a change: listing them all reads every
    /// advisory, so an anonymous caller repeating `index.txt` reads them again only after a publication.
    private let listed = ListedEntries()

    func register(on routes: RouteTable) {
        routes.on(.get, "/.well-known/csaf/provider-metadata.json", use: providerMetadata)
        routes.on(.get, "\(CSAFProviderLayout.directoryPath)/index.txt", use: index)
        routes.on(.get, "\(CSAFProviderLayout.directoryPath)/changes.csv", use: changes)
        routes.on(.get, "\(CSAFProviderLayout.directoryPath)/{year}/{file}", use: file)
        routes.on(.get, "/.well-known/csaf/openpgp/{file}", use: certificate)
    }

    private var provider: CSAFProviderWorkflows { CSAFProviderWorkflows(environment.workflows) }
    private var key: OpenPGPSigningKey? { environment.configuration.csafSigningKey }

    /// `GET /.well-known/csaf/provider-metadata.json`.
    @Sendable func providerMetadata(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = request.publicBase
        let latest = try await entries().map(\.currentRelease).max()
        let metadata = CSAFProviderLayout.providerMetadata(
            base: base, publisher: PublishedAdvisoriesController.csafPublisher(base: base),
            lastUpdated: latest ?? environment.dependencies.now(),
            key: key.map { ($0.fingerprint, "\(base)/.well-known/csaf/openpgp/\($0.fingerprint).asc") })
        return Self.text(metadata.canonicalText, type: "application/json")
    }

    /// `GET /.well-known/csaf/white/index.txt`.
    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.text(CSAFProviderLayout.index(try await entries()), type: "text/plain; charset=utf-8")
    }

    /// `GET /.well-known/csaf/white/changes.csv`.
    @Sendable func changes(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.text(CSAFProviderLayout.changes(try await entries()), type: "text/csv; charset=utf-8")
    }

    /// `GET /.well-known/csaf/white/{year}/{file}`: a document (`chx-2026-0001.json`), its `.sha256` and `.sha512`,
    /// and its `.asc` signature when the instance signs.
    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let year = try context.parameters.require("year")
        let file = try context.parameters.require("file")
        let (name, suffix) = Self.split(file)
        guard let draft = try await provider.advisory(at: "\(year)/\(name)") else {
            throw ClearinghouseError.notFound("CSAF document")
        }
        let document = try PublishedAdvisoriesController.csafText(draft, .securityAdvisory, base: request.publicBase)
        switch suffix {
        case nil:
            return Self.text(String(decoding: document, as: UTF8.self), type: "application/json")
        case "asc"?:
            guard let key else { throw ClearinghouseError.notFound("CSAF document") }
            return Self.text(
                key.detachedSignature(of: document, at: draft.csafCurrentRelease), type: "application/pgp-signature")
        case let suffix?:
            guard let algorithm = CSAFProviderLayout.HashAlgorithm(rawValue: suffix) else {
                throw ClearinghouseError.notFound("CSAF document")
            }
            return Self.text(algorithm.file(of: document, named: name), type: "text/plain; charset=utf-8")
        }
    }

    /// `GET /.well-known/csaf/openpgp/{FINGERPRINT}.asc`: the signing key's certificate.
    @Sendable func certificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let key, try context.parameters.require("file") == "\(key.fingerprint).asc" else {
            throw ClearinghouseError.notFound("OpenPGP key")
        }
        return Self.text(key.certificate, type: "application/pgp-keys")
    }

    /// The directory's entries, read again when the catalogs have moved since they were last read.
    private func entries() async throws -> [CSAFProviderLayout.Entry] {
        let sequence = environment.catalogs.follower.sequence
        if let kept = listed.state.withLock({ $0 }), kept.sequence == sequence { return kept.entries }
        let entries = try await provider.entries()
        listed.state.withLock { current in
            if (current?.sequence ?? -1) <= sequence { current = (sequence, entries) }
        }
        return entries
    }

    /// The entries last read, with the catalogs' position when they were.
    private final class ListedEntries: Sendable {
        let state = Mutex<(sequence: Int64, entries: [CSAFProviderLayout.Entry])?>(nil)
    }

    /// A file name as the document's name and what follows `.json` (`sha256`, `sha512`, `asc`), if anything.
    private static func split(_ file: String) -> (name: String, suffix: String?) {
        guard let range = file.range(of: ".json", options: .backwards) else { return (file, nil) }
        let rest = file[range.upperBound...]
        if rest.isEmpty { return (file, nil) }
        guard rest.hasPrefix(".") else { return (file, "") }
        return (String(file[..<range.upperBound]), String(rest.dropFirst()))
    }

    private static func text(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=60"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
