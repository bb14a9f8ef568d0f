/// A Maven version, ordered as Maven's `ComparableVersion` orders it.
///
/// The text splits at `.`, `-` and at changes between digits and letters into numbers, qualifiers and nested
/// lists (a `-` or a digit/letter change opens a list). Known qualifiers order `alpha < beta < milestone < rc <
/// snapshot < (release) < sp`, with `a1`/`b1`/`m1` short for alpha, beta and milestone, `cr` for `rc` and `ga`,
/// `final`, `release` for the release itself; other qualifiers sort after `sp`, alphabetically. Trailing zeros
/// and release qualifiers are dropped, so `1`, `1.0` and `1.0.0-final` are the same version.
public struct MavenVersion: Sendable, Comparable, CustomStringConvertible {
    indirect enum Item: Sendable {
        /// Digits without leading zeros (`""` is zero).
        case number(String)
        /// A qualifier's sort key: the index of a known qualifier, or `7-<name>` for any other.
        case qualifier(String)
        case list([Item])
    }

    /// The version as written.
    public let description: String
    let items: [Item]

    /// Parses a version; every non-empty text is a Maven version.
    ///
    /// - Throws: `VersionError` for empty text.
    public init(parsing text: String) throws(VersionError) {
        guard !text.isEmpty, !ASCII.hasWhitespace(text) else {
            throw VersionError("A Maven version is non-empty and has no spaces.")
        }
        description = text
        items = Self.parse(Array(text.lowercased().utf8))
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        compare(lists: lhs.items, rhs.items) == 0
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        compare(lists: lhs.items, rhs.items) < 0
    }

    // MARK: Parsing

    private static func parse(_ bytes: [UInt8]) -> [Item] {
        // A stack of lists under construction; each nested list becomes the last item of its parent when closed.
        var stack: [[Item]] = [[]]
        var isDigit = false
        var start = 0

        func token(_ range: Range<Int>, isDigit: Bool, followedByDigit: Bool = false) -> Item {
            let text = String(decoding: bytes[range], as: UTF8.self)
            return isDigit
                ? .number(String(text.drop { $0 == "0" })) : qualifier(text, followedByDigit: followedByDigit)
        }
        func openList() {
            stack.append([])
        }

        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "."):
                stack[stack.count - 1].append(index == start ? .number("") : token(start..<index, isDigit: isDigit))
                start = index + 1
            case UInt8(ascii: "-"):
                stack[stack.count - 1].append(index == start ? .number("") : token(start..<index, isDigit: isDigit))
                start = index + 1
                openList()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !isDigit && index > start {
                    stack[stack.count - 1].append(token(start..<index, isDigit: false, followedByDigit: true))
                    start = index
                    openList()
                }
                isDigit = true
            default:
                if isDigit && index > start {
                    stack[stack.count - 1].append(token(start..<index, isDigit: true))
                    start = index
                    openList()
                }
                isDigit = false
            }
        }
        if bytes.count > start {
            stack[stack.count - 1].append(token(start..<bytes.count, isDigit: isDigit))
        }
        while stack.count > 1 {
            let list = normalized(stack.removeLast())
            stack[stack.count - 1].append(.list(list))
        }
        return normalized(stack[0])
    }

    /// Drops trailing zeros, release qualifiers and empty lists, stopping at the first other item that is not a list.
    private static func normalized(_ list: [Item]) -> [Item] {
        var list = list
        var index = list.count - 1
        while index >= 0 {
            let item = list[index]
            if isNull(item) {
                list.remove(at: index)
            } else if case .list = item {
            } else {
                break
            }
            index -= 1
        }
        return list
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
        case .list(let items): items.isEmpty
        }
    }

    // MARK: Ordering

    private static func compare(lists lhs: [Item], _ rhs: [Item]) -> Int {
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : nil
            let right = index < rhs.count ? rhs[index] : nil
            let order: Int
            switch (left, right) {
            case (let left?, let right?): order = compare(left, right)
            case (let left?, nil): order = compareWithNothing(left)
            case (nil, let right?): order = -compareWithNothing(right)
            case (nil, nil): order = 0
            }
            if order != 0 { return order }
        }
        return 0
    }

    private static func compare(_ lhs: Item, _ rhs: Item) -> Int {
        switch (lhs, rhs) {
        case (.number(let l), .number(let r)): Order.digits(l[...].utf8, r[...].utf8)
        case (.number, _): 1
        case (.qualifier(let l), .qualifier(let r)): Order.bytes(l.utf8, r.utf8)
        case (.qualifier, _): -1
        case (.list(let l), .list(let r)): compare(lists: l, r)
        case (.list, .number): -1
        case (.list, .qualifier): 1
        }
    }

    /// How an item compares with a missing one (the shorter version padded).
    private static func compareWithNothing(_ item: Item) -> Int {
        switch item {
        case .number(let digits): digits.isEmpty ? 0 : 1
        case .qualifier(let key): Order.bytes(key.utf8, releaseKey.utf8)
        case .list(let items): items.first.map(compareWithNothing) ?? 0
        }
    }
}

/// Maven's versions (`vers:maven`).
public struct MavenScheme: VersionScheme {
    public let name = "maven"

    public init() {}

    public func parse(_ text: String) throws(VersionError) -> MavenVersion {
        try MavenVersion(parsing: text)
    }
}
