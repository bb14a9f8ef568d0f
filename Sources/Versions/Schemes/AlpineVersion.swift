/// An Alpine Linux package version, ordered as apk-tools orders it:
/// `number{.number}[letter]{_suffix[number]}[-rN]`, where the suffixes `alpha`, `beta`, `pre` and `rc` mark
/// pre-releases and `cvs`, `svn`, `git`, `hg` and `p` post-releases, and a number after a `.` with a leading zero
/// compares as a decimal fraction.
public struct AlpineVersion: Sendable, Comparable, CustomStringConvertible {
    public let description: String
    private let bytes: [UInt8]

    /// Parses a version, refusing what apk-tools would not accept.
    ///
    /// - Throws: `VersionError` naming where the text stops being a version.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        bytes = Array(text.utf8)
        description = text
        var tokenizer = Tokenizer(bytes: bytes[...])
        while tokenizer.kind != .end && tokenizer.kind != .invalid {
            _ = tokenizer.next()
        }
        guard tokenizer.kind == .end, !bytes.isEmpty else {
            throw VersionError(
                "`\(text)` is not an Alpine version (number{.number}[letter]{_suffix[number]}[-rN]).")
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) == 0 }
    public static func < (lhs: Self, rhs: Self) -> Bool { order(lhs, rhs) < 0 }

    static func order(_ lhs: Self, _ rhs: Self) -> Int {
        var a = Tokenizer(bytes: lhs.bytes[...])
        var b = Tokenizer(bytes: rhs.bytes[...])
        var (av, bv) = (0, 0)
        while a.kind == b.kind && a.kind != .end && a.kind != .invalid && av == bv {
            av = a.next()
            bv = b.next()
        }
        if av != bv { return av < bv ? -1 : 1 }
        if a.kind == b.kind { return 0 }
        // Equal so far: the longer version is newer, unless what it continues with is a pre-release suffix.
        if a.kind == .suffix {
            var copy = a
            if copy.next() < 0 { return -1 }
        }
        if b.kind == .suffix {
            var copy = b
            if copy.next() < 0 { return 1 }
        }
        return a.kind.rawValue > b.kind.rawValue ? -1 : a.kind.rawValue < b.kind.rawValue ? 1 : 0
    }
}

/// apk-tools' tokenizer: `kind` is what the next token is; `next()` reads it and returns its value.
private struct Tokenizer {
    enum Kind: Int {
        case invalid = -1, digitOrZero, digit, letter, suffix, suffixNumber, revisionNumber, end
    }

    private static let preSuffixes = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
    private static let postSuffixes = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

    var bytes: ArraySlice<UInt8>
    var kind = Kind.digit

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    mutating func next() -> Int {
        guard !bytes.isEmpty else {
            kind = .end
            return 0
        }
        var value = 0
        var consumed = 0
        var nextKind: Kind?
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        switch kind {
        case .digitOrZero where bytes.first == UInt8(ascii: "0"):
            // A number after a dot with leading zeros: the zeros count against it, as in a decimal fraction.
            while consumed < bytes.count && bytes[bytes.startIndex + consumed] == UInt8(ascii: "0") { consumed += 1 }
            nextKind = .digit
            value = -consumed
        case .digitOrZero, .digit, .suffixNumber, .revisionNumber:
            while consumed < bytes.count, isDigit(bytes[bytes.startIndex + consumed]) {
                value = value &* 10 &+ Int(bytes[bytes.startIndex + consumed] - UInt8(ascii: "0"))
                consumed += 1
            }
        case .letter:
            value = Int(bytes[bytes.startIndex])
            consumed = 1
        case .suffix:
            if let index = Self.preSuffixes.firstIndex(where: { bytes.starts(with: $0) }) {
                value = index - Self.preSuffixes.count
                consumed = Self.preSuffixes[index].count
            } else if let index = Self.postSuffixes.firstIndex(where: { bytes.starts(with: $0) }) {
                value = index
                consumed = Self.postSuffixes[index].count
            } else {
                kind = .invalid
                return -1
            }
        case .invalid, .end:
            kind = .invalid
            return -1
        }
        bytes = bytes.dropFirst(consumed)
        if bytes.isEmpty {
            kind = .end
        } else if let nextKind {
            kind = nextKind
        } else {
            advanceKind()
        }
        return value
    }

    /// Reads the separator (or the change of character class) that says what the next token is.
    private mutating func advanceKind() {
        let byte = bytes[bytes.startIndex]
        let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        let isLower = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        var next = Kind.invalid
        if (kind == .digit || kind == .digitOrZero) && isLower {
            next = .letter
        } else if kind == .letter && isDigit {
            next = .digit
        } else if kind == .suffix && isDigit {
            next = .suffixNumber
        } else {
            switch byte {
            case UInt8(ascii: "."): next = .digitOrZero
            case UInt8(ascii: "_"): next = .suffix
            case UInt8(ascii: "-"):
                if bytes.count > 1 && bytes[bytes.startIndex + 1] == UInt8(ascii: "r") {
                    next = .revisionNumber
                    bytes = bytes.dropFirst()
                }
            default: break
            }
            bytes = bytes.dropFirst()
        }
        if next.rawValue < kind.rawValue {
            let allowed =
                (next == .digitOrZero && kind == .digit) || (next == .suffix && kind == .suffixNumber)
                || (next == .digit && kind == .letter)
            if !allowed { next = .invalid }
        }
        kind = next
    }
}

/// Alpine Linux's versions (`vers:apk`; `alpine` is accepted too).
public struct AlpineScheme: VersionScheme {
    public let name = "apk"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> AlpineVersion {
        try AlpineVersion(parsing: text)
    }
}
