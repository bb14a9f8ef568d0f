public import Foundation

/// The pieces of OpenPGP's binary format (RFC 9580) that signing needs: packets, multiprecision integers,
/// signature subpackets and ASCII armor.
enum OpenPGPEncoding {
    /// The packet tags written here.
    enum Tag: UInt8 {
        case signature = 2
        case publicKey = 6
        case userID = 13
    }

    /// A packet in the current format: its tag, then its body's length in one, two or five octets (section 4.2.1).
    static func packet(_ tag: Tag, _ body: [UInt8]) -> [UInt8] {
        [0xC0 | tag.rawValue] + length(body.count) + body
    }

    /// A length as packet and subpacket headers write it.
    static func length(_ count: Int) -> [UInt8] {
        switch count {
        case ..<192: [UInt8(count)]
        case ..<8_384: [UInt8((count - 192) >> 8 + 192), UInt8((count - 192) & 0xFF)]
        default: [0xFF] + bigEndian(UInt32(count))
        }
    }

    /// A multiprecision integer: its length in bits, then its octets without leading zeros (section 3.2).
    static func mpi(_ octets: some Collection<UInt8>) -> [UInt8] {
        let significant = Array(octets.drop { $0 == 0 })
        guard let first = significant.first else { return [0, 0] }
        let bits = (significant.count - 1) * 8 + (8 - first.leadingZeroBitCount)
        return bigEndian(UInt16(bits)) + significant
    }

    /// A signature subpacket: its length (type included), type and data (section 5.2.3.7).
    static func subpacket(_ type: UInt8, _ data: [UInt8]) -> [UInt8] {
        length(data.count + 1) + [type] + data
    }

    static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// What an armored block holds.
    enum ArmorKind: String {
        case signature = "SIGNATURE"
        case publicKey = "PUBLIC KEY BLOCK"
    }

    /// Packets in ASCII armor (section 6): base64 in lines of 64 characters, and the CRC-24 checksum line that
    /// older readers expect.
    static func armor(_ octets: [UInt8], _ kind: ArmorKind) -> String {
        let text = Data(octets).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        let checksum = crc24(octets)
        let sum = Data([UInt8(checksum >> 16), UInt8((checksum >> 8) & 0xFF), UInt8(checksum & 0xFF)])
        return "-----BEGIN PGP \(kind.rawValue)-----\n\n\(text)\n=\(sum.base64EncodedString())\n"
            + "-----END PGP \(kind.rawValue)-----\n"
    }

    /// The armor's checksum (section 6.1).
    static func crc24(_ octets: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xB7_04CE
        for octet in octets {
            crc ^= UInt32(octet) << 16
            for _ in 0..<8 {
                crc <<= 1
                if crc & 0x100_0000 != 0 { crc ^= 0x186_4CFB }
            }
        }
        return crc & 0xFF_FFFF
    }
}
