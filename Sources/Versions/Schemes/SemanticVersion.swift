/// A Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
///
/// Precedence is the specification's: build metadata is ignored, a pre-release is lower than its release, and
/// pre-release identifiers compare numerically when both are numeric, numeric below alphanumeric otherwise.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One dot-separated pre-release identifier.
    public enum Identifier: Sendable, Hashable {
        /// Digits only, without leading zeros.
        case numeric(String)
        case alphanumeric(String)

        /// The identifier as written.
        public var text: String {
            switch self {
            case .numeric(let value), .alphanumeric(let value): value
            }
        }
    }

    public let major: UInt64
    public let minor: UInt64
    public let patch: UInt64
    public let prerelease: [Identifier]
    /// Build metadata, without the `+`; it takes no part in precedence.
    public let build: String?

    /// Parses a version in the specification's grammar (no prefix, no leading zeros).
    ///
    /// - Throws: `VersionError` naming the part at fault.
    public init(parsing text: some StringProtocol) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        var rest = Substring(text)
        if let release = Self.release(rest.utf8) {
            (major, minor, patch) = release
            prerelease = []
            build = nil
            return
        }
        var build: String?
        if let plus = rest.firstIndex(of: "+") {
            let metadata = rest[rest.index(after: plus)...]
            guard Self.areIdentifiers(metadata) else {
                throw VersionError(
                    "The build metadata `\(metadata)` must be dot-separated non-empty [0-9A-Za-z-] identifiers.")
            }
            build = String(metadata)
            rest = rest[..<plus]
        }
        var prerelease: [Identifier] = []
        if let dash = rest.firstIndex(of: "-") {
            let text = rest[rest.index(after: dash)...]
            guard Self.areIdentifiers(text) else {
                throw VersionError(
                    "The pre-release `\(text)` must be dot-separated non-empty [0-9A-Za-z-] identifiers.")
            }
            for part in text.split(separator: ".") {
                if part.utf8.allSatisfy(ASCII.isDigit) {
                    guard part == "0" || part.first != "0" else {
                        throw VersionError("The pre-release identifier `\(part)` has a leading zero.")
                    }
                    prerelease.append(.numeric(String(part)))
                } else {
                    prerelease.append(.alphanumeric(String(part)))
                }
            }
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else {
            throw VersionError("`\(text)` is not MAJOR.MINOR.PATCH.")
        }
        var numbers: [UInt64] = []
        for (part, label) in zip(core, ["major", "minor", "patch"]) {
            guard !part.isEmpty, part.utf8.allSatisfy(ASCII.isDigit), let value = UInt64(part) else {
                throw VersionError("The \(label) version `\(part)` is not a number.")
            }
            guard part == "0" || part.first != "0" else {
                throw VersionError("The \(label) version `\(part)` has a leading zero.")
            }
            numbers.append(value)
        }
        (major, minor, patch) = (numbers[0], numbers[1], numbers[2])
        self.prerelease = prerelease
        self.build = build
    }

    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty {
            text +=
                "-"
                + prerelease.map(\.text).joined(separator: ".")
        }
        if let build { text += "+" + build }
        return text
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        order(lhs, rhs) == 0
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        order(lhs, rhs) < 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    static func order(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.major != rhs.major { return Order.of(lhs.major, rhs.major) }
        if lhs.minor != rhs.minor { return Order.of(lhs.minor, rhs.minor) }
        if lhs.patch != rhs.patch { return Order.of(lhs.patch, rhs.patch) }
        return Order.prereleases(lhs.prerelease.lazy.map(\.text), rhs.prerelease.lazy.map(\.text))
    }

    /// A bare `MAJOR.MINOR.PATCH`, the common case, read in one pass over the bytes; `nil` for anything else,
    /// which the full grammar then reads (and explains when it is wrong).
    private static func release(_ bytes: Substring.UTF8View) -> (UInt64, UInt64, UInt64)? {
        var numbers: (major: UInt64, minor: UInt64) = (0, 0)
        var dots = 0
        var value: UInt64 = 0
        var digits = 0
        var leadingZero = false
        for byte in bytes {
            if ASCII.isDigit(byte) {
                // 19 digits always fit in a UInt64; longer numbers take the general path.
                guard digits < 19 else { return nil }
                if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
            } else if byte == UInt8(ascii: "."), digits > 0, !(leadingZero && digits > 1), dots < 2 {
                if dots == 0 { numbers.major = value } else { numbers.minor = value }
                dots += 1
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard dots == 2, digits > 0, !(leadingZero && digits > 1) else { return nil }
        return (numbers.major, numbers.minor, value)
    }

    private static func areIdentifiers(_ text: Substring) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty
                && part.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }
}

/// Semantic Versioning as ecosystems use it: strict for crates.io and plain SemVer; with an optional `v` for Go
/// modules (whose pseudo-versions, `v0.0.0-20191109021931-daa7c04131f5`, are pre-releases and order by time); with
/// node-semver's `v`/`=` prefixes and surrounding spaces for npm.
public struct SemanticVersionScheme: VersionScheme {
    public let name: String
    private let prefixes: [UInt8]
    private let trimsSpaces: Bool

    /// Plain SemVer 2.0.0 (`vers:semver`).
    public static let semver = SemanticVersionScheme(name: "semver", prefixes: [], trimsSpaces: false)
    /// crates.io: SemVer 2.0.0.
    public static let cargo = SemanticVersionScheme(name: "cargo", prefixes: [], trimsSpaces: false)
    /// Go modules: SemVer with an optional `v`.
    public static let golang = SemanticVersionScheme(name: "golang", prefixes: [UInt8(ascii: "v")], trimsSpaces: false)
    /// npm: node-semver's parsing of a single version.
    public static let npm = SemanticVersionScheme(
        name: "npm", prefixes: [UInt8(ascii: "v"), UInt8(ascii: "=")], trimsSpaces: true)

    public func read(_ text: String) throws(VersionError) -> SemanticVersion {
        var rest = Substring(text)
        if trimsSpaces {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            while rest.last == " " || rest.last == "\t" { rest = rest.dropLast() }
        }
        while let first = rest.utf8.first, prefixes.contains(first) {
            rest = rest[rest.utf8.index(after: rest.startIndex)...]
        }
        return try SemanticVersion(parsing: rest)
    }
}
