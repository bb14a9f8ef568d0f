/// A Debian package version, `[epoch:]upstream[-revision]`, ordered as dpkg orders it: letters before other
/// characters, `~` before everything (even the end), digit runs by value.
public struct DebianVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let epoch: UInt64
    public let upstream: String
    /// The Debian revision; empty when absent.
    public let revision: String

    /// Parses a version as dpkg reads it.
    ///
    /// - Throws: `VersionError` naming the part at fault.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        var rest = Substring(text)
        var epoch: UInt64 = 0
        if let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")) {
            guard let value = UInt64(rest[..<colon]) else {
                throw VersionError("The epoch of `\(text)` is not a number.")
            }
            epoch = value
            rest = rest[rest.utf8.index(after: colon)...]
        }
        var revision: Substring = ""
        if let dash = rest.utf8.lastIndex(of: UInt8(ascii: "-")) {
            revision = rest[rest.utf8.index(after: dash)...]
            rest = rest[..<dash]
            guard !revision.isEmpty, revision.utf8.allSatisfy({ ASCII.isAlphanumeric($0) || "+.~".utf8.contains($0) })
            else {
                throw VersionError("The revision of `\(text)` must be letters, digits, `+`, `.` or `~`.")
            }
        }
        guard let first = rest.utf8.first, ASCII.isDigit(first) else {
            throw VersionError("The upstream version of `\(text)` must start with a digit.")
        }
        guard rest.utf8.allSatisfy({ ASCII.isAlphanumeric($0) || ".+~-:".utf8.contains($0) }) else {
            throw VersionError("The upstream version of `\(text)` must be letters, digits, `.`, `+`, `~`, `-` or `:`.")
        }
        self.epoch = epoch
        upstream = String(rest)
        self.revision = String(revision)
    }

    public var description: String {
        (epoch == 0 ? "" : "\(epoch):") + upstream + (revision.isEmpty ? "" : "-\(revision)")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) < 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
    }

    static func order(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.epoch != rhs.epoch { return Order.of(lhs.epoch, rhs.epoch) }
        let upstream = ASCII.withBytes(lhs.upstream, rhs.upstream, compare)
        return upstream != 0 ? upstream : ASCII.withBytes(lhs.revision, rhs.revision, compare)
    }

    /// dpkg's comparison of one part: alternating non-digit runs (compared by `weight`) and digit runs.
    static func compare(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
        var (i, j) = (0, 0)
        func isDigit(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
            index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
        while i < lhs.count || j < rhs.count {
            while (i < lhs.count && !isDigit(lhs, i)) || (j < rhs.count && !isDigit(rhs, j)) {
                let left = weight(i < lhs.count ? lhs[i] : nil)
                let right = weight(j < rhs.count ? rhs[j] : nil)
                if left != right { return left < right ? -1 : 1 }
                i += 1
                j += 1
            }
            while i < lhs.count && lhs[i] == UInt8(ascii: "0") { i += 1 }
            while j < rhs.count && rhs[j] == UInt8(ascii: "0") { j += 1 }
            var firstDifference = 0
            while isDigit(lhs, i) && isDigit(rhs, j) {
                if firstDifference == 0 { firstDifference = Order.of(lhs[i], rhs[j]) }
                i += 1
                j += 1
            }
            if isDigit(lhs, i) { return 1 }
            if isDigit(rhs, j) { return -1 }
            if firstDifference != 0 { return firstDifference }
        }
        return 0
    }

    /// A non-digit's place: `~` first, then the end of the part, then letters, then everything else.
    private static func weight(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        switch byte {
        case UInt8(ascii: "~"): return -1
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 0
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte)
        default: return Int(byte) + 256
        }
    }
}

/// Debian's and Ubuntu's versions (`vers:deb`).
public struct DebianScheme: VersionScheme {
    public let name = "deb"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> DebianVersion {
        try DebianVersion(parsing: text)
    }
}
