import ClearinghouseStore
import Foundation
import HTTPTypes
import Testing

/// Every route × every caller (anonymous, and each role of an organization of every kind, verified or not) × every
/// target (records under each TLP label, held by the caller's organization, listing it, or neither): the answer is
/// the one `AuthorizationMatrix` writes down, and a denial is exactly the answer for a record that does not exist.
@Suite struct AuthorizationMatrixTests {
    @Test func everyServedRouteHasEntries() async throws {
        let served = try await OpenAPIDocumentTests.servedRoutes()
        let written = AuthorizationMatrix.entries.map(\.route)
        #expect(Set(written).count == written.count, "routes written twice: \(written.sorted())")
        let missing = served.subtracting(written)
        #expect(missing.isEmpty, "routes without entries in the authorization matrix: \(missing.sorted())")
        let extra = Set(written).subtracting(served)
        #expect(extra.isEmpty, "entries for routes the server does not serve: \(extra.sorted())")
    }

    @Test(arguments: engines)
    func everyCellAnswersAsWritten(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: AuthorizationMatrix.configure) { api in
            let world = try await MatrixWorld.build(api)
            var runner = MatrixRunner(world: world)
            // Reads first, so that no mutation changes what they read; the claim, written last, stays last.
            let ordered = AuthorizationMatrix.entries.filter { $0.method == .get }
                + AuthorizationMatrix.entries.filter { $0.method != .get }
            for entry in ordered {
                try await runner.run(entry)
            }
            #expect(runner.cells > 3_000, "cells run: \(runner.cells)")
            let shown = runner.mismatches.prefix(200).joined(separator: "\n")
            #expect(
                runner.mismatches.isEmpty,
                "\(runner.mismatches.count) of \(runner.cells) cells answered otherwise:\n\(shown)")
        }
    }
}

/// Sends every cell of an entry and compares the answers with the entry's expectations.
struct MatrixRunner {
    let world: MatrixWorld
    private(set) var cells = 0
    private(set) var mismatches: [String] = []

    init(world: MatrixWorld) {
        self.world = world
    }

    mutating func run(_ entry: MatrixEntry) async throws {
        for shared in entry.targets(world) {
            for caller in world.callers {
                let expected = entry.expect(caller, shared)
                var target = shared
                if case .answers(let status) = expected, status.kind == .successful, let fresh = entry.fresh {
                    target = try await fresh(world, shared)
                }
                let reply = try await send(entry.method, target.path, body: target.body, target, as: caller)
                cells += 1
                if let problem = try await check(reply, expected, entry, target, caller) {
                    mismatches.append("\(entry.route) · \(target) · \(caller): expected \(expected), got \(problem)")
                }
            }
        }
    }

    private func send(
        _ method: HTTPRequest.Method, _ path: String, body: String?, _ target: MatrixTarget, as caller: MatrixCaller
    ) async throws -> TestAPI.Reply {
        let filled = body.map { text in
            text.replacingOccurrences(of: "{n}", with: String(world.next()))
                .replacingOccurrences(of: "{key}", with: MatrixWorld.validatorKeyBody())
        }
        let path = path.replacingOccurrences(of: "{n}", with: String(world.next()))
        return try await world.api.send(
            method, path, token: caller.token, body: filled.map { Data($0.utf8) },
            headers: filled == nil ? [:] : [.contentType: target.contentType])
    }

    /// Whether a list's items include the target: an item with its id or body, or about it as its subject.
    static func lists(_ reply: TestAPI.Reply, _ marker: String) -> Bool {
        let items = (reply["items"] ?? reply["decisions"]) as? [[String: Any]] ?? []
        return items.contains { item in
            item["id"] as? String == marker || item["body"] as? String == marker
                || (item["subject"] as? [String: Any])?["id"] as? String == marker
        }
    }

    /// What differs from the expectation, or `nil`.
    private func check(
        _ reply: TestAPI.Reply, _ expected: MatrixOutcome, _ entry: MatrixEntry, _ target: MatrixTarget,
        _ caller: MatrixCaller
    ) async throws -> String? {
        let got = "\(reply.status.code) \(reply.text.prefix(160))"
        switch expected {
        case .answers(let status):
            return reply.status == status ? nil : got
        case .unauthenticated:
            return reply.status == .unauthorized ? nil : got
        case .forbidden:
            return reply.status == .forbidden ? nil : got
        case .lists(let shown):
            guard reply.status == .ok, let marker = target.marker else { return got }
            return Self.lists(reply, marker) == shown ? nil : "\(reply.status.code), target listed: \(!shown)"
        case .missing:
            guard reply.status == .notFound else { return got }
            guard let missingPath = target.missingPath else { return nil }
            let twin = try await send(
                entry.method, missingPath, body: target.missingBody ?? target.body, target, as: caller)
            guard twin.status == reply.status, twin.withoutRequestID == reply.withoutRequestID else {
                return "404 unlike a missing record's: \(reply.withoutRequestID) vs \(twin.withoutRequestID)"
            }
            return nil
        }
    }
}
