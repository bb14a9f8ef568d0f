import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import JSONSupport

/// Importing CISA's KEV catalog and FIRST's EPSS scores, for coordinators, and which versions are held.
struct ThreatFeedsController {
    let environment: APIEnvironment

    func register(on routes: RouteTable) {
        routes.on(.post, "/v1/kev/import", use: importKEV)
        routes.on(.post, "/v1/epss/import", use: importEPSS)
        routes.on(.get, "/v1/threat-feeds", use: status)
    }

    /// `POST /v1/kev/import`: CISA's `known_exploited_vulnerabilities.json` as the body; replaces the catalog held.
    @Sendable func importKEV(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await environment.authorizeMutation(
            .importThreatFeeds, auditing: .kevImport, target: nil, context: context)
        let data = try await request.collectJSON(
            limit: environment.configuration.maximumImportSize, describing: "the KEV catalog")
        let result = try await importer.importKEV(data, actor: .api(context.party), requestID: context.requestID)
        return .json(ThreatFeedImportBody(result: result))
    }

    /// `POST /v1/epss/import`: a day's `epss_scores-YYYY-MM-DD.csv` (uncompressed) as the body; replaces the
    /// scores held.
    @Sendable func importEPSS(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await environment.authorizeMutation(
            .importThreatFeeds, auditing: .epssImport, target: nil, context: context)
        if let mediaType = request.mediaType, !["text/csv", "text/plain", "application/csv"].contains(mediaType) {
            throw Problem(
                .unsupportedMediaType, code: .unsupportedMediaType,
                detail: "Send the EPSS scores as text/csv, uncompressed (gunzip the published .csv.gz first); got `\(mediaType)`.")
        }
        let data = try await request.collect(
            limit: environment.configuration.maximumImportSize, describing: "the EPSS file")
        let result = try await importer.importEPSS(data, actor: .api(context.party), requestID: context.requestID)
        return .json(ThreatFeedImportBody(result: result))
    }

    /// `GET /v1/threat-feeds`: `{"kev": status|null, "epss": status|null}` for any member.
    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (kev, epss) = try await importer.status(by: environment.requester(context))
        return .json(FeedsBody(kev: kev, epss: epss))
    }

    private var importer: ThreatFeedImporter {
        ThreatFeedImporter(commits: environment.commits)
    }
}

private struct FeedsBody: JSONWritable {
    let kev: ThreatFeedStatus?
    let epss: ThreatFeedStatus?

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.nullableField("kev", kev.map(ThreatFeedStatusBody.init))
            json.nullableField("epss", epss.map(ThreatFeedStatusBody.init))
        }
    }
}
