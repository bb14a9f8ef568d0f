import ClearinghouseCore
import JSONSupport

/// One query of the OSV API, as osv.dev defines it.
struct OSVQueryFields: Decodable, Sendable {
    struct Package: Decodable, Sendable {
        let name: String?
        let ecosystem: String?
        let purl: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, ecosystem, purl
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            ecosystem = try container.decodeIfPresent(String.self, forKey: .ecosystem)
            purl = try container.decodeIfPresent(String.self, forKey: .purl)
        }
    }

    let commit: String?
    let version: String?
    let package: Package?
    let pageToken: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case commit, version, package
        case pageToken = "page_token"
    }

    /// Each query of a batch refuses members it does not know, as a single query's body does.
    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commit = try container.decodeIfPresent(String.self, forKey: .commit)
        version = try container.decodeIfPresent(String.self, forKey: .version)
        package = try container.decodeIfPresent(Package.self, forKey: .package)
        pageToken = try container.decodeIfPresent(String.self, forKey: .pageToken)
    }

    func resolved(field: String = "") throws(ClearinghouseError) -> AdvisoryQuery {
        let prefix = field.isEmpty ? "" : "\(field)."
        if commit?.isEmpty == true {
            throw .invalidField("\(prefix)commit", "`commit` must not be empty; leave it out instead.")
        }
        if let package {
            guard commit == nil else {
                throw .invalidField("\(prefix)package", "A query names a package or a commit, not both.")
            }
            for (name, value) in [("name", package.name), ("ecosystem", package.ecosystem), ("purl", package.purl)]
            where value?.isEmpty == true {
                throw .invalidField("\(prefix)package.\(name)", "`\(name)` must not be empty; leave it out instead.")
            }
            if [package.name, package.ecosystem, package.purl].allSatisfy({ $0 == nil }) {
                throw .invalidField(
                    "\(prefix)package", "`package` names no package: give `purl`, or `name` and `ecosystem`.")
            }
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
