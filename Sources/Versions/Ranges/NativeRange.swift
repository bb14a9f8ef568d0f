/// Ranges written in an ecosystem's own notation, translated to `vers`, as the vers-spec `from_native` cases do.
///
/// The translation lists the bounds of every alternative in one range (`^1.2.3 || >=2.0.1` becomes
/// `vers:npm/>=1.2.3|<2.0.0|>=2.0.1`), which `vers` containment reads as the union of the alternatives.
public enum NativeRange {
    /// The schemes whose native notation is understood.
    public static let schemes: Set<String> = ["npm", "pypi", "nuget", "gem"]

    /// Translates a native range expression of a scheme into a `vers` range.
    ///
    /// - Returns: the range, or `nil` when the scheme's native notation is not supported.
    /// - Throws: `VersionError` naming the part of the expression at fault.
    public static func parse(_ text: String, scheme: String) throws(VersionError) -> VersionRange? {
        try VersionSchemes.checkRangeLength(text)
        let constraints: [VersionRange.Constraint]
        switch scheme {
        case "npm": constraints = try NpmRangeSyntax.constraints(text)
        case "pypi": constraints = try PythonSpecifierSyntax.constraints(text)
        case "nuget": constraints = try NuGetRangeSyntax.constraints(text)
        case "gem": constraints = try GemRequirementSyntax.constraints(text)
        default: return nil
        }
        return try VersionRange(scheme: scheme, constraints: constraints)
    }

    /// Splits `[op]version` into its comparator and version, with the comparators a syntax allows.
    static func comparator(
        of text: Substring, allowing comparators: [(String, VersionRange.Comparator)]
    ) -> (VersionRange.Comparator?, Substring) {
        for (symbol, comparator) in comparators where text.hasPrefix(symbol) {
            return (comparator, text.dropFirst(symbol.count))
        }
        return (nil, text)
    }

    /// The version after `numbers` with the one at `index` incremented and everything after it dropped.
    static func bump(_ numbers: [String], at index: Int) -> [String] {
        var bumped = Array(numbers.prefix(index + 1))
        while bumped.count <= index { bumped.append("0") }
        bumped[index] = String((UInt64(bumped[index]) ?? 0) + 1)
        return bumped
    }
}

/// node-semver range syntax: `||` alternatives of space-separated comparators, hyphen ranges, `~`, `^` and
/// x-ranges.
enum NpmRangeSyntax {
    private static let comparators: [(String, VersionRange.Comparator)] = [
        (">=", .greaterThanOrEqual), ("<=", .lessThanOrEqual), (">", .greaterThan), ("<", .lessThan), ("=", .equal),
    ]

    static func constraints(_ text: String) throws(VersionError) -> [VersionRange.Constraint] {
        var constraints: [VersionRange.Constraint] = []
        for alternative in text.split(separator: "||", omittingEmptySubsequences: false) {
            let tokens = joinOperators(alternative.split(whereSeparator: \.isWhitespace))
            if tokens.isEmpty || tokens.allSatisfy(isWildcard) { return [] }
            if tokens.count == 3 && tokens[1] == "-" {
                constraints.append(.init(.greaterThanOrEqual, try version(tokens[0])))
                constraints.append(.init(.lessThanOrEqual, try version(tokens[2])))
                continue
            }
            for token in tokens {
                constraints += try translate(token)
            }
        }
        return constraints
    }

    /// Puts an operator written apart from its version (`>= 1.2.3`) back together.
    private static func joinOperators(_ tokens: [Substring]) -> [Substring] {
        var joined: [Substring] = []
        var pending: Substring = ""
        for token in tokens {
            if [">=", "<=", ">", "<", "=", "~", "^", "~>"].contains(token) {
                pending += token
            } else {
                joined.append(pending + token)
                pending = ""
            }
        }
        if !pending.isEmpty { joined.append(pending) }
        return joined
    }

    private static func isWildcard(_ token: Substring) -> Bool {
        ["*", "x", "X"].contains(token)
    }

