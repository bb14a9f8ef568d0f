import Crypto
public import Foundation

/// An Ed25519 key in OpenPGP's version 4 format (`EdDSALegacy`, RFC 9580 section 5.5.5.5), which GnuPG and every
/// CSAF tool verify with: it signs the CSAF documents this instance publishes, detached and armored.
///
/// The fingerprint depends on the creation time, so the key file keeps it with the seed.
public struct OpenPGPSigningKey: Sendable {
    /// The 32-byte Ed25519 seed.
    public let seed: Data
    /// When the key was made (seconds since 1970, as OpenPGP writes it).
    public let created: UInt32
    /// Who the key is, as its certificate names it (`Clearinghouse CSAF <csaf@clearinghouse.example>`).
    public let userID: String

    /// A new random key, made at `created`.
    ///
    /// - Throws: `invalid_field` for an empty user id or one of more than one line.
    public init(userID: String, created: Date) throws(ClearinghouseError) {
        try self.init(
            seed: Curve25519.Signing.PrivateKey().rawRepresentation,
            created: UInt32(clamping: Int(created.timeIntervalSince1970)), userID: userID)
    }

    /// The key with this seed and creation time.
    ///
    /// - Throws: `invalid_field` for a seed that is not 32 bytes or an empty user id.
    public init(seed: Data, created: UInt32, userID: String) throws(ClearinghouseError) {
        guard seed.count == 32 else {
            throw .invalidField("key", "An Ed25519 key seed is 32 bytes; this one is \(seed.count).")
        }
        guard !userID.isEmpty, !userID.contains(where: \.isNewline) else {
            throw .invalidField("user_id", "An OpenPGP user id is one line of text.")
        }
        self.seed = seed
        self.created = created
        self.userID = userID
    }

    private var privateKey: Curve25519.Signing.PrivateKey {
        // The seed's length is checked by the initializers.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// The body of the public key packet: version 4, the creation time, `EdDSALegacy` (22), the Ed25519 curve's
    /// OID, and the point as an MPI with its 0x40 prefix.
    var publicKeyBody: [UInt8] {
        [4] + OpenPGPEncoding.bigEndian(created) + [22] + Self.ed25519OID
            + OpenPGPEncoding.mpi([0x40] + Array(privateKey.publicKey.rawRepresentation))
    }

    /// The version 4 fingerprint: SHA-1 of the public key packet, in upper-case hexadecimal (40 digits).
    public var fingerprint: String { Data(fingerprintOctets).hex.uppercased() }

    private var fingerprintOctets: [UInt8] {
        let body = publicKeyBody
        return Array(Insecure.SHA1.hash(data: [0x99] + OpenPGPEncoding.bigEndian(UInt16(body.count)) + body))
    }

    /// The certificate GnuPG imports: the public key, its user id, and a positive certification of the two that
    /// says the key certifies and signs, in ASCII armor.
    public var certificate: String {
        let body = publicKeyBody
        let user = Array(userID.utf8)
        let certified =
            [0x99] + OpenPGPEncoding.bigEndian(UInt16(body.count)) + body + [0xB4]
            + OpenPGPEncoding.bigEndian(UInt32(user.count)) + user
        let certification = signaturePacket(
            type: 0x13, over: certified,
            hashed: issuerSubpackets(at: created) + OpenPGPEncoding.subpacket(27, [0x03]))
        let octets =
            OpenPGPEncoding.packet(.publicKey, body) + OpenPGPEncoding.packet(.userID, user) + certification
        return OpenPGPEncoding.armor(octets, .publicKey)
    }

    /// A detached signature of a binary document (type 0x00), made at `date`, in ASCII armor: the `.asc` file a
    /// CSAF provider serves beside each document.
    public func detachedSignature(of document: Data, at date: Date) -> String {
        let time = UInt32(clamping: Int(date.timeIntervalSince1970))
        let packet = signaturePacket(type: 0x00, over: Array(document), hashed: issuerSubpackets(at: time))
        return OpenPGPEncoding.armor(packet, .signature)
    }

    /// The creation time and the issuer's fingerprint, as hashed subpackets.
    private func issuerSubpackets(at time: UInt32) -> [UInt8] {
        OpenPGPEncoding.subpacket(2, OpenPGPEncoding.bigEndian(time))
            + OpenPGPEncoding.subpacket(33, [4] + fingerprintOctets)
    }

    /// A version 4 signature packet with SHA-256 (section 5.2.3): the hashed subpackets, the issuer's key id
    /// unhashed, the digest's first two octets, and the Ed25519 signature of the digest as two MPIs.
    func signaturePacket(type: UInt8, over data: [UInt8], hashed: [UInt8]) -> [UInt8] {
        let keyID = Array(fingerprintOctets.suffix(8))
        return OpenPGPEncoding.packet(
            .signature,
            signatureBody(type: type, over: data, hashed: hashed, unhashed: OpenPGPEncoding.subpacket(16, keyID)))
    }

    /// The signature packet's body, with the subpackets given.
    func signatureBody(type: UInt8, over data: [UInt8], hashed: [UInt8], unhashed: [UInt8]) -> [UInt8] {
        let head: [UInt8] = [4, type, 22, 8] + OpenPGPEncoding.bigEndian(UInt16(hashed.count)) + hashed
        let trailer = head + [4, 0xFF] + OpenPGPEncoding.bigEndian(UInt32(head.count))
        let digest = Array(SHA256.hash(data: data + trailer))
        // EdDSALegacy signs the digest; Ed25519's signature is R then S, 32 octets each.
        let signature = Array(try! privateKey.signature(for: digest))
        return head + OpenPGPEncoding.bigEndian(UInt16(unhashed.count)) + unhashed + digest.prefix(2)
            + OpenPGPEncoding.mpi(signature.prefix(32)) + OpenPGPEncoding.mpi(signature.suffix(32))
    }

    /// The length and octets of the OID 1.3.6.1.4.1.11591.15.1 (Ed25519Legacy).
    private static let ed25519OID: [UInt8] = [9, 0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01]
}
