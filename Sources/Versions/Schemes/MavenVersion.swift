/// A Maven version, ordered as Maven's `ComparableVersion` orders it.
///
/// The text splits at `.`, `-` and at changes between digits and letters into numbers, qualifiers and nested
/// lists (a `-` or a digit/letter change opens a list). Known qualifiers order `alpha < beta < milestone < rc <
/// snapshot < (release) < sp`, with `a1`/`b1`/`m1` short for alpha, beta and milestone, `cr` for `rc` and `ga`,
/// `final`, `release` for the release itself; other qualifiers sort after `sp`, alphabetically. Trailing zeros
/// and release qualifiers are dropped, so `1`, `1.0` and `1.0.0-final` are the same version.
public struct MavenVersion: Sendable, Comparable, CustomStringConvertible {
    /// A number or a qualifier.
    enum Item: Sendable {
        /// Digits without leading zeros (`""` is zero).
        case number(String)
        /// A qualifier's sort key: the index of a known qualifier, or `7-<name>` for any other.
        case qualifier(String)
    }

    /// The version as written.
    public let description: String
    /// Maven's nested lists, held flat: a list only ever nests as the last item of the one before it, so the
    /// version is a chain of segments, each followed by the next (which stands for its last item). Nothing is
    /// nested and nothing recurses, however many lists the text opens.
    let segments: [[Item]]

