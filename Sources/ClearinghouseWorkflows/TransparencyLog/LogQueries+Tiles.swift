import ClearinghouseCore
public import TransparencyLog

/// The C2SP tlog-tiles read API: hash tiles and entry bundles, within the latest signed checkpoint.
extension LogQueries {
    /// The highest tile level served: level 8 would need more than 2^64 entries.
    static let maximumTileLevel: UInt8 = 7

    /// The bytes of a tile: its hashes, or its entries as a bundle. A tile, once served, never changes.
    ///
    /// - Throws: `notFound` when the tile is not (or not yet) complete in the latest checkpoint.
    public func tile(_ resource: TileResource) async throws -> [UInt8] {
        let store = workflows.store
        let size = try await checkpoint().size
        switch resource {
        case .hashes(let level, let index, let width):
            guard level <= Self.maximumTileLevel else { throw Self.notInTree }
            let range = try Self.range(index: index, width: width, available: size >> (8 * UInt64(level)))
            let hashes = try await store.read {
                try await $0.log.levelHashes(level: 8 * level, start: range.lowerBound, count: range.count)
            }
            guard hashes.count == range.count else {
                throw ClearinghouseError(.internalError, "The log's database lacks hashes of \(resource.path).")
            }
            return hashes.flatMap(\.bytes)
        case .entries(let index, let width):
            let range = try Self.range(index: index, width: width, available: size)
            let entries = try await store.read {
                try await $0.log.entries(from: range.lowerBound, to: range.upperBound)
            }
            return EntryBundle.encode(entries.map(\.data))
        }
    }

    /// The positions a tile covers at its level, when the signed tree holds all of them.
    private static func range(index: UInt64, width: Int?, available: UInt64) throws -> Range<UInt64> {
        let full = UInt64(TileResource.fullWidth)
        guard index <= available / full else { throw notInTree }
        let start = index * full
        let end = start + UInt64(width ?? TileResource.fullWidth)
        guard end <= available else { throw notInTree }
        return start..<end
    }

    private static let notInTree = ClearinghouseError(
        .notFound, "That tile is not (or not yet) complete in the log's latest checkpoint.")
}
