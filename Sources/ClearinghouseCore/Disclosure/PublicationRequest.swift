/// What a coordinator writes when publishing a case: a one-line summary (the case's title by default) and the
/// details, in CommonMark.
public struct PublicationRequest: Sendable, Hashable {
    public static let maximumSummaryLength = 200
    public static let maximumDetailsLength = 20_000

    public let summary: String?
    public let details: String

    /// Checks the words of an advisory.
    ///
    /// - Throws: `invalid_field` for `summary` when it is not one line of at most 200 characters, for `details`
    ///   when it is blank, longer than 20,000 characters, or holds control characters.
    public init(summary: String?, details: String) throws(ClearinghouseError) {
        self.summary = try summary.map { text throws(ClearinghouseError) in
            try TextRules.singleLine(text, field: "summary", maximumLength: Self.maximumSummaryLength)
        }
        let details = try TextRules.note(details, field: "details", maximumLength: Self.maximumDetailsLength)
        guard !details.allSatisfy(\.isWhitespace) else {
            throw .invalidField("details", "`details` says what the vulnerability is, its impact and what to do.")
        }
        self.details = details
    }
}