    /// Parses a version; every non-empty text is a Maven version.
    ///
    /// - Throws: `VersionError` for empty text, text with spaces, or text longer than
    ///   ``VersionSchemes/maximumLength`` bytes.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        guard !text.isEmpty, !ASCII.hasWhitespace(text) else {
            throw VersionError("A Maven version is non-empty and has no spaces.")
        }
        description = text
        segments = Self.normalized(Self.parse(Array(text.lowercased().utf8)))
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        compare(lhs.segments, rhs.segments) == 0
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        compare(lhs.segments, rhs.segments) < 0
    }

    // MARK: Parsing

    /// The segments in the order the text opens them (a `-` or a digit/letter change opens one).
    private static func parse(_ bytes: [UInt8]) -> [[Item]] {
        var segments: [[Item]] = [[]]
        var isDigit = false
        var start = 0

        func token(_ range: Range<Int>, isDigit: Bool, followedByDigit: Bool = false) -> Item {
            let text = String(decoding: bytes[range], as: UTF8.self)
            return isDigit
                ? .number(String(text.drop { $0 == "0" })) : qualifier(text, followedByDigit: followedByDigit)
        }

        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "."):
                segments[segments.count - 1].append(
                    index == start ? .number("") : token(start..<index, isDigit: isDigit))
                start = index + 1
            case UInt8(ascii: "-"):
                segments[segments.count - 1].append(
                    index == start ? .number("") : token(start..<index, isDigit: isDigit))
                start = index + 1
                segments.append([])
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !isDigit && index > start {
                    segments[segments.count - 1].append(token(start..<index, isDigit: false, followedByDigit: true))
                    start = index
                    segments.append([])
                }
                isDigit = true
            default:
                if isDigit && index > start {
                    segments[segments.count - 1].append(token(start..<index, isDigit: true))
                    start = index
                    segments.append([])
                }
                isDigit = false
            }
        }
        if bytes.count > start {
            segments[segments.count - 1].append(token(start..<bytes.count, isDigit: isDigit))
        }
        return segments
    }

    /// Maven's normalization, deepest list first: trailing zeros and release qualifiers are dropped from each list
    /// (also before a nested list that stays), and a list left empty is dropped from its parent, which ends the
    /// chain there.
    private static func normalized(_ segments: [[Item]]) -> [[Item]] {
        var segments = segments
        var childStays = false
        var chainEnd = segments.count - 1
        for level in segments.indices.reversed() {
            while let last = segments[level].last, isNull(last) {
                segments[level].removeLast()
            }
            if !childStays { chainEnd = level }
            childStays = !segments[level].isEmpty || childStays
        }
        return Array(segments[...chainEnd])
    }

    private static let knownQualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    private static let releaseKey = "5"

    private static func qualifier(_ text: String, followedByDigit: Bool) -> Item {
        var name = text
        if followedByDigit && name.count == 1 {
            name = ["a": "alpha", "b": "beta", "m": "milestone"][name] ?? name
        }
        name = ["ga": "", "final": "", "release": "", "cr": "rc"][name] ?? name
        if let index = knownQualifiers.firstIndex(of: name) {
            return .qualifier(String(index))
        }
        return .qualifier("\(knownQualifiers.count)-\(name)")
    }

    private static func isNull(_ item: Item) -> Bool {
        switch item {
        case .number(let digits): digits.isEmpty
        case .qualifier(let key): key == releaseKey
        }
    }

    // MARK: Ordering

    /// An element of a list: an item, or the nested list that is the next segment.
    private enum Element {
        case item(Item)
        case list(level: Int)
    }

    private static func element(_ segments: [[Item]], level: Int, at index: Int) -> Element? {
        if index < segments[level].count { return .item(segments[level][index]) }
        if index == segments[level].count && level + 1 < segments.count { return .list(level: level + 1) }
        return nil
    }

    private static func count(_ segments: [[Item]], level: Int) -> Int {
        segments[level].count + (level + 1 < segments.count ? 1 : 0)
    }

    /// Compares list by list: where both lists reach their nested list, which is the last element of both, the
    /// order is that of the nested lists, the next level down.
    private static func compare(_ lhs: [[Item]], _ rhs: [[Item]]) -> Int {
        var level = 0
        while level < lhs.count || level < rhs.count {
            let leftCount = level < lhs.count ? count(lhs, level: level) : 0
            let rightCount = level < rhs.count ? count(rhs, level: level) : 0
            var descends = false
            for index in 0..<max(leftCount, rightCount) {
                let left = index < leftCount ? element(lhs, level: level, at: index) : nil
                let right = index < rightCount ? element(rhs, level: level, at: index) : nil
                let order: Int
                switch (left, right) {
                case (.item(let l)?, .item(let r)?): order = compare(l, r)
                case (.list?, .list?): order = 0; descends = true
                case (.list?, .item(let r)?): order = isNumber(r) ? -1 : 1
                case (.item(let l)?, .list?): order = isNumber(l) ? 1 : -1
                case (.item(let l)?, nil): order = compareWithNothing(l)
                case (nil, .item(let r)?): order = -compareWithNothing(r)
                case (.list(let nested)?, nil): order = compareWithNothing(lhs, from: nested)
                case (nil, .list(let nested)?): order = -compareWithNothing(rhs, from: nested)
                case (nil, nil): order = 0
                }
                if order != 0 { return order }
            }
            guard descends else { return 0 }
            level += 1
        }
        return 0
    }

    private static func compare(_ lhs: Item, _ rhs: Item) -> Int {
        switch (lhs, rhs) {
        case (.number(let l), .number(let r)): Order.digits(l[...].utf8, r[...].utf8)
        case (.number, .qualifier): 1
        case (.qualifier(let l), .qualifier(let r)): Order.bytes(l.utf8, r.utf8)
        case (.qualifier, .number): -1
        }
    }

    private static func isNumber(_ item: Item) -> Bool {
        if case .number = item { true } else { false }
    }

    /// How an item compares with a missing one (the shorter version padded).
    private static func compareWithNothing(_ item: Item) -> Int {
        switch item {
        case .number(let digits): digits.isEmpty ? 0 : 1
        case .qualifier(let key): Order.bytes(key.utf8, releaseKey.utf8)
        }
    }

    /// How a nested list compares with a missing element: as its first item, found by going down the chain.
    private static func compareWithNothing(_ segments: [[Item]], from level: Int) -> Int {
        for segment in segments[level...] {
            if let first = segment.first { return compareWithNothing(first) }
        }
        return 0
    }
}

/// Maven's versions (`vers:maven`).
public struct MavenScheme: VersionScheme {
    public let name = "maven"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> MavenVersion {
        try MavenVersion(parsing: text)
    }
}
