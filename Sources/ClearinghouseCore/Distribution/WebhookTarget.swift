public import Foundation

/// Where an operator asks webhooks to be delivered: an `https` URL, read strictly, whose host is a public name or a
/// public address. A URL that names a loopback, private, link-local or otherwise reserved address, or a name that
/// stands for one (`localhost`, `*.internal`), is refused unless the instance allows private targets, so that the
/// clearinghouse cannot be used to reach what sits behind it. A name can still resolve to such an address: the
/// deliverer checks every address it connects to with ``isPublic(_:)``.
public struct WebhookTarget: Sendable, Hashable, CustomStringConvertible {
    /// The URL, as given.
    public let url: String
    /// The host, in lower case, without brackets.
    public let host: String

    public static let maximumLength = 2_048

    /// Reads a target URL.
    ///
    /// - Parameter allowsPrivate: whether the instance delivers to loopback and private addresses (a lab, a test);
    ///   it also allows `http`.
    /// - Throws: `invalid_field` for `url`, saying what is wrong.
    public init(parsing text: String, allowsPrivate: Bool) throws(ClearinghouseError) {
        guard text.utf8.count <= Self.maximumLength, !text.isEmpty,
            text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }),
            let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            let rawHost = components.host, !rawHost.isEmpty
        else {
            throw .invalidField("url", "`url` is an absolute `https` URL of at most \(Self.maximumLength) characters.")
        }
        guard scheme == "https" || (allowsPrivate && scheme == "http") else {
            throw .invalidField("url", "Webhooks are delivered over `https` only.")
        }
        guard components.user == nil, components.password == nil, components.fragment == nil else {
            throw .invalidField("url", "`url` may not hold credentials or a fragment; the payload is signed instead.")
        }
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let address = try? NetworkRange(parsing: host) {
            guard allowsPrivate || Self.isPublic(address) else {
                throw .invalidField(
                    "url", "`\(host)` is a loopback, private or reserved address; webhooks go to public addresses only."
                )
            }
        } else {
            guard (try? HostPattern(parsing: host)).map({ !$0.isWildcard }) == true else {
                throw .invalidField("url", "`\(host)` is not a host name or an address.")
            }
            let name = host.hasSuffix(".") ? String(host.dropLast()) : host
            guard allowsPrivate || !Self.privateNames.contains(where: { name == $0 || name.hasSuffix("." + $0) })
            else {
                throw .invalidField("url", "`\(host)` names a private host; webhooks go to public hosts only.")
            }
        }
        self.url = text
        self.host = host
    }

    /// Whether an address is one webhooks may be delivered to: not loopback, private, shared, link-local,
    /// documentation, benchmarking, multicast or otherwise reserved (IPv4 addresses mapped into IPv6 included).
    public static func isPublic(_ address: NetworkRange) -> Bool {
        !reserved.contains { $0.contains(address) }
    }

    public var description: String { url }

    /// Names that stand for hosts of one's own network (RFC 6761, RFC 8375, ICANN's `.internal`).
    static let privateNames = ["localhost", "local", "internal", "home.arpa", "localdomain", "lan"]

    /// The special-purpose ranges of IANA's IPv4 and IPv6 registries that are not globally reachable.
    static let reserved: [NetworkRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
        "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/127", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
        "2002::/16", "fc00::/7", "fe80::/10", "ff00::/8",
    ].map { try! NetworkRange(parsing: $0) }
}
