import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import HTTPTypes
import Hummingbird
import JSONSupport

/// A TAXII 2.1 server (OASIS TAXII Version 2.1) for the published advisories: discovery at `/taxii2/`, one API
/// root, one read-only collection whose objects are the advisories' STIX 2.1 `vulnerability` objects, paged in the
/// order they were added, with their manifest and versions. Anyone reads it, as anyone reads published advisories.
struct TAXIIController {
    let environment: APIEnvironment
    /// Object and manifest pages as served, until the catalogs move.
    let pages = TAXIIPageCache()
    /// Each advisory's STIX object, written once.
    let stixObjects = STIXObjectCache()

    static let mediaType = "application/taxii+json;version=2.1"
    static let stixMediaType = "application/stix+json;version=2.1"
    /// The collection of published advisories (a fixed id: clients keep it).
    static let collectionID = "9d5c1a8e-3f2b-4c6d-8e7a-1b0c2d3e4f5a"

    func register(on routes: RouteTable) {
        let collection = "/taxii2/api/collections/{collection}/"
        routes.on(.get, "/taxii2/", use: discovery)
        routes.on(.get, "/taxii2/api/", use: apiRoot)
        routes.on(.get, "/taxii2/api/collections/", use: collections)
        routes.on(.get, collection, use: self.collection)
        routes.on(.get, collection + "objects/", use: objects)
        routes.on(.get, collection + "objects/{object}/", use: object)
        routes.on(.get, collection + "objects/{object}/versions/", use: versions)
        routes.on(.get, collection + "manifest/", use: manifest)
    }

    var publication: PublicationWorkflows { PublicationWorkflows(environment.workflows) }

