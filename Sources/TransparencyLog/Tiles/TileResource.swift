/// A resource of the C2SP tlog-tiles read API: a tile of hashes at a level, or a bundle of entries.
///
/// Paths are relative to the log's prefix: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, where `<N>` is
/// written in 3-digit groups, all but the last prefixed with `x` (1234067 is `x001/x234/067`).
public enum TileResource: Sendable, Hashable {
    /// 256 hashes (or `width` for a partial tile) of tree level `8 * level`.
    case hashes(level: UInt8, index: UInt64, width: Int?)
    /// 256 entries (or `width`) starting at entry `index * 256`.
    case entries(index: UInt64, width: Int?)

    /// The number of hashes or entries in a full tile.
    public static let fullWidth = 256

    /// Reads a path below the prefix, such as `tile/0/x001/234` or `tile/entries/000.p/7`.
    ///
    /// - Returns: `nil` for anything that is not a canonical tile path.
    public init?(path: some StringProtocol) {
        let path = String(path)
        var components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count >= 3, components[0] == "tile" else { return nil }
        var width: Int?
        if components.count >= 4, let last = components.last, components[components.count - 2].hasSuffix(".p") {
            guard let value = Int(last), String(value) == last, (1..<Self.fullWidth).contains(value) else {
                return nil
            }
            width = value
            components.removeLast()
            components[components.count - 1] = components[components.count - 1].dropLast(2)
        }
        guard let index = Self.index(components.dropFirst(2)) else { return nil }
        if components[1] == "entries" {
            self = .entries(index: index, width: width)
        } else {
            guard let level = UInt8(components[1]), level < 64, String(level) == components[1] else { return nil }
            self = .hashes(level: level, index: index, width: width)
        }
        guard self.path == path else { return nil }
    }

    /// The path below the prefix.
    public var path: String {
        switch self {
        case .hashes(let level, let index, let width):
            "tile/\(level)/\(Self.encode(index))" + (width.map { ".p/\($0)" } ?? "")
        case .entries(let index, let width):
            "tile/entries/\(Self.encode(index))" + (width.map { ".p/\($0)" } ?? "")
        }
    }

    private static func encode(_ index: UInt64) -> String {
        var groups: [String] = []
        var rest = index
        repeat {
            let group = String(rest % 1000)
            groups.append(String(repeating: "0", count: 3 - group.count) + group)
            rest /= 1000
        } while rest > 0
        return groups.reversed().enumerated().map { $0.offset < groups.count - 1 ? "x" + $0.element : $0.element }
            .joined(separator: "/")
    }

    private static func index(_ groups: ArraySlice<Substring>) -> UInt64? {
        guard !groups.isEmpty, groups.count <= 7 else { return nil }
        var value: UInt64 = 0
        for (position, group) in groups.enumerated() {
            let digits = position < groups.count - 1 ? group.dropFirst(group.hasPrefix("x") ? 1 : 0) : group
            guard digits.count == 3, digits.allSatisfy(\.isASCII), let number = UInt64(digits) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 1000)
            guard !overflow else { return nil }
            value = shifted + number
        }
        return value
    }
}

/// Entry bundles: entries as big-endian 16-bit lengths followed by their bytes.
public enum EntryBundle {
    /// The largest entry a bundle can hold.
    public static let maximumEntrySize = Int(UInt16.max)

    /// Writes a bundle.
    public static func encode(_ entries: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            precondition(entry.count <= maximumEntrySize, "an entry of a bundle is at most 65535 bytes")
            bytes.append(UInt8(entry.count >> 8))
            bytes.append(UInt8(entry.count & 0xFF))
            bytes.append(contentsOf: entry)
        }
        return bytes
    }

    /// Reads a bundle.
    ///
    /// - Returns: `nil` when a length runs past the end.
    public static func decode(_ bytes: [UInt8]) -> [[UInt8]]? {
        var entries: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard offset + 2 <= bytes.count else { return nil }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            offset += 2
            guard offset + length <= bytes.count else { return nil }
            entries.append(Array(bytes[offset..<offset + length]))
            offset += length
        }
        return entries
    }
}
