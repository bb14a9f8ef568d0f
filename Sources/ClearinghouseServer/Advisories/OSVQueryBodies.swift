import ClearinghouseCore

/// One query of the OSV API, as osv.dev defines it.
struct OSVQueryFields: Decodable, Sendable {
    struct Package: Decodable, Sendable {
        let name: String?
        let ecosystem: String?
        let purl: String?
    }

    let commit: String?
    let version: String?
    let package: Package?
    let pageToken: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case commit, version, package
        case pageToken = "page_token"
    }

    func resolved(field: String = "") throws(ClearinghouseError) -> AdvisoryQuery {
        if let package, [package.name, package.ecosystem, package.purl].allSatisfy({ ($0 ?? "").isEmpty }) {
            throw .invalidField(
                field.isEmpty ? "package" : "\(field).package",
                "`package` names no package: give `purl`, or `name` and `ecosystem`.")
        }
        return try AdvisoryQuery.resolve(
            ecosystem: package?.ecosystem, name: package?.name, purl: package?.purl, version: version,
            commit: commit, field: field)
    }
}

/// The body of `POST /v1/query`.
struct OSVQueryBody: JSONRequestBody {
    let query: OSVQueryFields
    static var readsAnyMediaType: Bool { true }

    typealias CodingKeys = OSVQueryFields.CodingKeys

    init(from decoder: any Decoder) throws {
        query = try OSVQueryFields(from: decoder)
    }
}

/// The body of `POST /v1/querybatch`.
struct OSVBatchBody: JSONRequestBody {
    let queries: [OSVQueryFields]
    static var readsAnyMediaType: Bool { true }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case queries
    }
}
