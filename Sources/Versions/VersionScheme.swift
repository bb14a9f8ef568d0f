/// A way of ordering the versions of one ecosystem: PEP 440 for PyPI, node-semver for npm, dpkg for Debian ...
///
/// A scheme parses a version's text once into a value that compares cheaply, so that one query version can be
/// held against many range bounds. Two versions that a scheme considers the same (PEP 440's `1.0` and `1.0.0`)
/// are equal values.
public protocol VersionScheme: Sendable {
    /// A parsed version of this scheme.
    associatedtype Version: Comparable, Sendable

    /// The scheme's name in `vers` ranges: `pypi`, `npm`, `maven` ...
    var name: String { get }

    /// Reads a version of at most ``VersionSchemes/maximumLength`` bytes; callers use ``parse(_:)``, which bounds
    /// the length first.
    ///
    /// - Throws: `VersionError` saying what is wrong with the text.
    func read(_ text: String) throws(VersionError) -> Version
}

extension VersionScheme {
    /// Parses a version.
    ///
    /// - Throws: `VersionError` saying what is wrong with the text, or that it is longer than
    ///   ``VersionSchemes/maximumLength`` bytes.
    public func parse(_ text: String) throws(VersionError) -> Version {
        try VersionSchemes.checkLength(text)
        return try read(text)
    }

    /// Compares two versions written as text.
    ///
    /// - Returns: a negative number, zero or a positive number as `lhs` is lower than, equal to or higher than `rhs`.
    /// - Throws: `VersionError` for either version that the scheme cannot read.
    public func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> Int {
        let left = try parse(lhs)
        let right = try parse(rhs)
        return left < right ? -1 : left == right ? 0 : 1
    }

    /// Whether the text is a version of this scheme.
    public func isValid(_ text: String) -> Bool {
        (try? parse(text)) != nil
    }
}

/// Three-way comparison helpers shared by the schemes.
enum Order {
    /// Compares two runs of ASCII digits by value, without limit on their length.
    static func digits(_ lhs: Substring.UTF8View, _ rhs: Substring.UTF8View) -> Int {
        let left = lhs.drop { $0 == UInt8(ascii: "0") }
        let right = rhs.drop { $0 == UInt8(ascii: "0") }
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        return bytes(left, right)
    }

    /// Compares two byte sequences lexicographically.
    static func bytes(_ lhs: some Sequence<UInt8>, _ rhs: some Sequence<UInt8>) -> Int {
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let l?, let r?) where l != r: return l < r ? -1 : 1
            default: continue
            }
        }
    }

    /// Compares two pre-releases as SemVer 2.0.0 orders them (NuGet does the same): a release is above any of
    /// its pre-releases; labels compare in turn, numeric ones by value and below alphanumeric ones, which compare by
    /// bytes; where one runs out, the one with more labels is higher.
    static func prereleases<Labels: Collection>(_ lhs: Labels, _ rhs: Labels) -> Int
    where Labels.Element: StringProtocol {
        switch (lhs.isEmpty, rhs.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(lhs, rhs) {
            let order =
                switch (left.utf8.allSatisfy(ASCII.isDigit), right.utf8.allSatisfy(ASCII.isDigit)) {
                case (true, true): digits(Substring(left).utf8, Substring(right).utf8)
                case (true, false): -1
                case (false, true): 1
                case (false, false): bytes(left.utf8, right.utf8)
                }
            if order != 0 { return order }
        }
        return of(lhs.count, rhs.count)
    }

    /// Compares two values of a comparable type.
    static func of<T: Comparable>(_ lhs: T, _ rhs: T) -> Int {
        lhs < rhs ? -1 : lhs == rhs ? 0 : 1
    }
}
