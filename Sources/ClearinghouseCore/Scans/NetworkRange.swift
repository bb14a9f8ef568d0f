/// An IPv4 or IPv6 network in CIDR notation (`192.0.2.0/24`, `2001:db8::/32`); an address alone is a network of
/// one (`/32`, `/128`).
///
/// Read strictly: IPv4 octets are decimal without leading zeros (`010` could be read as octal), IPv6 has no zone
/// (`%eth0`), and an address with bits set past the prefix is refused with the network it probably means. The
/// canonical form writes IPv6 as RFC 5952 does (lower case, the longest run of zero groups compressed).
public struct NetworkRange: Sendable, Hashable, CustomStringConvertible {
    public enum Family: Sendable, Hashable {
        case ipv4, ipv6

        /// Bits in an address.
        var width: Int { self == .ipv4 ? 32 : 128 }
    }

    public let family: Family
    /// The network's address in the low 32 bits (IPv4) or all 128 bits (IPv6).
    let address: UInt128
    public let prefixLength: Int

    /// The longest text read.
    public static let maximumLength = 64

    public init(parsing text: String) throws(ClearinghouseError) {
        guard text.utf8.count <= Self.maximumLength, !text.isEmpty else {
            throw Self.invalid(text, "a network is 1 to \(Self.maximumLength) characters")
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let addressText = parts[0]
        let family: Family
        let address: UInt128
        if addressText.contains(":") {
            family = .ipv6
            guard let parsed = Self.ipv6(addressText) else { throw Self.invalid(text, "not an IPv6 address") }
            address = parsed
        } else {
            family = .ipv4
            guard let parsed = Self.ipv4(addressText) else {
                throw Self.invalid(text, "not an IPv4 address (four decimal numbers 0 to 255, no leading zeros)")
            }
            address = UInt128(parsed)
        }
        var prefixLength = family.width
        if parts.count == 2 {
            // Written exactly as the number reads back: no sign, no leading zero.
            guard let length = Int(parts[1]), (0...family.width).contains(length), parts[1] == String(length) else {
                throw Self.invalid(text, "the prefix length is a number from 0 to \(family.width)")
            }
            prefixLength = length
        }
        self.family = family
        self.address = address
        self.prefixLength = prefixLength
        let network = address & Self.mask(prefixLength, family)
        guard network == address else {
            let meant = NetworkRange(family: family, address: network, prefixLength: prefixLength)
            throw Self.invalid(text, "it has bits set past its prefix; the network is \(meant)")
        }
    }

    private init(family: Family, address: UInt128, prefixLength: Int) {
        self.family = family
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Whether some address lies in both networks: one contains the other. Networks of different families never
    /// overlap.
    public func overlaps(_ other: NetworkRange) -> Bool {
        guard family == other.family else { return false }
        let shorter = min(prefixLength, other.prefixLength)
        let mask = Self.mask(shorter, family)
        return address & mask == other.address & mask
    }

    /// Whether every address of `other` lies in this network.
    public func contains(_ other: NetworkRange) -> Bool {
        family == other.family && prefixLength <= other.prefixLength
            && address == other.address & Self.mask(prefixLength, family)
    }

    /// The network of `length` bits that holds this one (itself when its prefix is that short already).
    public func truncated(to length: Int) -> NetworkRange {
        let length = min(length, prefixLength)
        let network = address & Self.mask(length, family)
        return NetworkRange(family: family, address: network, prefixLength: length)
    }

    public var description: String {
        (family == .ipv4 ? Self.ipv4Text(UInt32(address)) : Self.ipv6Text(address)) + "/\(prefixLength)"
    }

    private static func invalid(_ text: String, _ reason: String) -> ClearinghouseError {
        .invalidField("scope.cidr", "`\(text.prefix(maximumLength))` is not a network in CIDR notation: \(reason).")
    }

    /// The first `length` bits of an address of the family set.
    private static func mask(_ length: Int, _ family: Family) -> UInt128 {
        guard length > 0 else { return 0 }
        let ones: UInt128 = family == .ipv6 ? .max : UInt128(UInt32.max)
        return ones & ~((1 << UInt128(family.width - length)) - 1)
    }

    // MARK: IPv4

    private static func ipv4(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy(\.isASCIIDigit),
                octet.count == 1 || octet.first != "0", let number = UInt32(octet), number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return value
    }

    private static func ipv4Text(_ value: UInt32) -> String {
        [24, 16, 8, 0].map { String(value >> UInt32($0) & 0xff) }.joined(separator: ".")
    }

    // MARK: IPv6

    private static func ipv6(_ text: Substring) -> UInt128? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2, var groups = groupValues(halves[0], allowsIPv4: halves.count == 1) else { return nil }
        if halves.count == 2 {
            // `::` stands for at least one group of zeros.
            guard let tail = groupValues(halves[1], allowsIPv4: true), groups.count + tail.count <= 7 else { return nil }
            groups += Array(repeating: 0, count: 8 - groups.count - tail.count) + tail
        }
        guard groups.count == 8 else { return nil }
        return groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    /// The 16-bit groups of one side of `::`; an IPv4 address may end the address (two groups).
    private static func groupValues(_ text: String, allowsIPv4: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowsIPv4, part.contains(".") {
                guard let value = ipv4(part) else { return nil }
                groups += [UInt16(value >> 16), UInt16(value & 0xffff)]
                continue
            }
            guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit), let value = UInt16(part, radix: 16)
            else { return nil }
            groups.append(value)
        }
        return groups
    }

    private static func ipv6Text(_ value: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> UInt128(112 - 16 * $0)) }
        // The longest run of two or more zero groups, the first on a tie, becomes `::`.
        var best: (start: Int, length: Int) = (0, 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8 && groups[index] == 0 { index += 1 }
            if index - start > best.length { best = (start, index - start) }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let before = hex[..<best.start].joined(separator: ":")
        let after = hex[(best.start + best.length)...].joined(separator: ":")
        return before + "::" + after
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
