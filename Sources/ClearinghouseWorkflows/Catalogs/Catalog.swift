public import ClearinghouseStore

/// An in-memory index of stored records that every request reads without a database round trip (advisories for
/// OSV queries, SBOMs and VEX for exposure).
///
/// A catalog never changes by itself: ``CatalogFollower`` loads it at start and then applies, in order, every
/// change that any node or the command line recorded in the change feed. A change names a record; the catalog
/// reads it again and holds what is stored now, or drops it when it is gone, so applying a change twice is
/// harmless.
public protocol Catalog: AnyObject, Sendable {
    /// A short name, for logs and `/ready`.
    var name: String { get }
    /// The change topics it indexes.
    var topics: Set<ChangeTopic> { get }
    /// How many records it holds.
    var count: Int { get }
    /// Replaces what it holds with everything stored.
    func load(from repositories: Repositories) async throws
    /// Reads the named records again and holds what is stored now: present ones replaced, missing ones dropped.
    /// A `prepared` record whose stored version is still the one prepared may be taken instead of reading it.
    func apply(_ changed: [ChangeTopic: [String]], prepared: [any PreparedRecord], from repositories: Repositories)
        async throws
}

/// A record this node has just stored, already in the form a catalog keeps it, handed over with the commit that
/// stored it so that the catalog need not read and parse a large document again. A catalog takes it only when the
/// version stored is still the one prepared, and reads the record otherwise: a shortcut, never a source.
public protocol PreparedRecord: Sendable {}
