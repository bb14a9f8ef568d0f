/// What kind of record a catalog change names: in-memory catalogs follow the topics they index.
public struct ChangeTopic: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let advisory = ChangeTopic(rawValue: "advisory")
    public static let sbom = ChangeTopic(rawValue: "sbom")
    public static let vex = ChangeTopic(rawValue: "vex")
    /// A case, its participants, its findings or its SSVC decisions.
    public static let `case` = ChangeTopic(rawValue: "case")
}

/// One committed change: its place in the feed, and which record changed. The record is read again to learn
/// what it now is (or that it is gone), so a change carries no payload and applying one twice is harmless.
public struct CatalogChange: Sendable, Hashable {
    public let sequence: Int64
    public let topic: ChangeTopic
    public let recordID: String

    public init(sequence: Int64, topic: ChangeTopic, recordID: String) {
        self.sequence = sequence
        self.topic = topic
        self.recordID = recordID
    }
}

/// Where the change feed stands: the last number given, and the number up to which changes were pruned (a
/// follower behind it must load again from scratch).
public struct ChangeFeedPosition: Sendable, Hashable {
    public let last: Int64
    public let prunedThrough: Int64
}
