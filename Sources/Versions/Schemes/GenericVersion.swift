/// A version of an ecosystem without a scheme of its own, ordered by its runs of digits (by value) and letters
/// (case-insensitively), other characters only separating them.
///
/// Where one version continues past the other, a further number makes it newer (`1.0` < `1.0.1`) and a further
/// word older (`1.0rc1` < `1.0`), the way most projects use pre-release labels.
public struct GenericVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    enum Run: Sendable, Hashable {
        case number(String)
        case word(String)
    }

    public let description: String
    let runs: [Run]

    /// Parses any non-empty text that has a letter or digit.
    ///
    /// - Throws: `VersionError` for text without one.
    public init(parsing text: String) throws(VersionError) {
        try VersionSchemes.checkLength(text)
        var runs = text.utf8.allSatisfy { $0 < 0x80 } ? Self.asciiRuns(text) : Self.runs(text)
        guard !runs.isEmpty else { throw VersionError("`\(text)` has no letter or digit to order it by.") }
        while runs.last == .number("") && runs.count > 1 { runs.removeLast() }
        description = text
        self.runs = runs
    }

    /// The runs of ASCII text, read by byte.
    private static func asciiRuns(_ text: String) -> [Run] {
        var text = text
        return text.withUTF8 { bytes in
            var runs: [Run] = []
            var start = 0
            while start < bytes.count {
                let isDigit = ASCII.isDigit(bytes[start])
                guard isDigit || ASCII.isLetter(bytes[start]) else {
                    start += 1
                    continue
                }
                var end = start + 1
                while end < bytes.count, ASCII.isAlphanumeric(bytes[end]), ASCII.isDigit(bytes[end]) == isDigit {
                    end += 1
                }
                let run = bytes[start..<end]
                runs.append(
                    isDigit
                        ? .number(String(decoding: run.drop { $0 == UInt8(ascii: "0") }, as: UTF8.self))
                        : .word(String(decoding: run, as: UTF8.self).lowercased()))
                start = end
            }
            return runs
        }
    }

    /// The runs of any text, read by character: Unicode letters count as letters.
    private static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var current = ""
        var currentIsDigit = false
        func flush() {
            guard !current.isEmpty else { return }
            runs.append(currentIsDigit ? .number(String(current.drop { $0 == "0" })) : .word(current.lowercased()))
            current = ""
        }
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            let isLetter = character.isLetter
            if !(isDigit || isLetter) || (!current.isEmpty && isDigit != currentIsDigit) { flush() }
            if isDigit || isLetter {
                current.append(character)
                currentIsDigit = isDigit
            }
        }
        flush()
        return runs
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        for index in 0..<max(lhs.runs.count, rhs.runs.count) {
            // A missing run is a zero beside a number, and newer than a word (`1.0rc1` < `1.0`).
            let left = index < lhs.runs.count ? lhs.runs[index] : nil
            let right = index < rhs.runs.count ? rhs.runs[index] : nil
            if case .word? = right, left == nil { return false }
            if case .word? = left, right == nil { return true }
            let order: Int
            switch (left ?? .number(""), right ?? .number("")) {
            case (.number(let l), .number(let r)): order = Order.digits(l[...].utf8, r[...].utf8)
            case (.number, .word): order = 1
            case (.word, .number): order = -1
            case (.word(let l), .word(let r)): order = Order.bytes(l.utf8, r.utf8)
            }
            if order != 0 { return order < 0 }
        }
        return false
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.runs == rhs.runs
    }
}

/// The fallback for ecosystems without a scheme of their own (`vers:generic`).
public struct GenericScheme: VersionScheme {
    public let name = "generic"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> GenericVersion {
        try GenericVersion(parsing: text)
    }
}

/// Versions ordered byte by byte, as the `vers:lexicographic` scheme says.
public struct LexicographicScheme: VersionScheme {
    /// A version compared by its UTF-8 bytes.
    public struct Version: Sendable, Hashable, Comparable {
        public let text: String

        public static func < (lhs: Self, rhs: Self) -> Bool {
            Order.bytes(lhs.text.utf8, rhs.text.utf8) < 0
        }

        /// Byte equality: canonically equivalent but differently encoded texts are different versions.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.text.utf8.elementsEqual(rhs.text.utf8)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(Array(text.utf8))
        }
    }

    public let name = "lexicographic"

    public init() {}

    public func read(_ text: String) throws(VersionError) -> Version {
        guard !text.isEmpty else { throw VersionError("A version is not empty.") }
        return Version(text: text)
    }
}
