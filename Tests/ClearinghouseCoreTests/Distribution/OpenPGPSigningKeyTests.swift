import Foundation
import Testing

@testable import ClearinghouseCore

@Suite struct OpenPGPSigningKeyTests {
    /// RFC 9580, appendix A.1: a version 4 Ed25519Legacy key made 2014-08-19T14:28:27Z.
    static func rfcKey() throws -> OpenPGPSigningKey {
        try OpenPGPSigningKey(
            seed: octets("1a8b1ff05ded48e18bf50166c664ab023ea70003d78d9e41f5758a91d850f8d2"), created: 0x53F3_5F0B,
            userID: "RFC 9580 A.1")
    }

    static func octets(_ hex: String) -> Data {
        let digits = Array(hex.utf8)
        return Data(
            stride(from: 0, to: digits.count, by: 2).map {
                UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)!
            })
    }

    @Test func thePublicKeyPacketAndFingerprintAreTheRFCs() throws {
        let key = try Self.rfcKey()
        // The appendix's armored certificate, which is the public key packet alone.
        let packet = Data(base64Encoded: "xjMEU/NfCxYJKwYBBAHaRw8BAQdAPwmJlL3ZFu1AUxl5NOSofIBzOhKA1i+AEJkuQ+47JAY=")!
        #expect(OpenPGPEncoding.packet(.publicKey, key.publicKeyBody) == Array(packet))
        #expect(key.fingerprint == "C959BDBAFA32A2F89A153B678CFDE12197965A9A")
    }

    @Test func aSignatureOfTheRFCsMessageIsTheRFCs() throws {
        let key = try Self.rfcKey()
        // Appendix A.2: the detached signature of "OpenPGP" made 2015-09-16T12:24:53Z, with the creation time hashed
        // and the issuer's key id not; an old-format header (0x88 0x5E) before the body.
        let expected = Data(
            base64Encoded:
                "iF4EABYIAAYFAlX5X5UACgkQjP3hIZeWWpr2IgD/VvkMypjiECY3vZg/2xbBMd/Sftgr9N3lYG4NdWrtM2YBANCcT6EVJ/A44PV/IgHYLy6iyQMyZfps60iehUuuYbQE"
        )!
        let body = key.signatureBody(
            type: 0x00, over: Array("OpenPGP".utf8),
            hashed: OpenPGPEncoding.subpacket(2, OpenPGPEncoding.bigEndian(UInt32(0x55F9_5F95))),
            unhashed: OpenPGPEncoding.subpacket(16, [0x8C, 0xFD, 0xE1, 0x21, 0x97, 0x96, 0x5A, 0x9A]))
        #expect(body == Array(expected.dropFirst(2)))
    }

    @Test func armorCarriesTheOctetsAndTheirChecksum() throws {
        let signature = try Self.rfcKey().detachedSignature(
            of: Data("{}".utf8), at: Date(timeIntervalSince1970: 1_796_400_000))
        let lines = signature.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "-----BEGIN PGP SIGNATURE-----" && lines[1].isEmpty)
        #expect(lines.suffix(2) == ["-----END PGP SIGNATURE-----", ""])
        let checksumLine = try #require(lines.first { $0.hasPrefix("=") })
        let body = lines[2..<lines.firstIndex(of: checksumLine)!].joined()
        let octets = try #require(Data(base64Encoded: body))
        // New-format signature packet (tag 2), version 4, binary document, EdDSALegacy, SHA-256.
        #expect(Array(octets.prefix(1)) == [0xC2] && Array(octets.dropFirst(2).prefix(4)) == [4, 0, 22, 8])
        let crc = OpenPGPEncoding.crc24(Array(octets))
        #expect(
            Data(base64Encoded: String(checksumLine.dropFirst()))
                == Data([UInt8(crc >> 16), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]))
        // RFC 4880's CRC-24 of nothing is its initial value.
        #expect(OpenPGPEncoding.crc24([]) == 0xB7_04CE)
    }

    @Test func lengthsAndIntegersUseOpenPGPsEncodings() {
        #expect(OpenPGPEncoding.length(191) == [191])
        #expect(OpenPGPEncoding.length(192) == [192, 0])
        #expect(OpenPGPEncoding.length(8_383) == [223, 255])
        #expect(OpenPGPEncoding.length(8_384) == [255, 0, 0, 0x20, 0xC0])
        // RFC 9580 section 3.2: the MPI of 511 is 00 09 01 FF; leading zero octets are dropped.
        #expect(OpenPGPEncoding.mpi([0x00, 0x01, 0xFF]) == [0x00, 0x09, 0x01, 0xFF])
        #expect(OpenPGPEncoding.mpi([0x00]) == [0x00, 0x00])
    }

    @Test func aBadSeedOrUserIDIsRefused() {
        #expect(throws: ClearinghouseError.self) {
            try OpenPGPSigningKey(seed: Data(count: 31), created: 0, userID: "x")
        }
        #expect(throws: ClearinghouseError.self) {
            try OpenPGPSigningKey(seed: Data(count: 32), created: 0, userID: "two\nlines")
        }
    }
}
