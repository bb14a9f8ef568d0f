/// A Python package version as PEP 440 defines it (the rules `packaging.version` implements):
/// `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, with the specification's accepted spellings (`alpha`, `c`,
/// `pre`, `-1`, `rev`, separators `-`, `_`, `.`, upper case, a leading `v`, surrounding spaces) normalized.
public struct PEP440Version: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A pre-release phase, in order.
    public enum Phase: Int, Sendable, Hashable, Comparable {
        case alpha, beta, releaseCandidate

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

        var label: String {
            switch self {
            case .alpha: "a"
            case .beta: "b"
            case .releaseCandidate: "rc"
            }
        }
    }

    /// One segment of a local version label: numbers sort above letters.
    public enum LocalSegment: Sendable, Hashable {
        case number(String)
        case text(String)
    }

    public let epoch: UInt64
    /// Release numbers as written (their canonical digits); trailing zeros take no part in comparison.
    public let release: [UInt64]
    public let pre: (phase: Phase, number: UInt64)?
    public let post: UInt64?
    public let dev: UInt64?
    public let local: [LocalSegment]

    /// Parses a version, accepting the spellings PEP 440 lists and normalizing them.
    ///
    /// - Throws: `VersionError` naming the part that is not PEP 440.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        var scanner = Scanner(text: text.lowercased())
        scanner.skipSpaces()
        _ = scanner.take("v")
        var first = try scanner.number(or: "`\(text)` does not start with a release number.")
        var epoch: UInt64 = 0
        if scanner.take("!") {
            epoch = first
            first = try scanner.number(or: "The epoch of `\(text)` is not followed by a release number.")
        }
        var release = [first]
        while scanner.peekIs(".") && scanner.peekDigit(at: 1) {
            _ = scanner.take(".")
            release.append(try scanner.number(or: ""))
        }
        var pre: (Phase, UInt64)?
        let beforePre = scanner.position
        scanner.skipSeparator()
        if let phase = scanner.takeFirst(of: [
            ("alpha", Phase.alpha), ("beta", .beta), ("preview", .releaseCandidate), ("pre", .releaseCandidate),
            ("rc", .releaseCandidate), ("a", .alpha), ("b", .beta), ("c", .releaseCandidate),
        ]) {
            pre = (phase, scanner.optionalNumber())
        } else {
            scanner.position = beforePre
        }
        var post: UInt64?
        let beforePost = scanner.position
        if scanner.take("-"), scanner.peekDigit(at: 0) {
            post = try scanner.number(or: "")
        } else {
            scanner.position = beforePost
            scanner.skipSeparator()
            if scanner.takeFirst(of: [("post", ()), ("rev", ()), ("r", ())]) != nil {
                post = scanner.optionalNumber()
            } else {
                scanner.position = beforePost
            }
        }
        var dev: UInt64?
        let beforeDev = scanner.position
        scanner.skipSeparator()
        if scanner.take("dev") {
            dev = scanner.optionalNumber()
        } else {
            scanner.position = beforeDev
        }
        var local: [LocalSegment] = []
        if scanner.take("+") {
            let label = scanner.takeWhile { byte in
                Scanner.isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || Scanner.isSeparator(byte)
            }
            let segments = label.split(omittingEmptySubsequences: false) { "-_.".contains($0) }
            guard !label.isEmpty, segments.allSatisfy({ !$0.isEmpty }) else {
                throw VersionError("The local version label of `\(text)` must be letters and digits separated by `.`.")
            }
            local = segments.map { segment -> LocalSegment in
                guard segment.allSatisfy(\.isNumber) else { return .text(String(segment)) }
                let digits = segment.drop { $0 == "0" }
                return .number(digits.isEmpty ? "0" : String(digits))
            }
        }
        scanner.skipSpaces()
        guard scanner.isAtEnd else {
            throw VersionError("`\(text)` is not a PEP 440 version: `\(scanner.remainder)` is not understood.")
        }
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.local = local
    }

    /// The normalized form PEP 440 defines.
    public var description: String {
        var text = epoch == 0 ? "" : "\(epoch)!"
        text += release.map(String.init).joined(separator: ".")
        if let pre { text += pre.phase.label + String(pre.number) }
        if let post { text += ".post\(post)" }
        if let dev { text += ".dev\(dev)" }
        if !local.isEmpty {
            text +=
                "+"
                + local.map { segment in
                    switch segment {
                    case .number(let value), .text(let value): value
                    }
                }.joined(separator: ".")
        }
        return text
    }

    /// Whether this is a pre-release or development release.
    public var isPrerelease: Bool { pre != nil || dev != nil }

    public static func == (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) < 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Array(release.reversed().drop { $0 == 0 }))
        hasher.combine(pre?.phase)
        hasher.combine(pre?.number)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(local)
    }

    /// PEP 440's ordering: epoch; release with trailing zeros ignored; a dev release of a final release before
    /// its pre-releases; pre-releases before the release; post-releases after; dev releases before what they
    /// develop; a local label after the same version without one.
    static func order(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.epoch != rhs.epoch { return Order.of(lhs.epoch, rhs.epoch) }
        for index in 0..<max(lhs.release.count, rhs.release.count) {
            let left = index < lhs.release.count ? lhs.release[index] : 0
            let right = index < rhs.release.count ? rhs.release[index] : 0
            if left != right { return Order.of(left, right) }
        }
        let preOrder = Order.of(lhs.preKey, rhs.preKey)
        if preOrder != 0 { return preOrder }
        let postOrder = Order.of(lhs.post.map { Int128($0) } ?? -1, rhs.post.map { Int128($0) } ?? -1)
        if postOrder != 0 { return postOrder }
        let devOrder = Order.of(lhs.dev.map { Int128($0) } ?? Int128.max, rhs.dev.map { Int128($0) } ?? Int128.max)
        if devOrder != 0 { return devOrder }
        for (left, right) in zip(lhs.local, rhs.local) {
            let order: Int
            switch (left, right) {
            case (.number(let l), .number(let r)): order = Order.digits(l[...].utf8, r[...].utf8)
            case (.number, .text): order = 1
            case (.text, .number): order = -1
            case (.text(let l), .text(let r)): order = Order.bytes(l.utf8, r.utf8)
            }
            if order != 0 { return order }
        }
        return Order.of(lhs.local.count, rhs.local.count)
    }

    /// The pre-release's place: a bare dev release of a final release sorts below every pre-release of it.
    private var preKey: Int128 {
        if let pre { return Int128(pre.phase.rawValue) << 64 | Int128(pre.number) }
        if post == nil && dev != nil { return -1 }
        return Int128.max
    }
}

