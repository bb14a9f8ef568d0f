import ClearinghouseCore
import ClearinghouseStore
import ClearinghouseTestSupport
import ClearinghouseWorkflows
import Foundation
import HTTPTypes
import JSONSupport
import Testing

/// `POST /v1/scans` and what holders do with their leases, through the API as scanners use it.
@Suite struct ScansAPITests {
    /// Two scanner organizations with analyst tokens.
    struct Scanners {
        let first: String
        let second: String
        let firstID: String
    }

    func scanners(_ api: TestAPI) async throws -> Scanners {
        let first = try await api.createOrganization(name: "Northwind Research", kind: "researcher")
        let second = try await api.createOrganization(name: "Fuzzing Collective", kind: "researcher")
        return Scanners(
            first: try await api.mintToken(for: first, role: "analyst").token,
            second: try await api.mintToken(for: second, role: "analyst").token, firstID: first)
    }

    static func claim(
        _ scope: String, technique: String = "fuzzing", seconds: Int = 3_600, startsAt: String? = nil,
        allowOverlap: Bool = false
    ) -> String {
        let start = startsAt.map { #", "starts_at": "\#($0)""# } ?? ""
        return #"""
            {"scope": \#(scope), "technique": "\#(technique)", "agent": {"tool": "fuzzbot", "model": "m-1", "version": "2.1"},
             "duration_seconds": \#(seconds), "allow_overlap": \#(allowOverlap)\#(start)}
            """#
    }

    static let leftPad = #"{"kind": "pkg", "purl": "pkg:npm/left-pad", "range": "vers:npm/>=1.0.0|<2.0.0"}"#

    @Test(arguments: engines)
    func overlappingClaimsAreRefusedNamingHoldersOnlyToThoseWhoMayKnowThem(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let scanners = try await scanners(api)
            let granted = try await api.send(.post, "/v1/scans", token: scanners.first, json: Self.claim(Self.leftPad))
            #expect(granted.status == .created, "\(granted.text)")
            #expect(granted["state"] as? String == "active")
            #expect(granted["holder_id"] as? String == scanners.firstID)
            let scope = try #require(granted["scope"] as? [String: Any])
            #expect(scope["canonical"] as? String == "pkg:npm/left-pad vers:npm/>=1.0.0|<2.0.0")
            #expect((granted["agent"] as? [String: Any])?["model"] as? String == "m-1")
            let leaseID = try #require(granted["id"] as? String)

            // Another participant: told when the lease ends, not whose it is.
            let narrower = #"{"kind": "pkg", "purl": "pkg:npm/left-pad?arch=x64", "range": "vers:npm/1.5.0"}"#
            let refused = try await api.send(.post, "/v1/scans", token: scanners.second, json: Self.claim(narrower))
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.code == "conflict")
            let conflicts = try #require(refused["conflicts"] as? [[String: Any]])
            #expect(conflicts.count == 1)
            #expect(conflicts[0]["holder"] as? String == "another participant")
            #expect(conflicts[0]["holder_id"] == nil && conflicts[0]["lease_id"] == nil)
            #expect(conflicts[0]["ends_at"] as? String == granted["ends_at"] as? String)
            #expect(!refused.text.contains(scanners.firstID) && !refused.text.contains(leaseID))

            // A coordinator sees whose it is.
            let coordinated = try await api.send(
                .post, "/v1/scans", token: api.coordinatorToken, json: Self.claim(Self.leftPad))
            let named = try #require((coordinated["conflicts"] as? [[String: Any]])?.first, "\(coordinated.text)")
            #expect(named["holder"] as? String == "Northwind Research")
            #expect(named["holder_id"] as? String == scanners.firstID)
            #expect(named["lease_id"] as? String == leaseID)

            // The holder's own leases never conflict.
            let own = try await api.send(.post, "/v1/scans", token: scanners.first, json: Self.claim(Self.leftPad))
            #expect(own.status == .created, "\(own.text)")
            // Beside it: another technique, versions outside the range, a later window, or an opt-in.
            for claim in [
                Self.claim(Self.leftPad, technique: "sast"),
                Self.claim(#"{"kind": "pkg", "purl": "pkg:npm/left-pad", "range": "vers:npm/>=2.0.0"}"#),
                Self.claim(Self.leftPad, startsAt: JSONTime.text(api.clock.now.addingTimeInterval(3_600))),
                Self.claim(Self.leftPad, allowOverlap: true),
            ] {
                let beside = try await api.send(.post, "/v1/scans", token: scanners.second, json: claim)
                #expect(beside.status == .created, "\(claim): \(beside.text)")
            }
        }
    }

    @Test(arguments: engines)
    func aCompletedScanHoldsItsScopeForTheCoolDownAndAReleasedOneDoesNot(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let scanners = try await scanners(api)
            let repository = #"{"kind": "repo", "url": "git@git.example:acme/app.git", "ref": "main"}"#
            let claimed = try await api.send(.post, "/v1/scans", token: scanners.first, json: Self.claim(repository))
            let id = try #require(claimed["id"] as? String, "\(claimed.text)")
            let completed = try await api.send(
                .post, "/v1/scans/\(id)/complete", token: scanners.first,
                json: #"{"summary": {"findings": 3, "targets": 120}}"#)
            #expect(completed.status == .ok, "\(completed.text)")
            #expect(completed["state"] as? String == "completed")
            #expect(completed["summary"] as? [String: Int] == ["findings": 3, "targets": 120])
            let finished = try #require(completed["finished_at"] as? String)

            let same = #"{"kind": "repo", "url": "https://git.example/acme/app/", "ref": "main"}"#
            let refused = try await api.send(.post, "/v1/scans", token: scanners.second, json: Self.claim(same))
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.code == "recently_scanned")
            #expect(refused["completed_at"] as? String == finished)
            let ends = try #require(refused["cool_down_ends_at"] as? String)
            let finishedAt = try #require(JSONTime.date(finished))
            #expect(ends == JSONTime.text(finishedAt.addingTimeInterval(7 * 86_400)))
            // Another technique, or an opt-in, goes ahead.
            let sast = try await api.send(
                .post, "/v1/scans", token: scanners.second, json: Self.claim(same, technique: "sast"))
            #expect(sast.status == .created, "\(sast.text)")
            let overlap = try await api.send(
                .post, "/v1/scans", token: scanners.second, json: Self.claim(same, allowOverlap: true))
            #expect(overlap.status == .created, "\(overlap.text)")

            // A released lease frees its scope at once and counts as not scanned.
            let network = #"{"kind": "pkg", "purl": "pkg:pypi/requests"}"#
            let held = try await api.send(.post, "/v1/scans", token: scanners.first, json: Self.claim(network))
            let heldID = try #require(held["id"] as? String)
            #expect(try await api.send(.post, "/v1/scans", token: scanners.second, json: Self.claim(network)).status == .conflict)
            let released = try await api.send(.post, "/v1/scans/\(heldID)/release", token: scanners.first)
            #expect(released["state"] as? String == "released", "\(released.text)")
            #expect(try await api.send(.post, "/v1/scans", token: scanners.second, json: Self.claim(network)).status == .created)
            // An ended lease is ended: no heartbeat, no second ending.
            for action in ["heartbeat", "release", "complete"] {
                let again = try await api.send(.post, "/v1/scans/\(heldID)/\(action)", token: scanners.first)
                #expect(again.status == .conflict && again.code == "conflict", "\(action): \(again.text)")
            }
        }
    }

    @Test(arguments: engines)
    func holdersKeepLeasesAliveAndExtendThemAroundOthers(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let scanners = try await scanners(api)
            let claimed = try await api.send(
                .post, "/v1/scans", token: scanners.first, json: Self.claim(Self.leftPad, seconds: 600))
            let id = try #require(claimed["id"] as? String, "\(claimed.text)")
            let endText = try #require(claimed["ends_at"] as? String)
            let end = try #require(JSONTime.date(endText))

            api.clock.advance(by: 120)
            let beat = try await api.send(.post, "/v1/scans/\(id)/heartbeat", token: scanners.first)
            #expect(beat["heartbeat_at"] as? String == JSONTime.text(api.clock.now), "\(beat.text)")
            // Others cannot touch it: it does not exist for them.
            let foreign = try await api.send(.post, "/v1/scans/\(id)/heartbeat", token: scanners.second)
            #expect(foreign.status == .notFound)
            let missing = try await api.send(.post, "/v1/scans/\(UUID().uuidString.lowercased())/heartbeat", token: scanners.second)
            #expect(foreign.withoutRequestID == missing.withoutRequestID)
            // A coordinator sees it, but it is not the coordinator's to keep.
            #expect(try await api.send(.get, "/v1/scans/\(id)", token: api.coordinatorToken).status == .ok)
            let coordinator = try await api.send(.post, "/v1/scans/\(id)/heartbeat", token: api.coordinatorToken)
            #expect(coordinator.status == .forbidden, "\(coordinator.text)")

            let extended = try await api.send(
                .post, "/v1/scans/\(id)/extend", token: scanners.first, json: #"{"duration_seconds": 600}"#)
            #expect(extended["ends_at"] as? String == JSONTime.text(end.addingTimeInterval(600)), "\(extended.text)")

            // Another participant books the time after it; extending into that time is refused.
            let later = try await api.send(
                .post, "/v1/scans", token: scanners.second,
                json: Self.claim(Self.leftPad, seconds: 600, startsAt: JSONTime.text(end.addingTimeInterval(600))))
            #expect(later.status == .created, "\(later.text)")
            let blocked = try await api.send(
                .post, "/v1/scans/\(id)/extend", token: scanners.first, json: #"{"duration_seconds": 60}"#)
            #expect(blocked.status == .conflict && blocked.code == "conflict", "\(blocked.text)")
            #expect((blocked["conflicts"] as? [[String: Any]])?.first?["holder"] as? String == "another participant")
            let tooLong = try await api.send(
                .post, "/v1/scans/\(id)/extend", token: scanners.first, json: #"{"duration_seconds": 90000}"#)
            #expect(tooLong.status == .badRequest && tooLong["field"] as? String == "duration_seconds")

            let events = try await api.auditEvents().filter { $0.target == .scanLease(.init(id)!) }.map(\.action)
            #expect(Set(events) == [.scanClaim, .scanHeartbeat, .scanExtend])
        }
    }

    @Test(arguments: engines)
    func leasesWithoutHeartbeatsLapseThroughTheScheduler(engine: Dialect) async throws {
        try await TestDatabase.with(engine) { database in
            let clock = TestClock()
            let job = ScanLeaseExpiry.job(every: .milliseconds(50), policy: ScanPolicy())
            try await TestAPI.node(on: database, clock: clock, jobs: [job]) { api in
                let scanners = try await scanners(api)
                let quiet = try await api.send(.post, "/v1/scans", token: scanners.first, json: Self.claim(Self.leftPad))
                let quietID = try #require(quiet["id"] as? String, "\(quiet.text)")
                let busy = try await api.send(
                    .post, "/v1/scans", token: scanners.first, json: Self.claim(#"{"kind": "pkg", "purl": "pkg:npm/busy"}"#))
                let busyID = try #require(busy["id"] as? String)
                clock.advance(by: 10 * 60)
                #expect(try await api.send(.post, "/v1/scans/\(busyID)/heartbeat", token: scanners.first).status == .ok)
                clock.advance(by: 6 * 60)
                // The scheduler runs the job every 50 ms of real time; wait for it to see the quiet lease.
                var state: String?
                for _ in 0..<200 {
                    state = try await api.send(.get, "/v1/scans/\(quietID)", token: scanners.first)["state"] as? String
                    if state == "lapsed" { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(state == "lapsed")
                let still = try await api.send(.get, "/v1/scans/\(busyID)", token: scanners.first)
                #expect(still["state"] as? String == "active")
                // Its scope is free for others again.
                let next = try await api.send(.post, "/v1/scans", token: scanners.second, json: Self.claim(Self.leftPad))
                #expect(next.status == .created, "\(next.text)")
                let lapse = try await api.auditEvents().first { $0.action == .scanLapse }
                #expect(lapse?.actor == .scheduler && lapse?.target?.id == quietID)
            }
        }
    }

    @Test(arguments: engines)
    func networkScopesNeedAnOwnersGrant(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let scanners = try await scanners(api)
            for scope in [#"{"kind": "net", "cidr": "198.51.100.0/24"}"#, #"{"kind": "net", "host": "*.hospital.example"}"#] {
                let refused = try await api.send(.post, "/v1/scans", token: scanners.first, json: Self.claim(scope))
                #expect(refused.status == .forbidden, "\(refused.text)")
                #expect(refused["field"] as? String == "scope")
                #expect((refused["detail"] as? String)?.contains("authorization grant") == true)
            }
            let denied = try await api.auditEvents().filter { $0.action == .scanClaim && $0.outcome == .denied }
            #expect(denied.count == 2)
        }
    }

    @Test(arguments: engines)
    func listsShowTheCallersOwnLeasesByState(engine: Dialect) async throws {
        try await TestAPI.run(engine) { api in
            let scanners = try await scanners(api)
            var ids: [String] = []
            for name in ["a", "b", "c"] {
                let claimed = try await api.send(
                    .post, "/v1/scans", token: scanners.first, json: Self.claim(#"{"kind": "pkg", "purl": "pkg:npm/\#(name)"}"#))
                ids.append(try #require(claimed["id"] as? String))
            }
            _ = try await api.send(.post, "/v1/scans/\(ids[1])/release", token: scanners.first)
            let page = try await api.send(.get, "/v1/scans?limit=2", token: scanners.first)
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == [ids[2], ids[1]])
            let cursor = try #require(page["next_cursor"] as? String)
            let rest = try await api.send(.get, "/v1/scans?limit=2&cursor=\(cursor)", token: scanners.first)
            #expect((rest["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0]])
            let active = try await api.send(.get, "/v1/scans?state=active", token: scanners.first)
            #expect((active["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[2], ids[0]])
            let others = try await api.send(.get, "/v1/scans", token: scanners.second)
            #expect((others["items"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await api.send(.get, "/v1/scans?state=paused", token: scanners.first)
            #expect(bad.status == .badRequest && bad["field"] as? String == "state")
        }
    }

    @Test(arguments: engines)
    func anOrganizationHoldsAtMostThePolicysLeases(engine: Dialect) async throws {
        try await TestAPI.run(engine, configure: { $0.scanPolicy.maximumLeasesPerOrganization = 2 }) { api in
            let scanners = try await scanners(api)
            var ids: [String] = []
            for name in ["a", "b"] {
                let claimed = try await api.send(
                    .post, "/v1/scans", token: scanners.first, json: Self.claim(#"{"kind": "pkg", "purl": "pkg:npm/\#(name)"}"#))
                ids.append(try #require(claimed["id"] as? String, "\(claimed.text)"))
            }
            let third = Self.claim(#"{"kind": "pkg", "purl": "pkg:npm/c"}"#)
            let refused = try await api.send(.post, "/v1/scans", token: scanners.first, json: third)
            #expect(refused.status == .tooManyRequests && refused.code == "quota_exceeded", "\(refused.text)")
            _ = try await api.send(.post, "/v1/scans/\(ids[0])/complete", token: scanners.first)
            #expect(try await api.send(.post, "/v1/scans", token: scanners.first, json: third).status == .created)
        }
    }

    @Test(arguments: [
        (#"{"kind": "net", "cidr": "10.0.0.1/8"}"#, "fuzzing", 3_600, "scope.cidr"),
        (#"{"kind": "pkg", "purl": "pkg:npm/left-pad", "range": "vers:npm/>=2|<1"}"#, "fuzzing", 3_600, "scope.range"),
        (#"{"kind": "pkg", "purl": "pkg:npm/left-pad@1.0"}"#, "fuzzing", 3_600, "scope.purl"),
        (#"{"kind": "repo", "url": "https://user:pw@git.example/a"}"#, "fuzzing", 3_600, "scope.url"),
        (#"{"kind": "pkg", "purl": "pkg:npm/a", "cidr": "10.0.0.0/8"}"#, "fuzzing", 3_600, "scope.cidr"),
        (#"{"kind": "pkg", "purl": "pkg:npm/a", "port": 1}"#, "fuzzing", 3_600, "scope.port"),
        (#"{"kind": "disk"}"#, "fuzzing", 3_600, "scope.kind"),
        (#"{"kind": "pkg", "purl": "pkg:npm/a"}"#, "guessing", 3_600, "technique"),
        (#"{"kind": "pkg", "purl": "pkg:npm/a"}"#, "fuzzing", 10, "duration_seconds"),
        (#"{"kind": "pkg", "purl": "pkg:npm/a"}"#, "fuzzing", 90_000, "duration_seconds"),
    ])
    func malformedClaimsAreRefusedNamingTheField(scope: String, technique: String, seconds: Int, field: String)
        async throws
    {
        try await TestAPI.run(.sqlite) { api in
            let scanners = try await scanners(api)
            let refused = try await api.send(
                .post, "/v1/scans", token: scanners.first, json: Self.claim(scope, technique: technique, seconds: seconds))
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(refused["field"] as? String == field, "\(refused.text)")
        }
    }

    @Test func windowsInThePastAndBadSummariesAreRefused() async throws {
        try await TestAPI.run(.sqlite) { api in
            let scanners = try await scanners(api)
            let past = try await api.send(
                .post, "/v1/scans", token: scanners.first,
                json: Self.claim(Self.leftPad, startsAt: JSONTime.text(api.clock.now.addingTimeInterval(-3_600))))
            #expect(past.status == .badRequest && past["field"] as? String == "starts_at", "\(past.text)")
            let far = try await api.send(
                .post, "/v1/scans", token: scanners.first,
                json: Self.claim(Self.leftPad, startsAt: JSONTime.text(api.clock.now.addingTimeInterval(40 * 86_400))))
            #expect(far.status == .badRequest && far["field"] as? String == "starts_at", "\(far.text)")
            let claimed = try await api.send(.post, "/v1/scans", token: scanners.first, json: Self.claim(Self.leftPad))
            let id = try #require(claimed["id"] as? String)
            for summary in [#"{"Findings": 1}"#, #"{"findings": -1}"#, #"{"findings": "3"}"#] {
                let refused = try await api.send(
                    .post, "/v1/scans/\(id)/complete", token: scanners.first, json: #"{"summary": \#(summary)}"#)
                #expect(refused.status == .badRequest, "\(summary): \(refused.text)")
                #expect((refused["field"] as? String)?.hasPrefix("summary") == true, "\(summary): \(refused.text)")
            }
            #expect(try await api.send(.get, "/v1/scans/\(id)", token: scanners.first)["state"] as? String == "active")
        }
    }
}

/// Times as the API writes them: RFC 3339 in UTC, to the second.
enum JSONTime {
    static func text(_ date: Date) -> String { JSONWriter.timestamp(date) }

    static func date(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}

/// Claims at the same moment through two server nodes on one database.
@Suite struct ScanClaimNodesTests {
    @Test(arguments: engines)
    func overlappingClaimsThroughTwoNodesNeverBothSucceed(engine: Dialect) async throws {
        try await TestDatabase.with(engine) { database in
            let clock = TestClock()
            try await TestAPI.node(on: database, clock: clock, seed: 1) { a in
                var tokens: [String] = []
                for n in 0..<8 {
                    let organization = try await a.createOrganization(name: "Scanner \(n)", kind: "researcher")
                    tokens.append(try await a.mintToken(for: organization, role: "analyst").token)
                }
                let frozen = tokens
                try await TestAPI.node(on: database, clock: clock, seed: 2, bootstrapped: a.bootstrapped) { b in
                    // Rounds of eight claims at once, half through each node, all overlapping one another.
                    for round in 0..<4 {
                        let scope = #"{"kind": "pkg", "purl": "pkg:npm/race-\#(round)", "range": "vers:npm/>=\#(round).0.0"}"#
                        let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                            for (index, token) in frozen.enumerated() {
                                let node = index.isMultiple(of: 2) ? a : b
                                group.addTask {
                                    try await node.send(.post, "/v1/scans", token: token, json: ScansAPITests.claim(scope)).status
                                }
                            }
                            return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                        }
                        #expect(statuses.filter { $0 == .created }.count == 1, "round \(round): \(statuses)")
                        #expect(statuses.filter { $0 == .conflict }.count == 7, "round \(round): \(statuses)")
                    }
                }
            }
        }
    }
}
