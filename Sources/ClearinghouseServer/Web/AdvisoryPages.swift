import ClearinghouseCore
import ClearinghouseWorkflows
import Foundation
import Hummingbird
import OSV

/// Advisories: search by id, Package URL or package, and one advisory's page. Public as the OSV API is: without
/// sign-in, the TLP:CLEAR advisories; signed in, what the person may see.
extension WebController {
    /// Advisories listed on one page of results.
    static let advisoryPageSize = 50

    func advisorySearch(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let visit = try await visit(request, context)
        let requester = visit?.requester(context) ?? .api(.anonymous, requestID: context.requestID)
        let query = request.uri.queryParameters
        func field(_ name: String) -> String {
            String((query[Substring(name)].map(String.init) ?? "").trimmingCharacters(in: .whitespaces).prefix(512))
        }
        var values = visit?.chrome ?? [:]
        values["title"] = "Advisories"
        values["onAdvisories"] = true
        values["publicPage"] = true
        let (id, purl, ecosystem, name, version) = (
            field("id"), field("purl"), field("ecosystem"), field("name"), field("version")
        )
        values["id"] = id
        values["purl"] = purl
        values["ecosystem"] = ecosystem
        values["name"] = name
        values["version"] = version
        let queries = AdvisoryQueries(
            environment.workflows, catalog: environment.catalogs.advisories, pageSize: Self.advisoryPageSize)
        if !id.isEmpty {
            // As typed, then with the database prefix upper-cased (`ghsa-…` is `GHSA-…`), then all upper-cased.
            let prefix = id.prefix { $0 != "-" }
            let spellings = [id, prefix.uppercased() + id.dropFirst(prefix.count), id.uppercased()]
            if let found = spellings.lazy.compactMap({ Advisory.ID(rawValue: $0) }).first(where: {
                queries.visibleSummary(of: $0, by: requester) != nil
            }) {
                return Pages.redirect(to: "/advisories/" + Self.pathSegment(found.rawValue))
            }
            values["searched"] = true
            values["idError"] = "No advisory you may see has the id \(id)."
            return pages.render("advisories", values, status: .notFound)
        }
        guard !purl.isEmpty || !name.isEmpty || !ecosystem.isEmpty else { return pages.render("advisories", values) }
        values["searched"] = true
        let advisoryQuery: AdvisoryQuery
        do {
            advisoryQuery = try AdvisoryQuery.resolve(
                ecosystem: ecosystem.isEmpty ? nil : ecosystem, name: name.isEmpty ? nil : name,
                purl: purl.isEmpty ? nil : purl, version: version.isEmpty ? nil : version, commit: nil)
        } catch {
            values[purl.isEmpty ? "packageError" : "purlError"] = error.message
            return pages.render("advisories", values, status: .badRequest)
        }
        let token = query["page"].map(String.init)
        let page: (summaries: [AdvisoryIndex.Summary], next: String?)
        do {
            page = try queries.summaries(for: [(advisoryQuery, token)], by: requester)[0]
        } catch {
            return Pages.redirect(to: "/advisories")
        }
        values["results"] = page.summaries.map { summary -> [String: Any] in
            [
                "id": summary.id.rawValue, "path": Self.pathSegment(summary.id.rawValue),
                "aliases": summary.aliases.joined(separator: ", "), "modified": Self.day(summary.modified),
                "withdrawn": summary.isWithdrawn,
            ]
        }
        values["hasResults"] = !page.summaries.isEmpty
        if let next = page.next {
            var components = URLComponents()
            components.path = "/advisories"
            components.queryItems = [
                URLQueryItem(name: "purl", value: purl), URLQueryItem(name: "ecosystem", value: ecosystem),
                URLQueryItem(name: "name", value: name), URLQueryItem(name: "version", value: version),
                URLQueryItem(name: "page", value: next),
            ].filter { $0.value?.isEmpty == false }
            values["next"] = components.string
        }
        return pages.render("advisories", values)
    }

    func advisoryPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let visit = try await visit(request, context)
        let requester = visit?.requester(context) ?? .api(.anonymous, requestID: context.requestID)
        let queries = AdvisoryQueries(
            environment.workflows, catalog: environment.catalogs.advisories, pageSize: Self.advisoryPageSize)
        let data: Data
        do {
            guard let id = context.parameters.get("id").flatMap(Advisory.ID.init(rawValue:)) else {
                throw ClearinghouseError.notFound("vulnerability")
            }
            data = try await queries.record(id, by: requester)
        } catch let error as ClearinghouseError where error.code == .notFound {
            return pages.message(
                title: "Not found", "There is no advisory here, or none you may see.",
                link: ("/advisories", "Search advisories"), status: .notFound, chrome: visit?.chrome ?? [:])
        }
        guard let record = try? OSVRecord.read(data, format: .json).record else {
            throw ClearinghouseError(.internalError, "A stored advisory does not read as OSV.")
        }
        var values = visit?.chrome ?? [:]
        values["onAdvisories"] = true
        values["publicPage"] = true
        values["title"] = record.id
        values.set("summary", nonEmpty: record.summary)
        values.set("details", nonEmpty: record.details)
        values.set("aliases", nonEmpty: record.aliases.joined(separator: ", "))
        values.set("published", nonEmpty: record.published)
        values["modified"] = record.modified
        values.set("withdrawn", nonEmpty: record.withdrawn)
        values["severity"] = record.severity.map { ["type": $0.type, "score": $0.score] }
        values["affected"] = record.affected.map { affected -> [String: Any] in
            var row: [String: Any] = [
                "ecosystem": affected.package?.ecosystem ?? "", "package": affected.package?.name ?? "",
                "ranges": affected.ranges.map { range in
                    range.type.rawValue + ": " + range.events.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
                },
                "versions": affected.versions.count,
            ]
            row.set("purl", nonEmpty: affected.package?.purl)
            return row
        }
        values["references"] = record.references.map { reference -> [String: Any] in
            var row: [String: Any] = ["type": reference.type, "url": reference.url]
            // Only http and https become links: a `javascript:` or `data:` URL stays inert text.
            if Self.isWebLink(reference.url) { row["link"] = true }
            return row
        }
        values["hasReferences"] = !record.references.isEmpty
        values.set("credits", nonEmpty: record.credits.map(\.name).joined(separator: ", "))
        // An advisory this instance published offers its documents.
        if record.id.hasPrefix(OSVRecord.privatePrefix),
            let published = try? AdvisoryID(parsing: String(record.id.dropFirst(OSVRecord.privatePrefix.count))),
            try await PublicationWorkflows(environment.workflows).advisory(published) != nil
        {
            values["downloads"] = Self.downloads(of: published)
        }
        return pages.render("advisory", values)
    }

    /// Where a published advisory's documents are, by format, for the pages' download links.
    static func downloads(of id: AdvisoryID) -> [String: String] {
        let path = "/v1/published-advisories/\(id)"
        return [
            "osv": path + "/osv", "csaf": path + "/csaf", "csafVEX": path + "/csaf-vex", "cve": path + "/cve",
            "stix": path + "/stix",
        ]
    }

    /// Whether a URL may be a link: http or https, with a host.
    static func isWebLink(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else {
            return false
        }
        return scheme == "http" || scheme == "https"
    }

    /// An id as one path segment.
    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? id
    }
}
