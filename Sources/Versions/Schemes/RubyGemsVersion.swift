/// A RubyGems version, ordered as `Gem::Version` orders it.
///
/// Segments are runs of digits or of letters (`1.0.0.pre2` is `1, 0, 0, "pre", 2`; a `-` stands for `.pre.`).
/// Trailing zeros of the numeric part and of the pre-release part are ignored; letters sort below numbers, so a
/// version with a letter segment is a pre-release of the version before it.
public struct RubyGemsVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case number(String)
        case text(String)
    }

    public let description: String
    let segments: [Segment]

    /// Parses a version: digits, then dot-separated alphanumeric segments, then an optional `-` pre-release.
    ///
    /// - Throws: `VersionError` when the text is not in that shape.
    public init(parsing text: String) throws(VersionError) {
        let trimmed = text.trimmingSpaces
        guard Self.isWellFormed(trimmed) else {
            throw VersionError("`\(text)` is not a RubyGems version: digits, dot-separated letters and digits, `-`.")
        }
        description = trimmed.isEmpty ? "0" : trimmed
        var all: [Segment] = []
        var current = ""
        var currentIsDigit = false
        for character in description.replacingDashes {
            let isDigit = character.isASCII && character.isNumber
            let isLetter = character.isASCII && character.isLetter
            if !current.isEmpty && (!(isDigit || isLetter) || isDigit != currentIsDigit) {
                all.append(currentIsDigit ? .number(String(current.drop { $0 == "0" })) : .text(current))
                current = ""
            }
            if isDigit || isLetter {
                current.append(character)
                currentIsDigit = isDigit
            }
        }
        if !current.isEmpty {
            all.append(currentIsDigit ? .number(String(current.drop { $0 == "0" })) : .text(current))
        }
        // Canonical segments: trailing zeros dropped from the release part and from the pre-release part.
        let firstText = all.firstIndex { if case .text = $0 { true } else { false } } ?? all.count
        segments = Self.droppingTrailingZeros(all[..<firstText]) + Self.droppingTrailingZeros(all[firstText...])
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) < 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(segments)
    }

    /// Whether a segment is a pre-release marker.
    public var isPrerelease: Bool {
        segments.contains { if case .text = $0 { true } else { false } }
    }

    /// The release part's numbers, for `~>` ranges.
    var releaseNumbers: [String] {
        segments.prefix { if case .number = $0 { true } else { false } }.map { segment in
            if case .number(let digits) = segment { digits } else { "" }
        }
    }

    static func order(_ lhs: Self, _ rhs: Self) -> Int {
        for index in 0..<max(lhs.segments.count, rhs.segments.count) {
            let left = index < lhs.segments.count ? lhs.segments[index] : .number("")
            let right = index < rhs.segments.count ? rhs.segments[index] : .number("")
            let order: Int
            switch (left, right) {
            case (.number(let l), .number(let r)): order = Order.digits(l[...].utf8, r[...].utf8)
            case (.text, .number): order = -1
            case (.number, .text): order = 1
            case (.text(let l), .text(let r)): order = Order.bytes(l.utf8, r.utf8)
            }
            if order != 0 { return order }
        }
        return 0
    }

    private static func droppingTrailingZeros(_ segments: ArraySlice<Segment>) -> [Segment] {
        var segments = Array(segments)
        while segments.last == .number("") { segments.removeLast() }
        return segments
    }

    /// `Gem::Version`'s pattern: `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`, or empty.
    private static func isWellFormed(_ text: String) -> Bool {
        if text.isEmpty { return true }
        let (release, prerelease) =
            text.firstIndex(of: "-").map { (text[..<$0], Optional(text[text.index(after: $0)...])) }
            ?? (text[...], nil)
        let releaseParts = release.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = releaseParts.first, !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isNumber }),
            releaseParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return false }
        guard let prerelease else { return true }
        return prerelease.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        guard let first = first, let last = last, first.isWhitespace || last.isWhitespace else { return self }
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }

    fileprivate var replacingDashes: String {
        split(separator: "-", omittingEmptySubsequences: false).joined(separator: ".pre.")
    }
}

/// RubyGems' versions (`vers:gem`).
public struct RubyGemsScheme: VersionScheme {
    public let name = "gem"

    public init() {}

    public func parse(_ text: String) throws(VersionError) -> RubyGemsVersion {
        try RubyGemsVersion(parsing: text)
    }
}
