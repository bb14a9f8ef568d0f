import Crypto
public import Foundation

/// Time-based one-time passwords (RFC 6238) over HMAC-based ones (RFC 4226): the second factor people enrol with an
/// authenticator app.
public struct TOTP: Sendable, Hashable {
    /// The HMAC hash. Authenticator apps agree on SHA-1, the default; RFC 6238 also defines SHA-256 and SHA-512.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case sha1 = "SHA1"
        case sha256 = "SHA256"
        case sha512 = "SHA512"
    }

    /// The shared secret; at least 16 bytes (RFC 4226 asks for 128 bits, and recommends 160).
    public let secret: [UInt8]
    public let algorithm: Algorithm
    /// 6 or 8.
    public let digits: Int
    /// The time step, in seconds.
    public let period: Int

    /// The codes a step either side of now also accept: a phone's clock drifts, and people type slowly.
    public static let window = 1

    public init(secret: [UInt8], algorithm: Algorithm = .sha1, digits: Int = 6, period: Int = 30)
        throws(ClearinghouseError)
    {
        guard secret.count >= 16, secret.count <= 64 else {
            throw .invalidField("secret", "A TOTP secret has 16 to 64 bytes; this one has \(secret.count).")
        }
        guard digits == 6 || digits == 8 else { throw .invalidField("digits", "A TOTP code has 6 or 8 digits.") }
        guard (15...300).contains(period) else {
            throw .invalidField("period", "A TOTP period is 15 to 300 seconds.")
        }
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    /// A new secret of 20 random bytes (160 bits), with the defaults every authenticator app reads.
    public static func generate(randomBytes: (Int) -> [UInt8]) -> TOTP {
        // 20 bytes, SHA-1, 6 digits and 30 s are within the bounds `init` checks.
        try! TOTP(secret: randomBytes(20))
    }

    /// The time step a moment falls in.
    public func step(at date: Date) -> UInt64 {
        UInt64(max(0, date.timeIntervalSince1970)) / UInt64(period)
    }

    /// The code of a time step: the HOTP value of RFC 4226 with the step as its counter.
    public func code(step: UInt64) -> String {
        let counter = withUnsafeBytes(of: step.bigEndian) { Data($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] =
            switch algorithm {
            case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: key))
            case .sha256: Array(HMAC<SHA256>.authenticationCode(for: counter, using: key))
            case .sha512: Array(HMAC<SHA512>.authenticationCode(for: counter, using: key))
            }
        // Dynamic truncation (RFC 4226, section 5.3): four bytes at the offset the last nibble gives, top bit cleared.
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        let modulus: UInt32 = digits == 8 ? 100_000_000 : 1_000_000
        let text = String(value % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The code at a moment.
    public func code(at date: Date) -> String {
        code(step: step(at: date))
    }

    /// The step a typed code belongs to, within ``window`` steps of `date` and after `lastUsed` (a code is good
    /// once: replaying it, or an earlier one, fails).
    ///
    /// - Returns: the step to record as used, or `nil` when the code does not match.
    public func matchingStep(of typed: String, at date: Date, after lastUsed: UInt64?) -> UInt64? {
        // A code is a few digits; anything far longer is refused before it is looked at.
        guard typed.utf8.count <= 4 * digits else { return nil }
        let typed = typed.filter { $0 != " " }
        guard typed.utf8.count == digits, typed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let now = step(at: date)
        var found: UInt64?
        // Every candidate is computed and compared, so that the time taken does not say which one matched.
        for offset in -Self.window...Self.window {
            let candidate = offset < 0 ? now &- UInt64(-offset) : now &+ UInt64(offset)
            if offset < 0, candidate > now { continue }
            if let lastUsed, candidate <= lastUsed { continue }
            if constantTimeEquals(Array(code(step: candidate).utf8), Array(typed.utf8)) {
                found = found ?? candidate
            }
        }
        return found
    }

    /// The form the store keeps: `totp$<algorithm>$<digits>$<period>$<secret in Base32>`.
    public var encoded: String {
        "totp$\(algorithm.rawValue)$\(digits)$\(period)$\(Base32.encode(secret, padded: false))"
    }

    /// Reads ``encoded``; `nil` for anything else.
    public init?(encoded text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "totp", let algorithm = Algorithm(rawValue: String(parts[1])),
            let digits = Int(parts[2]), let period = Int(parts[3]), let secret = Base32.decode(parts[4]),
            let totp = try? TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period)
        else { return nil }
        self = totp
    }

    /// The `otpauth://` URI an authenticator app scans from a QR code or reads when pasted.
    public func provisioningURI(issuer: String, account: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        }
        return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret, padded: false))"
            + "&issuer=\(escape(issuer))&algorithm=\(algorithm.rawValue)&digits=\(digits)&period=\(period)"
    }
}
