/// An RPM package version, `[epoch:]version[-release]`, ordered as `rpmvercmp` orders it (and, with `alpm`
/// rules, as Arch Linux's `vercmp` does).
///
/// Versions split into runs of digits and runs of letters, other characters only separating them; digit runs
/// compare by value and beat letter runs; with RPM rules `~` sorts before anything, even the end, and `^` after
/// the end but before anything else.
public struct RPMVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Which program's comparison to follow.
    public enum Rules: Sendable, Hashable {
        /// rpm 4.15+: `~` and `^`; a missing release sorts first.
        case rpm
        /// pacman: separator lengths count; a release is compared only when both versions have one.
        case alpm
    }

    public let epoch: String
    public let version: String
    public let release: String?
    public let rules: Rules

    /// Parses a version.
    ///
    /// - Throws: `VersionError` when a part is empty or the epoch is not a number.
    public init(parsing text: String, rules: Rules) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        var rest = Substring(text)
        var epoch: Substring = "0"
        if let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")) {
            epoch = rest[..<colon]
            guard !epoch.isEmpty, epoch.utf8.allSatisfy(ASCII.isDigit) else {
                throw VersionError("The epoch of `\(text)` is not a number.")
            }
            rest = rest[rest.utf8.index(after: colon)...]
        }
        var release: Substring?
        if let dash = rest.utf8.lastIndex(of: UInt8(ascii: "-")) {
            release = rest[rest.utf8.index(after: dash)...]
            rest = rest[..<dash]
        }
        guard !rest.isEmpty, release?.isEmpty != true, !ASCII.hasWhitespace(text) else {
            throw VersionError("`\(text)` is not [epoch:]version[-release] with non-empty parts and no spaces.")
        }
        if rules == .alpm {
            // pacman compares separators by length, which orders only versions made of letters, digits and `._+`.
            let isAllowed = { (byte: UInt8) in ASCII.isAlphanumeric(byte) || "._+".utf8.contains(byte) }
            guard rest.utf8.allSatisfy(isAllowed), release?.utf8.allSatisfy(isAllowed) != false else {
                throw VersionError("An Arch Linux version is letters, digits, `.`, `_` and `+`: `\(text)`.")
            }
        }
        self.epoch = String(epoch)
        version = String(rest)
        self.release = release.map(String.init)
        self.rules = rules
    }

    public var description: String {
        (epoch == "0" ? "" : "\(epoch):") + version + (release.map { "-\($0)" } ?? "")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) < 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch.drop { $0 == "0" })
    }

    static func order(_ lhs: Self, _ rhs: Self) -> Int {
        let epoch = Order.digits(lhs.epoch[...].utf8, rhs.epoch[...].utf8)
        if epoch != 0 { return epoch }
        let compare = lhs.rules == .rpm ? rpmvercmp : alpmvercmp
        let version = ASCII.withBytes(lhs.version, rhs.version, compare)
        if version != 0 { return version }
        switch (lhs.release, rhs.release, lhs.rules) {
        case (let left?, let right?, _): return ASCII.withBytes(left, right, compare)
        case (_, _, .alpm): return 0
        case (nil, nil, .rpm): return 0
        case (nil, _, .rpm): return -1
        case (_, nil, .rpm): return 1
        }
    }

    /// rpm's `rpmvercmp`.
    static func rpmvercmp(_ a: Bytes, _ b: Bytes) -> Int {
        if a.elementsEqual(b) { return 0 }
        var (i, j) = (0, 0)
        let tilde = UInt8(ascii: "~")
        let caret = UInt8(ascii: "^")
        while i < a.count || j < b.count {
            while i < a.count && !ASCII.isAlphanumeric(a[i]) && a[i] != tilde && a[i] != caret { i += 1 }
            while j < b.count && !ASCII.isAlphanumeric(b[j]) && b[j] != tilde && b[j] != caret { j += 1 }
            let left = i < a.count ? a[i] : nil
            let right = j < b.count ? b[j] : nil
            if left == tilde || right == tilde {
                if left != tilde { return 1 }
                if right != tilde { return -1 }
                i += 1
                j += 1
                continue
            }
            if left == caret || right == caret {
                if left == nil { return -1 }
                if right == nil { return 1 }
                if left != caret { return 1 }
                if right != caret { return -1 }
                i += 1
                j += 1
                continue
            }
            guard left != nil, right != nil else { break }
            if let order = compareSegments(a, &i, b, &j) { return order }
        }
        if i >= a.count && j >= b.count { return 0 }
        return i < a.count ? 1 : -1
    }

    /// pacman's `rpmvercmp` (libalpm `version.c`).
    static func alpmvercmp(_ a: Bytes, _ b: Bytes) -> Int {
        if a.elementsEqual(b) { return 0 }
        var (i, j) = (0, 0)
        var (segmentEndA, segmentEndB) = (0, 0)
        while i < a.count && j < b.count {
            while i < a.count && !ASCII.isAlphanumeric(a[i]) { i += 1 }
            while j < b.count && !ASCII.isAlphanumeric(b[j]) { j += 1 }
            guard i < a.count && j < b.count else { break }
            if i - segmentEndA != j - segmentEndB {
                return i - segmentEndA < j - segmentEndB ? -1 : 1
            }
            if let order = compareSegments(a, &i, b, &j) { return order }
            (segmentEndA, segmentEndB) = (i, j)
        }
        if i >= a.count && j >= b.count { return 0 }
        // A remaining letter run never beats the end of the other version.
        if (i >= a.count && !ASCII.isLetter(b[j])) || (i < a.count && ASCII.isLetter(a[i])) { return -1 }
        return 1
    }

    /// Compares the digit or letter run starting at `i` in `a` with the run of the same kind at `j` in `b`, and
    /// moves both past it; `nil` when they are equal.
    private static func compareSegments(_ a: Bytes, _ i: inout Int, _ b: Bytes, _ j: inout Int) -> Int? {
        let isNumeric = ASCII.isDigit(a[i])
        let belongs = isNumeric ? ASCII.isDigit : ASCII.isLetter
        let startA = i
        let startB = j
        while i < a.count && belongs(a[i]) { i += 1 }
        while j < b.count && belongs(b[j]) { j += 1 }
        // Different kinds of run: numbers are newer than letters.
        if startB == j { return isNumeric ? 1 : -1 }
        let order =
            isNumeric
            ? Order.digits(
                Substring(decoding: a[startA..<i], as: UTF8.self).utf8,
                Substring(decoding: b[startB..<j], as: UTF8.self).utf8)
            : Order.bytes(a[startA..<i], b[startB..<j])
        return order == 0 ? nil : order
    }

    typealias Bytes = UnsafeBufferPointer<UInt8>

}

/// RPM-based distributions' versions (`vers:rpm`), or Arch Linux's (`vers:alpm`).
public struct RPMScheme: VersionScheme {
    public let name: String
    private let rules: RPMVersion.Rules

    /// Red Hat, Fedora, SUSE, Rocky, AlmaLinux ...
    public static let rpm = RPMScheme(name: "rpm", rules: .rpm)
    /// Arch Linux (pacman).
    public static let alpm = RPMScheme(name: "alpm", rules: .alpm)

    public func read(_ text: String) throws(VersionError) -> RPMVersion {
        try RPMVersion(parsing: text, rules: rules)
    }
}
