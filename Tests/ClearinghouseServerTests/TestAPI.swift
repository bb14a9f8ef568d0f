import ClearinghouseCore
import ClearinghouseServer
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TransparencyLog

/// A running application on a fresh database of one engine, with its first coordinator bootstrapped, and helpers
/// to call it as a client would.
struct TestAPI {
    let client: any TestClientProtocol
    let store: Store
    /// The server's catalogs.
    let catalogs: NodeCatalogs
    let clock: TestClock
    let dependencies: Dependencies
    /// The bootstrap coordinator's admin token.
    let coordinatorToken: String
    let coordinator: Organization

    /// The transparency log's key in every test.
    static let logSigner = try! NoteSigner(name: "clearinghouse.test/log", seed: [UInt8](repeating: 5, count: 32))

    /// A decoded response.
    struct Reply {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }

        subscript(key: String) -> Any? { json[key] }

        /// The problem `code`, for error responses.
        var code: String? { json["code"] as? String }

        /// The body without the request id, to compare responses that must be indistinguishable.
        var withoutRequestID: String {
            var object = json
            object.removeValue(forKey: "request_id")
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return data.map { String(decoding: $0, as: UTF8.self) } ?? text
        }
    }

    /// Runs `body` against a new application on `engine`.
    static func run(
        _ engine: Dialect, configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestAPI) async throws -> Void
    ) async throws {
        var configuration = Self.configuration
        configure(&configuration)
        let frozen = configuration
        try await TestDatabase.with(engine) { database in
            try await node(on: database, configuration: frozen, body)
        }
    }

    /// The configuration of tests' nodes.
    static var configuration: ServerConfiguration {
        var configuration = ServerConfiguration()
        // Tests sign checkpoints themselves (`signCheckpoint()`); a timer signing on slow machines would race them.
        configuration.checkpointInterval = .seconds(3_600)
        // A loaded CI machine (the whole suite on two cores) can keep a pooled connection waiting past the default
        // 2 s; tests of an unreachable database set their own timeout.
        configuration.readinessTimeout = .seconds(30)
        // There, too, a step of the catalogs (a read of the change feed) can take longer than the default 10 s after
        // which `/ready` calls them stale.
        configuration.catalogStaleAfter = .seconds(60)
        return configuration
    }

    /// The bootstrap coordinator of a database, for a node started on a database another node bootstrapped.
    typealias Bootstrapped = (token: String, organization: Organization)

    /// Runs `body` against an application on an existing database: a server node. The first node of a database
    /// bootstraps it; later ones (a restart, or a second node beside the first) are given what it made.
    ///
    /// - Parameters:
    ///   - clock: the node's clock; nodes of one test share one, as machines share real time.
    ///   - seed: the node's randomness; nodes that run at once need different seeds, or they mint the same ids.
    ///   - jobs: scheduled jobs besides the server's own.
    static func node<T: Sendable>(
        on database: TestDatabase, configuration: ServerConfiguration = Self.configuration,
        clock: TestClock = TestClock(), seed: UInt64 = 42, bootstrapped: Bootstrapped? = nil,
        jobs: [ScheduledJob] = [], _ body: @Sendable (TestAPI) async throws -> T
    ) async throws -> T {
        let dependencies = Dependencies.test(clock: clock, seed: seed)
        let frozen = configuration
        let logger = Logger(label: "test")
        let store = try await Store.open(database.url, logger: logger)
        let catalogs = NodeCatalogs(store: store, interval: frozen.catalogFollowInterval, logger: logger)
        let application = buildApplication(
            configuration: frozen, store: store, logSigner: Self.logSigner, dependencies: dependencies,
            catalogs: catalogs, jobs: jobs, logger: logger)
        // The application runs in a task of its own, and hands its client out until the test is done: a shutdown
        // that does not end within 3 minutes is reported and left behind, as `ServerProcess.stop` does with a
        // server process, rather than hanging the suite. (At the start of a CI run, with every suite starting at
        // once on two cores, requests took 14 s and two short tests' shutdowns took longer than one minute.)
        let (clients, handOut) = AsyncStream.makeStream(of: (any TestClientProtocol).self)
        let (testEnded, endTest) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            defer { handOut.finish() }
            try await application.test(.router) { client in
                handOut.yield(client)
                for await _ in testEnded {}
            }
        }
        defer { endTest.finish() }
        guard let client = await clients.first(where: { _ in true }) else {
            try await running.value
            throw CancellationError()
        }
        let result: Result<T, any Error>
        do {
            let coordinator: Bootstrapped
            if let bootstrapped {
                coordinator = bootstrapped
            } else {
                let plan = try Bootstrap(name: "Coordination Center", tokenLifetimeDays: 90, dependencies: dependencies)
                try await store.bootstrap(plan)
                coordinator = (plan.token.secret.text, plan.organization)
            }
            result = .success(
                try await body(
                    TestAPI(
                        client: client, store: store, catalogs: catalogs, clock: clock, dependencies: dependencies,
                        coordinatorToken: coordinator.token, coordinator: coordinator.organization)))
        } catch {
            result = .failure(error)
        }
        endTest.finish()
        let stop: @Sendable () async throws -> Bool = {
            try await running.value
            return true
        }
        if try await !BoundedWait.value(stop, within: .seconds(180), onTimeout: { false }) {
            let test = Test.current?.name ?? "a test"
            FileHandle.standardError.write(
                Data(
                    "warning: the application of \(test) did not stop within 180 s of the test's end; left behind\n"
                        .utf8
                ))
        }
        return try result.get()
    }

    /// What another node needs to serve the same database.
    var bootstrapped: Bootstrapped { (coordinatorToken, coordinator) }

    /// Sends a request.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if json != nil, headers[.contentType] == nil {
            headers[.contentType] = "application/json"
        }
        return try await send(method, path, token: token, body: json.map { Data($0.utf8) }, headers: headers)
    }

    /// Sends a request with a body of any bytes.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: Data?, headers extra: HTTPFields
    ) async throws -> Reply {
        var fields = extra
        if let token {
            fields[.authorization] = "Bearer \(token)"
        }
        let (client, headers) = (client, fields)
        let response = try await BoundedWait.value(
            {
                try await client.execute(
                    uri: path, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
            },
            within: .seconds(300),
            onTimeout: {
                Issue.record("\(method) \(path) had no answer within 300 s: the request is stuck")
                throw CancellationError()
            })
        let reply = Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        // Every answer any HTTP test receives is held to the contract in openapi.json.
        for violation in OpenAPIContract.shared.violations(
            method: method, path: path, status: reply.status, headers: reply.headers, body: reply.text)
        {
            Issue.record("contract: \(violation)")
        }
        return reply
    }

    /// Registers an organization as the bootstrap coordinator and returns its id.
    func createOrganization(
        name: String, kind: String = "vendor", sector: String? = nil, verify: Bool = true
    ) async throws -> String {
        let sectorField = sector.map { #","sector":"\#($0)""# } ?? ""
        let reply = try await send(
            .post, "/v1/organizations", token: coordinatorToken,
            json: #"{"name":"\#(name)","kind":"\#(kind)"\#(sectorField)}"#)
        #expect(reply.status == .created, "\(reply.text)")
        let id = try #require(reply["id"] as? String)
        if verify {
            let verified = try await send(.post, "/v1/organizations/\(id)/verify", token: coordinatorToken)
            #expect(verified.status == .ok)
        }
        return id
    }

    /// Mints a token for an organization, as the bootstrap coordinator (or `as` another token), and returns its
    /// text and id.
    func mintToken(
        for organization: String, role: String, as token: String? = nil, expiresAt: String? = nil
    ) async throws -> (token: String, id: String) {
        let expiry = expiresAt.map { #","expires_at":"\#($0)""# } ?? ""
        let reply = try await send(
            .post, "/v1/organizations/\(organization)/tokens", token: token ?? coordinatorToken,
            json: #"{"role":"\#(role)"\#(expiry)}"#)
        #expect(reply.status == .created, "\(reply.text)")
        return (try #require(reply["token"] as? String), try #require(reply["id"] as? String))
    }

    /// Signs a checkpoint of everything logged so far, as another server node would, and lets the server's cached
    /// checkpoint expire so that the API serves the new one.
    @discardableResult
    func signCheckpoint() async throws -> StoredCheckpoint {
        let checkpoint = try await store.signCheckpoint(signer: Self.logSigner, now: dependencies.now())
        clock.advance(by: 1)
        return checkpoint
    }

    /// Every audit event, newest first, straight from the store.
    func auditEvents() async throws -> [AuditEvent] {
        try await store.read { try await $0.audit.list(AuditFilter(), before: nil, limit: 500) }
    }

    /// The kind of every entry in the transparency log, in order, straight from the store.
    func loggedKinds() async throws -> [String] {
        try await store.read { repositories in
            let size = try await repositories.log.state().size
            return try await repositories.log.entries(from: 0, to: size).map(\.kind)
        }
    }

    /// How many organizations exist, straight from the store.
    func organizationCount() async throws -> Int {
        try await store.read { try await $0.organizations.count() }
    }
}

/// Every engine: each HTTP test runs once per engine.
let engines = Dialect.allCases