    /// `GET /taxii2/`: the server's one API root.
    @Sendable func discovery(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request) {
            let root = request.publicBase + "/taxii2/api/"
            return (
                .object([
                    "title": .string("Clearinghouse"),
                    "description": .string("The advisories this clearinghouse published, as STIX 2.1."),
                    "default": .string(root), "api_roots": .array([.string(root)]),
                ]), [:]
            )
        }
    }

    /// `GET /taxii2/api/`.
    @Sendable func apiRoot(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request) {
            (
                .object([
                    "title": .string("Published advisories"),
                    "versions": .array([.string(Self.mediaType)]),
                    "max_content_length": .integer(Int64(environment.configuration.maximumBodySize)),
                ]), [:]
            )
        }
    }

    /// `GET /taxii2/api/collections/`.
    @Sendable func collections(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request) { (.object(["collections": .array([Self.collectionResource])]), [:]) }
    }

    /// `GET /taxii2/api/collections/{id}/`.
    @Sendable func collection(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request) {
            try Self.checkCollection(context)
            return (Self.collectionResource, [:])
        }
    }

    /// `GET …/objects/`: an envelope of the advisories' objects in the order they were added, with `more` and
    /// `next`, and the `X-TAXII-Date-Added-First` and `-Last` headers.
    @Sendable func objects(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request, cachedAs: "objects") {
            try Self.checkCollection(context)
            let (listed, next) = try await page(request)
            let objects = try await stixObjects.objects(listed.map(\.id)) { try await publication.advisories($0) }
            // The envelope in canonical JSON (members in code-point order: more, next, objects), around the
            // objects' texts as they were written once.
            var body = #"{"more":\#(next != nil)"#
            if let next { body += #","next":"# + JSONTree.string(TAXIIFilters.token(next)).canonicalText }
            if !objects.isEmpty { body += #","objects":["# + objects.joined(separator: ",") + "]" }
            return (body + "}", Self.dateHeaders(listed))
        }
    }

    /// `GET …/manifest/`: what `objects` would answer, as ids, dates added, versions and media types.
    @Sendable func manifest(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request, cachedAs: "manifest") {
            try Self.checkCollection(context)
            let (listed, next) = try await page(request)
            var envelope: [String: JSONTree] = ["more": .bool(next != nil)]
            if let next { envelope["next"] = .string(TAXIIFilters.token(next)) }
            if !listed.isEmpty {
                envelope["objects"] = .array(
                    listed.map { listing in
                        .object([
                            "id": .string(listing.stixID), "date_added": .string(Self.timestamp(listing.published)),
                            "version": .string(Self.timestamp(listing.published)),
                            "media_type": .string(Self.stixMediaType),
                        ])
                    })
            }
            return (JSONTree.object(envelope).canonicalText, Self.dateHeaders(listed))
        }
    }

    /// `GET …/objects/{id}/`: an envelope holding the object.
    @Sendable func object(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request) {
            try Self.checkCollection(context)
            let draft = try await found(context, request)
            return (
                .object(["more": .bool(false), "objects": .array([draft.stixVulnerability()])]),
                Self.dateHeaders([draft.published])
            )
        }
    }

    /// `GET …/objects/{id}/versions/`: the object's one version.
    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request) {
            try Self.checkCollection(context)
            let draft = try await found(context, request)
            let version = JSONTree.string(Self.timestamp(TAXIIFilters.version(of: draft)))
            return (
                .object(["more": .bool(false), "versions": .array([version])]), Self.dateHeaders([draft.published])
            )
        }
    }

    /// The most reads of the collection one request makes: a filter that keeps little cannot make an anonymous
    /// request read everything published.
    static let maximumReads = 10

    /// One page of the advisories the request's filters keep, and where the next page starts when there may be
    /// more: after the last kept, or, when the reads ran out first, after the last read.
    private func page(
        _ request: Request
    ) async throws
        -> (listed: [PublishedAdvisoryRepository.Listing], next: PublishedAdvisoryRepository.AddedPosition?)
    {
        let filters = try TAXIIFilters(Self.query(request))
        guard filters.mayMatchAnything else { return ([], nil) }
        var kept: [PublishedAdvisoryRepository.Listing] = []
        var position = filters.start
        for _ in 0..<Self.maximumReads {
            let read = try await publication.listings(after: position, limit: filters.limit + 1)
            for listing in read where filters.matches(listing) {
                if kept.count == filters.limit, let last = kept.last {
                    return (kept, TAXIIFilters.position(after: last))
                }
                kept.append(listing)
            }
            guard read.count == filters.limit + 1, let last = read.last else { return (kept, nil) }
            position = TAXIIFilters.position(after: last)
        }
        return (kept, position)
    }

    /// The advisory the path's object id names, if it passes the request's filters.
    private func found(_ context: AppRequestContext, _ request: Request) async throws -> AdvisoryDraft {
        let filters = try TAXIIFilters(Self.query(request))
        guard let id = context.parameters.get("object"), id.utf8.count <= 128,
            let draft = try await publication.advisory(stixID: id), filters.matches(draft)
        else { throw ClearinghouseError.notFound("object") }
        return draft
    }

    private static var collectionResource: JSONTree {
        .object([
            "id": .string(collectionID), "title": .string("Published advisories"),
            "description": .string("Every advisory this clearinghouse published, as a STIX 2.1 vulnerability object."),
            "can_read": .bool(true), "can_write": .bool(false), "media_types": .array([.string(stixMediaType)]),
        ])
    }

    private static func checkCollection(_ context: AppRequestContext) throws(ClearinghouseError) {
        guard context.parameters.get("collection") == collectionID else { throw .notFound("collection") }
    }

    /// Answers with a JSON tree, as ``answer(_:cachedAs:_:)`` does with its text, kept nowhere.
    private func answer(
        _ request: Request, _ make: () async throws -> (JSONTree, [String: String])
    ) async throws -> Response {
        try await answer(request, cachedAs: nil) {
            let (tree, headers) = try await make()
            return (tree.canonicalText, headers)
        }
    }

    /// Answers with the TAXII media type and a body already written as canonical JSON, or with a TAXII error
    /// message (section 3.6.1) for what goes wrong; a client that accepts neither TAXII 2.1 nor anything gets 406.
    ///
    /// - Parameter route: for a page of the collection, the route's name: the answer is kept in ``pages`` by it
    ///   and the query (for the catalogs' position read before the page is), and served from there while the
    ///   catalogs stay at that position.
    private func answer(
        _ request: Request, cachedAs route: String?, _ make: () async throws -> (String, [String: String])
    ) async throws -> Response {
        guard Self.accepts(request.headers[.accept]) else {
            return Self.error(.notAcceptable, "Not acceptable", "This server answers `\(Self.mediaType)`.")
        }
        let key = route.map { "\($0)?\(request.uri.query ?? "")" }
        let sequence = environment.catalogs.follower.sequence
        do {
            let page: TAXIIPageCache.Page
            if let key, let kept = pages.page(for: key, at: sequence) {
                page = kept
            } else {
                let (body, extra) = try await make()
                page = TAXIIPageCache.Page(body: ByteBuffer(string: body), headers: extra)
                if let key { pages.store(page, for: key, at: sequence) }
            }
            var headers: HTTPFields = [.contentType: Self.mediaType]
            for (name, value) in page.headers { if let field = HTTPField.Name(name) { headers[field] = value } }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: page.body))
        } catch let error as ClearinghouseError where error.code == .notFound {
            return Self.error(.notFound, "Not found", error.message)
        } catch let error as ClearinghouseError
            where [.invalidField, .invalidRequest, .invalidCursor].contains(error.code)
        {
            return Self.error(.badRequest, "Bad request", error.message)
        }
    }

    private static func error(_ status: HTTPResponse.Status, _ title: String, _ description: String) -> Response {
        let body = JSONTree.object([
            "title": .string(title), "description": .string(description), "http_status": .string(String(status.code)),
        ])
        return Response(
            status: status, headers: [.contentType: mediaType],
            body: .init(byteBuffer: ByteBuffer(string: body.canonicalText)))
    }

    /// Whether an `Accept` header allows TAXII 2.1: absent, `*/*`, `application/*`, or `application/taxii+json`
    /// without a version or at 2.1.
    static func accepts(_ header: String?) -> Bool {
        guard let header else { return true }
        return header.split(separator: ",").prefix(32).contains { entry in
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { return false }
            if type == "*/*" || type == "application/*" { return true }
            guard type == "application/taxii+json" else { return false }
            let version = parts.dropFirst().first { $0.hasPrefix("version=") }
            return version == nil || version == "version=2.1"
        }
    }

    /// The query's parameters, their names percent-decoded (clients send `match%5Bid%5D`); a parameter given twice
    /// is refused rather than read one way or the other.
    private static func query(_ request: Request) throws(ClearinghouseError) -> [String: String] {
        var parameters: [String: String] = [:]
        for (raw, value) in request.uri.queryParameters {
            let name = String(raw).removingPercentEncoding ?? String(raw)
            guard parameters.updateValue(String(value), forKey: name) == nil else {
                throw .invalidField(String(name), "`\(name)` is given twice.")
            }
        }
        return parameters
    }

    /// `X-TAXII-Date-Added-First` and `-Last` of a page.
    private static func dateHeaders(_ listed: [PublishedAdvisoryRepository.Listing]) -> [String: String] {
        dateHeaders(listed.map(\.published))
    }

    private static func dateHeaders(_ added: [Date]) -> [String: String] {
        guard let first = added.first, let last = added.last else { return [:] }
        return ["X-TAXII-Date-Added-First": timestamp(first), "X-TAXII-Date-Added-Last": timestamp(last)]
    }

    /// A TAXII timestamp to the microsecond, as dates added are kept, so that `added_after` a page's last date
    /// starts exactly after it.
    static func timestamp(_ date: Date) -> String {
        let micros = date.unixMicroseconds
        let seconds = Date(timeIntervalSince1970: Double(micros.quotientAndRemainder(dividingBy: 1_000_000).quotient))
        let whole = seconds.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        let fraction = String(format: "%06d", Int(micros.quotientAndRemainder(dividingBy: 1_000_000).remainder))
        return whole.dropLast() + "." + fraction + "Z"
    }
}
