/// What an organization does in the clearinghouse; the access policy and the permissions depend on it.
public enum OrganizationKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The clearinghouse's own staff: runs the instance, verifies organizations, triages, sets policy.
    case coordinator
    /// Develops AI models or AI-driven scanners.
    case aiDeveloper = "ai-developer"
    /// An independent security researcher or research group.
    case researcher
    /// Reproduces findings and fixes independently and signs attestations.
    case validator
    /// Ships software: is notified under embargo and submits fixes.
    case vendor
    /// Operates critical infrastructure: a hospital, a bank, a utility, an agency's own systems.
    case `operator`
    /// A government evaluator or designation authority.
    case government
}

/// The critical-infrastructure sector of an operator.
public enum Sector: String, Sendable, Hashable, CaseIterable, Codable {
    case healthcare
    case finance
    case energy
    case water
    case communications
    case government
    case other
}

extension RawRepresentable where Self: CaseIterable, RawValue == String {
    /// Parses a value of a closed vocabulary, with an error that lists the accepted values.
    ///
    /// - Parameters:
    ///   - text: The value as the caller wrote it.
    ///   - field: The request field it came from, for the error.
    /// - Throws: `ClearinghouseError.invalidField` naming the field and the accepted values.
    public static func parse(_ text: String, field: String) throws(ClearinghouseError) -> Self {
        if let value = Self(rawValue: text) {
            return value
        }
        let accepted = allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        throw .invalidField(field, "`\(field)` must be one of \(accepted); got `\(text)`.")
    }
}