    private static func translate(_ token: Substring) throws(VersionError) -> [VersionRange.Constraint] {
        var text = token
        var tilde = false
        var caret = false
        if text.hasPrefix("~>") || text.hasPrefix("~") {
            tilde = true
            text = text.dropFirst(text.hasPrefix("~>") ? 2 : 1)
        } else if text.hasPrefix("^") {
            caret = true
            text = text.dropFirst()
        }
        let (comparator, rest) = NativeRange.comparator(of: text, allowing: comparators)
        let written = rest.drop { $0 == "v" || $0 == "=" }
        let (core, prerelease) = split(written)
        let parts = core.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.count <= 3 else {
            throw VersionError("`\(token)` is not an npm version or range.")
        }
        if let wildcard = parts.firstIndex(where: { isWildcard($0[...]) }) {
            // An x-range covers everything under its fixed numbers, whatever operator precedes it.
            guard wildcard > 0 else { return [] }
            let fixed = Array(parts.prefix(wildcard))
            return [
                .init(.greaterThanOrEqual, try version(padded(fixed))),
                .init(.lessThan, try version(padded(NativeRange.bump(fixed, at: wildcard - 1)))),
            ]
        }
        let lower = try version(padded(parts) + prerelease)
        if tilde {
            let upper = NativeRange.bump(parts, at: parts.count >= 2 ? 1 : 0)
            return [.init(.greaterThanOrEqual, lower), .init(.lessThan, try version(padded(upper)))]
        }
        if caret {
            let numbers = padded(parts).split(separator: ".").map(String.init)
            let index = numbers.prefix(2).firstIndex { $0.drop { $0 == "0" } != "" } ?? 2
            return [
                .init(.greaterThanOrEqual, lower),
                .init(.lessThan, try version(padded(NativeRange.bump(numbers, at: index)))),
            ]
        }
        return [.init(comparator ?? .equal, lower)]
    }

    private static func split(_ text: Substring) -> (core: Substring, prerelease: String) {
        guard let dash = text.firstIndex(where: { $0 == "-" || $0 == "+" }) else { return (text, "") }
        return (text[..<dash], String(text[dash...]))
    }

    private static func padded(_ parts: [String]) -> String {
        (parts + Array(repeating: "0", count: max(0, 3 - parts.count))).joined(separator: ".")
    }

    private static func version(_ text: some StringProtocol) throws(VersionError) -> String {
        let version = String(text.drop { $0 == "v" || $0 == "=" })
        _ = try SemanticVersionScheme.npm.parse(version)
        return version
    }
}

/// PEP 440 version specifiers: comma-separated `~=`, `==` (with `.*`), `!=`, `<=`, `>=`, `<`, `>`, `===`.
enum PythonSpecifierSyntax {
    private static let comparators: [(String, VersionRange.Comparator)] = [
        ("===", .equal), ("==", .equal), ("!=", .notEqual), ("<=", .lessThanOrEqual), (">=", .greaterThanOrEqual),
        ("<", .lessThan), (">", .greaterThan),
    ]

    static func constraints(_ text: String) throws(VersionError) -> [VersionRange.Constraint] {
        var constraints: [VersionRange.Constraint] = []
        for clause in text.split(separator: ",") {
            let specifier = clause.filter { !$0.isWhitespace }[...]
            if specifier.hasPrefix("~=") {
                let version = String(specifier.dropFirst(2))
                let release = try PEP440Version(parsing: version).release.map(String.init)
                guard release.count >= 2 else {
                    throw VersionError("`~=\(version)` needs at least two release numbers.")
                }
                let upper = NativeRange.bump(release, at: release.count - 2).joined(separator: ".")
                constraints += [.init(.greaterThanOrEqual, version), .init(.lessThan, upper)]
                continue
            }
            let (comparator, rest) = NativeRange.comparator(of: specifier, allowing: comparators)
            guard let comparator, !rest.isEmpty else {
                throw VersionError("`\(clause)` is not a version specifier such as `>=1.0`.")
            }
            if rest.hasSuffix(".*"), comparator == .equal || comparator == .notEqual {
                let release = try PEP440Version(parsing: String(rest.dropLast(2))).release.map(String.init)
                let lower = release.joined(separator: ".") + ".dev0"
                let upper = NativeRange.bump(release, at: release.count - 1).joined(separator: ".") + ".dev0"
                constraints +=
                    comparator == .equal
                    ? [.init(.greaterThanOrEqual, lower), .init(.lessThan, upper)]
                    : [.init(.lessThan, lower), .init(.greaterThanOrEqual, upper)]
                continue
            }
            _ = try PEP440Version(parsing: String(rest))
            constraints.append(.init(comparator, String(rest)))
        }
        return constraints
    }
}

