/// What a priority is about: a case Clearinghouse coordinates, or an advisory that affects someone's SBOMs.
public enum PrioritySubject: Sendable, Hashable, CustomStringConvertible {
    case `case`(Case.ID)
    case advisory(Advisory.ID)

    /// The kinds of subject, by their wire names.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case `case`
        case advisory

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// `case` or `advisory`.
    public var kind: Kind {
        switch self {
        case .case: .case
        case .advisory: .advisory
        }
    }

    /// The case's or advisory's id.
    public var id: String {
        switch self {
        case .case(let id): id.rawValue
        case .advisory(let id): id.rawValue
        }
    }

    /// A subject from its kind and id.
    ///
    /// - Throws: `invalid_field` naming `field` when the kind is unknown or a case id is malformed.
    public init(kind: String, id: String, field: String) throws(ClearinghouseError) {
        switch Kind(rawValue: kind) {
        case .case:
            guard let caseID = Case.ID(id) else { throw .invalidField(field, "`\(id)` is not a case id.") }
            self = .case(caseID)
        case .advisory:
            guard !id.isEmpty, id.count <= 255 else { throw .invalidField(field, "An advisory id is 1 to 255 characters.") }
            self = .advisory(Advisory.ID(rawValue: id))
        case nil:
            throw .invalidField(field, "A subject is a `case` or an `advisory`, not `\(kind)`.")
        }
    }

    public var description: String { "\(kind.rawValue) \(id)" }
}