/// A cursor over the lower-cased version text's bytes (PEP 440 versions are ASCII).
private struct Scanner {
    let bytes: [UInt8]
    var position = 0

    init(text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { position == bytes.count }
    var remainder: String { String(decoding: bytes[position...], as: UTF8.self) }

    func peekIs(_ character: Unicode.Scalar) -> Bool {
        position < bytes.count && bytes[position] == UInt8(ascii: character)
    }

    func peekDigit(at offset: Int) -> Bool {
        position + offset < bytes.count && Self.isDigit(bytes[position + offset])
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    mutating func skipSpaces() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C].contains(bytes[position]) { position += 1 }
    }

    mutating func skipSeparator() {
        if position < bytes.count, Self.isSeparator(bytes[position]) { position += 1 }
    }

    mutating func take(_ word: String) -> Bool {
        var index = position
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        position = index
        return true
    }

    mutating func takeFirst<T>(of words: [(String, T)]) -> T? {
        for (word, value) in words where take(word) { return value }
        return nil
    }

    mutating func takeWhile(_ predicate: (UInt8) -> Bool) -> String {
        let start = position
        while position < bytes.count, predicate(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func number(or message: String) throws(VersionError) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        var overflow = false
        while position < bytes.count, Self.isDigit(bytes[position]) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(bytes[position] - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = sum
            position += 1
        }
        guard position > start else { throw VersionError(message.isEmpty ? "A number is missing." : message) }
        guard !overflow else {
            throw VersionError("The number `\(String(decoding: bytes[start..<position], as: UTF8.self))` is too large.")
        }
        return value
    }

    /// A number after an optional separator, or 0 when there is none (`1.0a` is `1.0a0`).
    mutating func optionalNumber() -> UInt64 {
        let before = position
        skipSeparator()
        if peekDigit(at: 0), let value = try? number(or: "") { return value }
        position = before
        return 0
    }
}

/// PyPI's versions (`vers:pypi`).
public struct PEP440Scheme: VersionScheme {
    public let name = "pypi"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> PEP440Version {
        try PEP440Version(parsing: text)
    }
}
