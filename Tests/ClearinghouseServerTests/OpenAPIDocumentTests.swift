import ClearinghouseServer
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import Logging
import Testing

@Suite struct OpenAPIDocumentTests {
    static func documentedRoutes() throws -> Set<String> {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var routes: Set<String> = []
        let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
        for (path, operations) in paths {
            for method in operations.keys where methods.contains(method) {
                routes.insert("\(method.uppercased()) \(path)")
            }
        }
        return routes
    }

    static func servedRoutes() async throws -> Set<String> {
        try await TestDatabase.with(.sqlite) { database in
            let store = try await Store.open(database.url, logger: Logger(label: "test"))
            let checkpointer = LogCheckpointer(
                store: store, signer: TestAPI.logSigner, batchSize: 1, interval: .seconds(1), dependencies: .test(),
                logger: Logger(label: "test"))
            let catalogs = NodeCatalogs(store: store, interval: .seconds(1), logger: Logger(label: "test"))
            let commits = CommitPath(
                store: store, dependencies: .test(), catalogs: catalogs.follower, logger: Logger(label: "test"))
            let (_, routes) = buildRouter(
                configuration: ServerConfiguration(), checkpointer: checkpointer, catalogs: catalogs, commits: commits,
                metrics: HTTPMetrics())
            await store.close()
            return Set(routes.map(\.description))
        }
    }

    @Test func everyServedRouteIsDocumented() async throws {
        let missing = try await Self.servedRoutes().subtracting(try Self.documentedRoutes())
        #expect(missing.isEmpty, "routes missing from openapi.json: \(missing.sorted())")
    }

    @Test func everyDocumentedRouteIsServed() async throws {
        let extra = try Self.documentedRoutes().subtracting(try await Self.servedRoutes())
        #expect(extra.isEmpty, "openapi.json documents routes the server does not serve: \(extra.sorted())")
    }

    @Test func theDocumentIsOpenAPI31AndServed() async throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.1.") == true)
        try await TestAPI.run(.sqlite) { api in
            let served = try await api.send(.get, "/openapi.json")
            #expect(served.status == .ok)
            #expect(served.text == String(decoding: OpenAPIDocument.bytes, as: UTF8.self))
        }
    }
}
