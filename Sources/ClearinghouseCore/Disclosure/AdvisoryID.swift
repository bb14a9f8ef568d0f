import OSV

/// The stable id of an advisory this instance publishes: a prefix of its own, the year of publication and a number
/// counted within the year, at least four digits (`CHX-2026-0001`). It never changes once given. In OSV documents
/// it goes under the schema's private prefix (`x_CHX-2026-0001`), since the schema lists only registered databases.
public struct AdvisoryID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let prefix: String
    public let year: Int
    public let number: Int

    /// Prefixes that name other databases' ids, which ours must never be taken for: those the OSV schema lists.
    static let reserved = Set(OSVRecord.registeredPrefixes.map { $0.uppercased() })

    /// Checks a configured prefix: 2 to 12 capital letters and digits, starting with a letter, not another
    /// database's.
    ///
    /// - Throws: `invalid_field` for `prefix`.
    public static func checkPrefix(_ prefix: String) throws(ClearinghouseError) {
        let bytes = Array(prefix.utf8)
        guard (2...12).contains(bytes.count), let first = bytes.first,
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first),
            bytes.allSatisfy({
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            })
        else {
            throw .invalidField(
                "prefix",
                "An advisory prefix is 2 to 12 capital letters and digits starting with a letter, such as `CHX`.")
        }
        guard !reserved.contains(prefix.uppercased()) else {
            throw .invalidField(
                "prefix", "`\(prefix)` names another database's advisories; choose a prefix of your own.")
        }
    }

    /// An id from its parts.
    ///
    /// - Throws: `invalid_field` for `prefix` (see ``checkPrefix(_:)``) or for `id` when the year or the number is
    ///   out of range.
    public init(prefix: String, year: Int, number: Int) throws(ClearinghouseError) {
        try Self.checkPrefix(prefix)
        guard (1970...9999).contains(year), (1...999_999_999).contains(number) else {
            throw .invalidField("id", "An advisory id has a year from 1970 to 9999 and a number from 1.")
        }
        (self.prefix, self.year, self.number) = (prefix, year, number)
    }

    /// Reads `PREFIX-YYYY-NNNN` exactly as ``description`` writes it.
    ///
    /// - Throws: `invalid_field` for `id` when the text is not an id in that form.
    public init(parsing text: String) throws(ClearinghouseError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count <= 32, parts.count == 3, parts[1].utf8.count == 4, parts[2].utf8.count >= 4,
            parts[1].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            parts[2].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let year = Int(parts[1]), let number = Int(parts[2])
        else {
            throw .invalidField("id", "An advisory id reads `PREFIX-YYYY-NNNN`, such as `CHX-2026-0001`.")
        }
        try self.init(prefix: String(parts[0]), year: year, number: number)
        guard description == text else {
            throw .invalidField("id", "`\(text)` is not written canonically; the id is `\(description)`.")
        }
    }

    /// The id that follows `latest` in `year`: the first of the year when `latest` is of an earlier year or none.
    public static func next(
        after latest: AdvisoryID?, prefix: String, year: Int
    ) throws(ClearinghouseError)
        -> AdvisoryID
    {
        guard let latest, latest.prefix == prefix, latest.year == year else {
            return try AdvisoryID(prefix: prefix, year: year, number: 1)
        }
        return try AdvisoryID(prefix: prefix, year: year, number: latest.number + 1)
    }

    /// The id in OSV documents and the OSV API: `x_CHX-2026-0001`.
    public var osv: String { OSVRecord.privatePrefix + description }

    /// `CHX-2026-0001`
    public var description: String {
        let digits = String(number)
        return "\(prefix)-\(year)-\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)"
    }

    public static func < (lhs: AdvisoryID, rhs: AdvisoryID) -> Bool {
        (lhs.prefix, lhs.year, lhs.number) < (rhs.prefix, rhs.year, rhs.number)
    }
}
