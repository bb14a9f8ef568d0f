/// A NuGet version, ordered as NuGet's `NuGetVersion` orders it: one to four numbers (missing ones are zero,
/// leading zeros allowed), an optional pre-release whose dot-separated labels compare case-insensitively
/// (numeric labels numerically and below alphanumeric ones), and build metadata that takes no part.
public struct NuGetVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let description: String
    let numbers: [String]
    /// Lower-cased pre-release labels.
    let prerelease: [String]

    /// Parses a version.
    ///
    /// - Throws: `VersionError` naming the part at fault.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        description = text
        var rest = Substring(text)
        if let plus = rest.utf8.firstIndex(of: UInt8(ascii: "+")) {
            let metadata = rest[rest.utf8.index(after: plus)...]
            guard Self.areLabels(metadata) else {
                throw VersionError("The metadata of `\(text)` must be dot-separated [0-9A-Za-z-] labels.")
            }
            rest = rest[..<plus]
        }
        var prerelease: [String] = []
        if let dash = rest.utf8.firstIndex(of: UInt8(ascii: "-")) {
            let labels = rest[rest.utf8.index(after: dash)...]
            guard Self.areLabels(labels) else {
                throw VersionError("The pre-release of `\(text)` must be dot-separated [0-9A-Za-z-] labels.")
            }
            prerelease = labels.split(separator: ".").map { $0.lowercased() }
            rest = rest[..<dash]
        }
        let parts = rest.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(ASCII.isDigit) }) else {
            throw VersionError("`\(text)` does not start with one to four dot-separated numbers.")
        }
        var numbers = parts.map { String(decoding: $0.drop { $0 == UInt8(ascii: "0") }, as: UTF8.self) }
        while numbers.count < 4 { numbers.append("") }
        self.numbers = numbers
        self.prerelease = prerelease
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) < 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numbers)
        hasher.combine(prerelease)
    }

    static func order(_ lhs: Self, _ rhs: Self) -> Int {
        for (left, right) in zip(lhs.numbers, rhs.numbers) {
            let order = Order.digits(left[...].utf8, right[...].utf8)
            if order != 0 { return order }
        }
        return Order.prereleases(lhs.prerelease, rhs.prerelease)
    }

    private static func areLabels(_ text: Substring) -> Bool {
        text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }
}

/// NuGet's versions (`vers:nuget`).
public struct NuGetScheme: VersionScheme {
    public let name = "nuget"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> NuGetVersion {
        try NuGetVersion(parsing: text)
    }
}
