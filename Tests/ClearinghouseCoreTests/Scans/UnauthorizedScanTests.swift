import ClearinghouseCore
import Foundation
import Testing

/// A finding about infrastructure rests on a lease of its reporter whose scope holds the place, started by the time
/// it is reported; the owner of a place is found among the scopes that contain it.
@Suite struct UnauthorizedScanTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let reporter = Organization.ID(UUID())

    func lease(
        _ scope: ScanScope, holder: Organization.ID? = nil, startingIn offset: TimeInterval = -60
    ) throws
        -> ScanLease
    {
        let claim = try ScanClaim(
            scope: scope, technique: .network, agent: ScanProvenance(tool: "nmap", model: nil, version: "7.94"),
            startsAt: now.addingTimeInterval(offset), durationSeconds: 3_600, allowsOverlap: false,
            now: now.addingTimeInterval(min(offset, 0)), policy: ScanPolicy())
        return ScanLease(
            id: ScanLease.ID(UUID()), holder: holder ?? reporter, claim: claim, heartbeatAt: now, createdAt: now)
    }

    func network(_ cidr: String) throws -> ScanScope { try ScanScope(.init(kind: "net", cidr: cidr)) }

    @Test func aPlaceIsAuthorizedOnlyByItsReportersStartedLeaseThatHoldsIt() throws {
        let held = try lease(network("192.0.2.0/24"))
        func place(_ address: String, lease: ScanLease.ID? = held.id) throws -> FindingNetworkTarget {
            try FindingNetworkTarget(host: nil, address: address, port: 22, lease: lease)
        }
        let judge = { (place: FindingNetworkTarget, lease: ScanLease?) in
            UnauthorizedScan.reason(for: place, lease: lease, reporter: self.reporter, at: self.now)
        }
        #expect(judge(try place("192.0.2.77"), held) == nil)
        #expect(judge(try place("192.0.2.77", lease: nil), nil) == .noLease)
        #expect(judge(try place("192.0.2.77"), nil) == .unknownLease)
        #expect(
            judge(try place("192.0.2.77"), try lease(network("192.0.2.0/24"), holder: Organization.ID(UUID())))
                == .unknownLease)
        #expect(judge(try place("198.51.100.1"), held) == .outsideLease)
        let later = try lease(network("192.0.2.0/24"), startingIn: 600)
        #expect(judge(try place("192.0.2.77", lease: later.id), later) == .beforeLease)
        let named = try lease(ScanScope(.init(kind: "net", host: "*.hospital.example")))
        let portal = try FindingNetworkTarget(
            host: "Portal.Hospital.example.", address: nil, port: nil, lease: named.id)
        #expect(judge(portal, named) == nil)
        #expect(portal.text == "portal.hospital.example")
    }

    @Test func theScopesHoldingAPlaceRunFromItselfOutward() throws {
        let address = try FindingNetworkTarget(host: nil, address: "192.0.2.77", port: nil, lease: nil).place
        let containers = address.containers.map(\.description)
        #expect(containers.count == 33)
        #expect(containers.prefix(3) == ["192.0.2.77/32", "192.0.2.76/31", "192.0.2.76/30"])
        #expect(containers.contains("192.0.2.0/24") && containers.last == "0.0.0.0/0")
        let v6 = try FindingNetworkTarget(host: nil, address: "2001:db8::1", port: nil, lease: nil).place
        let v6Network = try network("2001:db8::/32")
        #expect(v6.containers.count == 129 && v6.containers.contains(v6Network))
        let host = try FindingNetworkTarget(host: "a.portal.hospital.example", address: nil, port: nil, lease: nil)
            .place
        #expect(
            host.containers.map(\.description) == [
                "a.portal.hospital.example", "*.portal.hospital.example", "*.hospital.example", "*.example",
            ])
        #expect(host.containers.allSatisfy { $0.contains(host) })
        #expect(try ScanScope(.init(kind: "pkg", purl: "pkg:npm/left-pad")).containers.isEmpty)
    }

    @Test(
        arguments: [
            (nil, "192.0.2.0/24", "network.address"), (nil, "192.0.2.300", "network.address"),
            ("*.hospital.example", nil, "network.host"), ("a.example", "192.0.2.1", "network.host"),
            (nil, nil, "network.host"), ("192.0.2.1", nil, "network.host"),
        ] as [(String?, String?, String)])
    func malformedPlacesNameTheirField(host: String?, address: String?, field: String) {
        do {
            _ = try FindingNetworkTarget(host: host, address: address, port: nil, lease: nil)
            Issue.record("\(host ?? "-") \(address ?? "-") was accepted")
        } catch {
            #expect(error.field == field, "\(error.message)")
        }
    }
}
