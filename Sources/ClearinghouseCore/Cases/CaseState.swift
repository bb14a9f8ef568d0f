/// Where a case stands: reported → triaged → validated or rejected → remediating → fixed → disclosed, or withdrawn.
public enum CaseState: String, Sendable, Hashable, CaseIterable {
    /// Findings arrived; nobody has looked yet.
    case reported
    /// A coordinator has looked and judged it worth validating.
    case triaged
    /// Enough independent validators reproduced it.
    case validated
    /// Enough independent validators could not reproduce it, or a coordinator judged it invalid.
    case rejected
    /// The vendor is working on a fix.
    case remediating
    /// A fix is available.
    case fixed
    /// The vulnerability is public.
    case disclosed
    /// The reporter or a coordinator withdrew it.
    case withdrawn

    /// The states a case may move to from this one.
    ///
    /// A rejected case may be triaged again when new evidence arrives; a validated one may be disclosed without a
    /// fix when the vendor does not act. Disclosed and withdrawn cases are closed.
    public var successors: Set<CaseState> {
        switch self {
        case .reported: [.triaged, .rejected, .withdrawn]
        case .triaged: [.validated, .rejected, .withdrawn]
        case .validated: [.remediating, .fixed, .disclosed, .withdrawn]
        case .rejected: [.triaged]
        case .remediating: [.fixed, .disclosed, .withdrawn]
        case .fixed: [.disclosed]
        case .disclosed, .withdrawn: []
        }
    }

    /// Whether work on the case is over.
    public var isClosed: Bool { successors.isEmpty }

    /// Checks a requested transition.
    ///
    /// - Throws: `ClearinghouseError.conflict` naming the states that may follow this one.
    public func checkTransition(to next: CaseState) throws(ClearinghouseError) {
        guard successors.contains(next) else {
            let allowed = Self.allCases.filter(successors.contains).map { "`\($0.rawValue)`" }
            let options = allowed.isEmpty ? "none: the case is closed" : allowed.joined(separator: ", ")
            throw ClearinghouseError(
                .conflict, "A `\(rawValue)` case cannot become `\(next.rawValue)`; it may become \(options).",
                field: "state")
        }
    }
}
