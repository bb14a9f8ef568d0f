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
        try VersionSchemes.checkLength(text)
        let trimmed = text.trimmingSpaces
        guard Self.isWellFormed(trimmed) else {
            throw VersionError("`\(text)` is not a RubyGems version: digits, dot-separated letters and digits, `-`.")
        }
        description = trimmed.isEmpty ? "0" : trimmed
        // Well-formed text is ASCII letters, digits, `.` and `-`: segments are runs of digits or of letters.
        let bytes = Self.replacingDashes(description)
        var all: [Segment] = []
        var start = 0
        while start < bytes.count {
            guard bytes[start] != UInt8(ascii: ".") else {
                start += 1
                continue
            }
            let isDigit = ASCII.isDigit(bytes[start])
            var end = start + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "."), ASCII.isDigit(bytes[end]) == isDigit { end += 1 }
            let run = bytes[start..<end]
            all.append(
                isDigit
                    ? .number(String(decoding: run.drop { $0 == UInt8(ascii: "0") }, as: UTF8.self))
                    : .text(String(decoding: run, as: UTF8.self)))
            start = end
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
        let bytes = text.utf8
        if bytes.isEmpty { return true }
        let dash = bytes.firstIndex(of: UInt8(ascii: "-"))
        let releaseParts = bytes[..<(dash ?? bytes.endIndex)].split(
            separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard let first = releaseParts.first, !first.isEmpty, first.allSatisfy(ASCII.isDigit),
            releaseParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(ASCII.isAlphanumeric) })
        else { return false }
        guard let dash else { return true }
        return bytes[bytes.index(after: dash)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") } }
    }

    /// The text's bytes with each `-` read as `.pre.`, as `Gem::Version` reads it.
    private static func replacingDashes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") { bytes.append(contentsOf: ".pre.".utf8) } else { bytes.append(byte) }
        }
        return bytes
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        // Printable ASCII at both ends, the usual case, is not white space.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        guard let first = first, let last = last, first.isWhitespace || last.isWhitespace else { return self }
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}

/// RubyGems' versions (`vers:gem`).
public struct RubyGemsScheme: VersionScheme {
    public let name = "gem"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> RubyGemsVersion {
        try RubyGemsVersion(parsing: text)
    }
}