/// NuGet version ranges: a bare version (a minimum), or interval notation `[1.0, 2.0)`, `(,1.0]`, `[1.0]`.
enum NuGetRangeSyntax {
    static func constraints(_ text: String) throws(VersionError) -> [VersionRange.Constraint] {
        let range = text.filter { !$0.isWhitespace }
        guard let first = range.first, first == "[" || first == "(" else {
            _ = try NuGetVersion(parsing: range)
            return [.init(.greaterThanOrEqual, range)]
        }
        guard let last = range.last, last == "]" || last == ")", range.count >= 3 else {
            throw VersionError("The range `\(text)` opens with `\(first)` but does not close with `]` or `)`.")
        }
        let bounds = range.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        if bounds.count == 1 {
            guard first == "[" && last == "]" else { throw VersionError("An exact range is written `[1.0]`.") }
            _ = try NuGetVersion(parsing: String(bounds[0]))
            return [.init(.equal, String(bounds[0]))]
        }
        guard bounds.count == 2, !(bounds[0].isEmpty && bounds[1].isEmpty) else {
            throw VersionError("The range `\(text)` needs one or two bounds separated by a comma.")
        }
        var constraints: [VersionRange.Constraint] = []
        if !bounds[0].isEmpty {
            _ = try NuGetVersion(parsing: String(bounds[0]))
            constraints.append(.init(first == "[" ? .greaterThanOrEqual : .greaterThan, String(bounds[0])))
        }
        if !bounds[1].isEmpty {
            _ = try NuGetVersion(parsing: String(bounds[1]))
            constraints.append(.init(last == "]" ? .lessThanOrEqual : .lessThan, String(bounds[1])))
        }
        return constraints
    }
}

/// RubyGems requirements: comma-separated `= != > < >= <= ~>` clauses.
enum GemRequirementSyntax {
    private static let comparators: [(String, VersionRange.Comparator)] = [
        ("!=", .notEqual), (">=", .greaterThanOrEqual), ("<=", .lessThanOrEqual), (">", .greaterThan),
        ("<", .lessThan), ("=", .equal),
    ]

    static func constraints(_ text: String) throws(VersionError) -> [VersionRange.Constraint] {
        var constraints: [VersionRange.Constraint] = []
        for clause in text.split(separator: ",") {
            let requirement = clause.filter { !$0.isWhitespace }[...]
            guard requirement.contains(where: \.isNumber) else {
                throw VersionError("The requirement `\(clause)` has no version.")
            }
            if requirement.hasPrefix("~>") {
                let version = String(requirement.dropFirst(2))
                let numbers = try RubyGemsVersion(parsing: version).releaseNumbers.map { $0.isEmpty ? "0" : $0 }
                let upper = NativeRange.bump(numbers, at: max(0, numbers.count - 2)).joined(separator: ".")
                constraints += [.init(.greaterThanOrEqual, version), .init(.lessThan, upper)]
                continue
            }
            let (comparator, version) = NativeRange.comparator(of: requirement, allowing: comparators)
            _ = try RubyGemsVersion(parsing: String(version))
            constraints.append(.init(comparator ?? .equal, String(version)))
        }
        return constraints
    }
}
