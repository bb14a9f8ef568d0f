import ClearinghouseCore
import ClearinghouseStore
import Foundation
import HTTPTypes
import JSONSupport
import Testing

/// The TAXII 2.1 server: discovery, the API root, the collection of published advisories, its objects paged in the
/// order they were added (by `limit` and `next`, and by `added_after`), filtered by `match[…]`, one object, its
/// versions, the manifest; TAXII's media type and error messages.
@Suite struct TAXIIAPITests {
    static let accept: HTTPFields = [.accept: "application/taxii+json;version=2.1"]
    static let collection = "/taxii2/api/collections/9d5c1a8e-3f2b-4c6d-8e7a-1b0c2d3e4f5a"

    /// Publishes `count` advisories, a minute apart: their ids.
    /// Publishes `count` advisories, of packages numbered from `first` (a second call gives a new `first`).
    static func publish(_ count: Int, _ api: TestAPI, first: Int = 0) async throws -> [String] {
        let suffix = first == 0 ? "" : " \(first)"
        let lab = try await api.createOrganization(name: "Lab" + suffix, kind: "researcher")
        let labToken = try await api.mintToken(for: lab, role: "analyst").token
        let vendor = try await api.createOrganization(name: "Vendor" + suffix, kind: "vendor")
        var ids: [String] = []
        for index in first..<first + count {
            let caseID = try await DisclosureAPITests.validatedCase(
                api, reporterToken: labToken, vendor: vendor, purl: "pkg:pypi/taxii-demo-\(index)@1.0")
            ids.append(try await DisclosureAPITests.publish(caseID, api))
            api.clock.advance(by: 60)
        }
        return ids
    }

    static func objectNames(_ reply: TestAPI.Reply) -> [String] {
        (reply["objects"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    }

    @Test(arguments: engines)
    func clientsPageThroughThePublishedAdvisories(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let ids = try await Self.publish(3, api)

            let discovery = try await api.send(.get, "/taxii2/", headers: Self.accept)
            #expect(discovery.status == .ok && discovery.headers[.contentType] == "application/taxii+json;version=2.1")
            #expect(
                (discovery["api_roots"] as? [String])?.first?.hasSuffix("/taxii2/api/") == true, "\(discovery.text)")
            let refused = try await api.send(.get, "/taxii2/", headers: [.accept: "application/json"])
            #expect(refused.status == .notAcceptable && refused["http_status"] as? String == "406")
            #expect(
                try await api.send(.get, "/taxii2/api/", headers: Self.accept)["versions"] as? [String] == [
                    "application/taxii+json;version=2.1"
                ])
            let collections = try await api.send(.get, "/taxii2/api/collections/", headers: Self.accept)
            #expect((collections["collections"] as? [[String: Any]])?.first?["can_write"] as? Bool == false)
            #expect(try await api.send(.get, Self.collection + "/", headers: Self.accept)["can_read"] as? Bool == true)
            let missing = try await api.send(.get, "/taxii2/api/collections/nope/objects/", headers: Self.accept)
            #expect(missing.status == .notFound && missing["http_status"] as? String == "404", "\(missing.text)")

            // Pages of two, in the order they were added.
            let first = try await api.send(.get, Self.collection + "/objects/?limit=2", headers: Self.accept)
            #expect(Self.objectNames(first) == Array(ids.prefix(2)), "\(first.text)")
            #expect(first["more"] as? Bool == true)
            let next = try #require(first["next"] as? String)
            let last = try #require(first.headers[HTTPField.Name("X-TAXII-Date-Added-Last")!])
            let second = try await api.send(
                .get, Self.collection + "/objects/?limit=2&next=\(next)", headers: Self.accept)
            #expect(Self.objectNames(second) == [ids[2]] && second["more"] as? Bool == false, "\(second.text)")
            #expect(second["next"] == nil)
            // Pages are written around each object's kept text: still canonical JSON, each object as the advisory's
            // own STIX object.
            for page in [first, second] {
                #expect(try JSONDecoder().decode(JSONTree.self, from: Data(page.text.utf8)).canonicalText == page.text)
            }
            let stix = try await api.send(.get, "/v1/published-advisories/\(ids[0])/stix")
            let bundled = try JSONDecoder().decode(JSONTree.self, from: Data(stix.text.utf8))
            guard case .array(let bundledObjects)? = bundled["objects"] else {
                Issue.record("no objects in \(stix.text)")
                return
            }
            #expect(first.text.contains(try #require(bundledObjects.first).canonicalText))
            let encoded = last.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? last
            let after = try await api.send(
                .get, Self.collection + "/objects/?added_after=\(encoded)", headers: Self.accept)
            #expect(Self.objectNames(after) == [ids[2]], "added_after the first page's last: \(after.text)")

            // Filters.
            let objects = (first["objects"] as? [[String: Any]]) ?? []
            let secondID = try #require(objects.last?["id"] as? String)
            #expect(secondID.hasPrefix("vulnerability--"))
            let byID = try await api.send(
                .get, Self.collection + "/objects/?match%5Bid%5D=\(secondID)", headers: Self.accept)
            #expect(Self.objectNames(byID) == [ids[1]], "\(byID.text)")
            let byType = try await api.send(
                .get, Self.collection + "/objects/?match%5Btype%5D=indicator", headers: Self.accept)
            #expect(byType.status == .ok && byType["objects"] == nil && byType["more"] as? Bool == false)
            for query in ["limit=0", "limit=501", "added_after=yesterday", "next=%21", "color=red", "limit=1&limit=2"] {
                let bad = try await api.send(.get, Self.collection + "/objects/?\(query)", headers: Self.accept)
                #expect(bad.status == .badRequest && bad["http_status"] as? String == "400", "\(query): \(bad.text)")
            }

            // One object, its versions, the manifest.
            let one = try await api.send(.get, Self.collection + "/objects/\(secondID)/", headers: Self.accept)
            #expect(Self.objectNames(one) == [ids[1]])
            let versions = try await api.send(
                .get, Self.collection + "/objects/\(secondID)/versions/", headers: Self.accept)
            #expect((versions["versions"] as? [String])?.count == 1)
            #expect(
                try await api.send(.get, Self.collection + "/objects/vulnerability--nope/", headers: Self.accept).status
                    == .notFound)
            let manifest = try await api.send(.get, Self.collection + "/manifest/", headers: Self.accept)
            let entries = (manifest["objects"] as? [[String: Any]]) ?? []
            #expect(
                entries.count == 3
                    && entries.allSatisfy { $0["media_type"] as? String == "application/stix+json;version=2.1" })
            let added = entries.compactMap { $0["date_added"] as? String }
            #expect(added.count == 3 && added == added.sorted())
        }
    }

    /// Pages are kept while nothing changes, and a publication (which moves the catalogs) is served at once.
    @Test(arguments: engines)
    func aKeptPageGivesWayToAPublication(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let path = Self.collection + "/objects/?limit=5"
            let first = try await Self.publish(1, api)
            let before = try await api.send(.get, path)
            #expect(Self.objectNames(before) == first)
            #expect(try await api.send(.get, path).text == before.text)
            let manifest = Self.collection + "/manifest/?limit=5"
            #expect((try await api.send(.get, manifest)["objects"] as? [Any])?.count == 1)

            let second = try await Self.publish(1, api, first: 1)
            let after = try await api.send(.get, path)
            #expect(Self.objectNames(after) == first + second, "\(after.text)")
            #expect((try await api.send(.get, manifest)["objects"] as? [Any])?.count == 2)
        }
    }
}
