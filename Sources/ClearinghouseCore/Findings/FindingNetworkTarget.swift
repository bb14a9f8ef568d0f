/// Where on a network a finding was observed, when it is about someone's infrastructure rather than (only) software:
/// one host by name or one address, the port, and the scan lease of the reporter's it was found under.
///
/// ```json
/// "network": {"host": "portal.hospital.example", "port": 443, "lease": "0193…"}
/// "network": {"address": "192.0.2.10"}
/// ```
///
/// Scanning infrastructure needs its owner's consent, so a finding that names no lease of its reporter covering the
/// place is kept but flagged (``UnauthorizedScan``).
public struct FindingNetworkTarget: Sendable, Hashable {
    /// The place as a `net` scope of one host (no wildcard) or one address (`/32`, `/128`).
    public let place: ScanScope
    public let port: Int?
    /// The reporter's lease the finding was found under.
    public let lease: ScanLease.ID?

    /// Checks a place as a finding names it.
    ///
    /// - Throws: `invalid_field` (`network.host`, `network.address`, `network.port`) with what would be accepted.
    public init(host: String?, address: String?, port: Int?, lease: ScanLease.ID?) throws(ClearinghouseError) {
        switch (host, address) {
        case (let host?, nil):
            let pattern = try Self.renamed(to: "network.host") { () throws(ClearinghouseError) in
                try HostPattern(parsing: host)
            }
            guard !pattern.isWildcard else {
                throw .invalidField("network.host", "`network.host` names one host, not a wildcard.")
            }
            place = .host(pattern)
        case (nil, let address?):
            guard !address.contains("/") else {
                throw .invalidField(
                    "network.address", "`network.address` is one IPv4 or IPv6 address, without a prefix.")
            }
            let network = try Self.renamed(to: "network.address") { () throws(ClearinghouseError) in
                try NetworkRange(parsing: address)
            }
            place = .network(network)
        default:
            throw .invalidField("network.host", "`network` names either a `host` or an `address`.")
        }
        if let port, !(1...65_535).contains(port) {
            throw .invalidField("network.port", "`network.port` is a number from 1 to 65535.")
        }
        self.port = port
        self.lease = lease
    }

    /// The host name, or the address without its prefix length.
    public var text: String {
        switch place {
        case .network(let network): String(network.description.prefix { $0 != "/" })
        default: place.description
        }
    }

    /// A scope parser's error, named after the field it came from here.
    private static func renamed<T>(
        to field: String, _ parse: () throws(ClearinghouseError) -> T
    )
        throws(ClearinghouseError) -> T
    {
        do {
            return try parse()
        } catch {
            throw .invalidField(field, error.message)
        }
    }
}

/// As the finding document writes it: `host` or `address`, `port`, `lease`; unknown fields refused.
extension FindingNetworkTarget: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case host, address, port, lease
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                host: try container.decodeIfPresent(String.self, forKey: .host),
                address: try container.decodeIfPresent(String.self, forKey: .address),
                port: try container.decodeIfPresent(Int.self, forKey: .port),
                lease: try container.decodeIfPresent(ScanLease.ID.self, forKey: .lease))
        } catch let error as ClearinghouseError {
            let key = CodingKeys.allCases.first { error.field == "network." + $0.rawValue } ?? .host
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if case .network = place {
            try container.encode(text, forKey: .address)
        } else {
            try container.encode(text, forKey: .host)
        }
        try container.encodeIfPresent(port, forKey: .port)
        try container.encodeIfPresent(lease, forKey: .lease)
    }
}
