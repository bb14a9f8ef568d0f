public import Foundation

/// How long remediation may take, by priority: days from the decision for each SSVC level, and days from when a
/// subject was opened for those nobody has decided on yet. A KEV due date that falls earlier wins.
public struct PriorityPolicy: Sendable, Hashable {
    public var days: [PriorityTier: Int]
    public var unassessedDays: Int

    /// Act 3 days, Attend 14, Track* 45, Track 90; 7 days to decide on a subject nobody has assessed.
    public static let standard = PriorityPolicy(
        days: [.act: 3, .attend: 14, .trackStar: 45, .track: 90], unassessedDays: 7)

    public init(days: [PriorityTier: Int], unassessedDays: Int) {
        self.days = days
        self.unassessedDays = unassessedDays
    }

    /// Reads `act=3,attend=14,track*=45,track=90,unassessed=7`; levels left out keep the standard days.
    ///
    /// - Throws: `invalid_field` naming `field` for an unknown level or a number of days outside 0…3650.
    public init(parsing text: String, field: String) throws(ClearinghouseError) {
        self = .standard
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let days = Int(parts[1]), (0...3650).contains(days) else {
                throw .invalidField(field, "`\(pair)` must be LEVEL=DAYS with 0 to 3650 days, as in `act=3`.")
            }
            if parts[0].lowercased() == "unassessed" {
                unassessedDays = days
            } else if let tier = PriorityTier(name: parts[0]) {
                self.days[tier] = days
            } else {
                throw .invalidField(
                    field, "`\(parts[0])` is not a level; use act, attend, track*, track or unassessed.")
            }
        }
    }

    /// The policy as `act=3,attend=14,track*=45,track=90,unassessed=7`.
    public var description: String {
        (PriorityTier.allCases.map { "\($0.name.lowercased())=\(days[$0] ?? 0)" } + ["unassessed=\(unassessedDays)"])
            .joined(separator: ",")
    }
}
