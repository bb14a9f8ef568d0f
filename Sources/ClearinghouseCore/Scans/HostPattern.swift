/// A DNS name (`portal.hospital.example`) or a wildcard for every name under one (`*.hospital.example`), as a scan
/// scope names hosts.
///
/// Names are ASCII (an internationalized name is written in its `xn--` form), compared in lower case without a
/// trailing dot: labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen, 253 characters
/// in all. A name that is an IPv4 address belongs in a CIDR scope and is refused here.
public struct HostPattern: Sendable, Hashable, CustomStringConvertible {
    /// The name, or for a wildcard the name under which every host matches.
    public let name: String
    /// Whether the pattern is `*.name`: every name under `name`, not `name` itself.
    public let isWildcard: Bool

    public static let maximumLength = 253

    public init(parsing text: String) throws(ClearinghouseError) {
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let isWildcard = name.hasPrefix("*.")
        if isWildcard { name.removeFirst(2) }
        guard !name.isEmpty, name.utf8.count <= Self.maximumLength else {
            throw Self.invalid(text, "a name is 1 to \(Self.maximumLength) characters")
        }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.utf8.count) else {
                throw Self.invalid(text, "each label between dots has 1 to 63 characters")
            }
            guard label.utf8.allSatisfy({ Self.isLabelByte($0) }) else {
                throw Self.invalid(
                    text, "labels hold ASCII letters, digits and hyphens (write an internationalized name as xn--)")
            }
            guard label.first != "-", label.last != "-" else {
                throw Self.invalid(text, "a label neither starts nor ends with a hyphen")
            }
        }
        guard !(labels.count == 4 && labels.allSatisfy { $0.utf8.allSatisfy { (48...57).contains($0) } }) else {
            throw Self.invalid(text, "an IP address is scoped with `cidr`")
        }
        self.name = name
        self.isWildcard = isWildcard
    }

    /// Whether some host matches both: equal names, a name under a wildcard, or two wildcards one under the other.
    public func overlaps(_ other: HostPattern) -> Bool {
        switch (isWildcard, other.isWildcard) {
        case (false, false): name == other.name
        case (true, false): other.name.hasSuffix("." + name)
        case (false, true): name.hasSuffix("." + other.name)
        case (true, true): name == other.name || name.hasSuffix("." + other.name) || other.name.hasSuffix("." + name)
        }
    }

    /// Whether every host `other` matches, this matches too: the same name or wildcard, or a name or wildcard under
    /// this wildcard.
    public func contains(_ other: HostPattern) -> Bool {
        if isWildcard {
            return other.name.hasSuffix("." + name) || (other.isWildcard && other.name == name)
        }
        return !other.isWildcard && other.name == name
    }

    public var description: String { isWildcard ? "*." + name : name }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        (97...122).contains(byte) || (48...57).contains(byte) || byte == 45
    }

    private static func invalid(_ text: String, _ reason: String) -> ClearinghouseError {
        .invalidField("scope.host", "`\(text.prefix(maximumLength))` is not a host name or wildcard: \(reason).")
    }
}
