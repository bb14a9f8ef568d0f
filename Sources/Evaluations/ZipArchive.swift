import Foundation

/// A zip archive's directory, read from its bytes (PKWARE APPNOTE 6.3: the end of central directory record, its
/// Zip64 form, and the central directory headers with their Zip64 extra field), and its entries' contents, stored,
/// deflated or Zstandard-compressed. Only what reading a log needs: no encryption, one disk.
///
/// Writers that append (inspect_ai does) supersede an entry by writing it again under the same name; the last entry
/// of a name wins, as in every zip reader.
struct ZipArchive {
    struct Entry: Sendable, Hashable {
        let name: String
        let method: UInt16
        let flags: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    /// The entries by name, the last of each name.
    let entries: [String: Entry]
    private let bytes: Data

    /// The most entries read from one directory.
    static let maximumEntries = 1_000_000

    /// Reads the directory.
    ///
    /// - Throws: ``EvaluationError`` when the bytes are not a zip archive, span several disks, or their directory
    ///   points outside them.
    init(_ bytes: Data) throws(EvaluationError) {
        self.bytes = bytes
        self.entries = try bytes.withUnsafeBytes { raw in
            Result { () throws(EvaluationError) in try Self.directory(LittleEndian(raw)) }
        }.get()
    }

    /// An entry's contents, decompressed and checked against its declared size and CRC-32.
    ///
    /// - Throws: ``EvaluationError`` when the entry is encrypted, compressed with another method, larger than
    ///   `limit`, truncated, or does not match its checksum.
    func contents(of entry: Entry, limit: Int) throws(EvaluationError) -> Data {
        guard entry.flags & 1 == 0 else { throw EvaluationError("\(entry.name) is encrypted.") }
        guard entry.size <= limit else {
            throw EvaluationError(
                "\(entry.name) inflates to \(entry.size) bytes, more than the \(limit) this reader takes.")
        }
        let start = try bytes.withUnsafeBytes { raw in
            Result { () throws(EvaluationError) in try Self.dataStart(of: entry, in: LittleEndian(raw)) }
        }.get()
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw EvaluationError("\(entry.name) is truncated.")
        }
        let compressed = bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + entry.compressedSize)]
        let contents: Data
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else { throw EvaluationError("\(entry.name) is truncated.") }
            contents = Data(compressed)
        case 8: contents = try Decompression.inflate(compressed, size: entry.size, name: entry.name)
        case 93: contents = try Decompression.zstd(compressed, size: entry.size, name: entry.name)
        default:
            throw EvaluationError("\(entry.name) uses zip compression method \(entry.method), which is not read here.")
        }
        guard Decompression.crc32(contents) == entry.crc32 else {
            throw EvaluationError("\(entry.name) does not match its checksum.")
        }
        return contents
    }

    private static let endOfDirectory: UInt32 = 0x0605_4b50
    private static let zip64Locator: UInt32 = 0x0706_4b50
    private static let zip64EndOfDirectory: UInt32 = 0x0606_4b50
    private static let directoryHeader: UInt32 = 0x0201_4b50
    private static let localHeader: UInt32 = 0x0403_4b50

    private static func directory(_ bytes: LittleEndian) throws(EvaluationError) -> [String: Entry] {
        guard let end = findEndOfDirectory(bytes) else { throw EvaluationError("The file is not a zip archive.") }
        var count = Int(bytes.u16(end + 10) ?? 0)
        var offset = Int(bytes.u32(end + 16) ?? 0)
        guard bytes.u16(end + 4) == 0, bytes.u16(end + 6) == 0 else {
            throw EvaluationError("The archive spans several disks.")
        }
        if end >= 20, bytes.u32(end - 20) == zip64Locator {
            guard let recordOffset = bytes.u64(end - 12).flatMap(Int.init(exactly:)),
                bytes.u32(recordOffset) == zip64EndOfDirectory,
                let total = bytes.u64(recordOffset + 32).flatMap(Int.init(exactly:)),
                let start = bytes.u64(recordOffset + 48).flatMap(Int.init(exactly:))
            else { throw EvaluationError("The archive's Zip64 directory record is damaged.") }
            count = total
            offset = start
        }
        guard count <= maximumEntries else {
            throw EvaluationError("The archive has more than \(maximumEntries) entries.")
        }
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard bytes.u32(offset) == directoryHeader, let nameLength = bytes.u16(offset + 28),
                let extraLength = bytes.u16(offset + 30), let commentLength = bytes.u16(offset + 32),
                let name = bytes.string(offset + 46, length: Int(nameLength))
            else { throw EvaluationError("The archive's directory is damaged.") }
            let entry = try entry(at: offset, name: name, extra: offset + 46 + Int(nameLength), Int(extraLength), bytes)
            entries[name] = entry
            offset += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        return entries
    }

    /// The end of central directory record: the last signature within the 64 KiB comment's reach of the end.
    private static func findEndOfDirectory(_ bytes: LittleEndian) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var position = bytes.count - 22
        while position >= lowest {
            if bytes.u32(position) == endOfDirectory { return position }
            position -= 1
        }
        return nil
    }

    private static func entry(
        at offset: Int, name: String, extra: Int, _ extraLength: Int, _ bytes: LittleEndian
    ) throws(EvaluationError) -> Entry {
        guard let flags = bytes.u16(offset + 8), let method = bytes.u16(offset + 10), let crc = bytes.u32(offset + 16),
            let compressed32 = bytes.u32(offset + 20), let size32 = bytes.u32(offset + 24),
            let local32 = bytes.u32(offset + 42)
        else { throw EvaluationError("The archive's directory is damaged.") }
        var size = UInt64(size32)
        var compressed = UInt64(compressed32)
        var local = UInt64(local32)
        // The Zip64 extra field (0x0001) holds, in this order, each of the three that its 32-bit field marks full.
        var field = extra
        while field + 4 <= extra + extraLength, let id = bytes.u16(field), let length = bytes.u16(field + 2) {
            if id == 1 {
                var cursor = field + 4
                let fieldEnd = cursor + Int(length)
                func widen(_ value: inout UInt64) -> Bool {
                    guard value == 0xFFFF_FFFF else { return true }
                    guard cursor + 8 <= fieldEnd, let wide = bytes.u64(cursor) else { return false }
                    value = wide
                    cursor += 8
                    return true
                }
                guard widen(&size), widen(&compressed), widen(&local) else {
                    throw EvaluationError("The archive's directory entry for \(name) is damaged.")
                }
            }
            field += 4 + Int(length)
        }
        guard let sizeValue = Int(exactly: size), let compressedValue = Int(exactly: compressed),
            let localValue = Int(exactly: local)
        else { throw EvaluationError("The archive's directory entry for \(name) is damaged.") }
        return Entry(
            name: name, method: method, flags: flags, crc32: crc, compressedSize: compressedValue, size: sizeValue,
            localHeaderOffset: localValue)
    }

    private static func dataStart(of entry: Entry, in bytes: LittleEndian) throws(EvaluationError) -> Int {
        let offset = entry.localHeaderOffset
        guard bytes.u32(offset) == localHeader, let nameLength = bytes.u16(offset + 26),
            let extraLength = bytes.u16(offset + 28)
        else { throw EvaluationError("\(entry.name)'s local header is damaged.") }
        return offset + 30 + Int(nameLength) + Int(extraLength)
    }
}

/// Bounds-checked little-endian reads from a byte buffer: nil past its end.
private struct LittleEndian {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    var count: Int { raw.count }

    func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset <= raw.count - 2 else { return nil }
        return UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    func u32(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset <= raw.count - 4 else { return nil }
        return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    func u64(_ offset: Int) -> UInt64? {
        guard offset >= 0, offset <= raw.count - 8 else { return nil }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// UTF-8 text (zip names are UTF-8 or, in old archives, CP437; the names read here are ASCII).
    func string(_ offset: Int, length: Int) -> String? {
        guard offset >= 0, length >= 0, offset <= raw.count - length else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]), as: UTF8.self)
    }
}
