/// A SHA-256 of a secret (an API token, an invitation, a session) as its column holds it: 64 lowercase hex digits.
enum SecretHashColumn {
    static func text(_ hash: [UInt8]) -> String {
        hash.map { String(format: "%02x", $0) }.joined()
    }

    /// The 32 bytes of a stored hash.
    ///
    /// - Throws: `StoreCorruption` when the column holds anything else.
    static func bytes(_ text: String, table: String, id: String) throws -> [UInt8] {
        let digits = Array(text.utf8)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: digit - 0x30
            case 0x61...0x66: digit - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        if digits.count == 64 {
            for index in stride(from: 0, to: digits.count, by: 2) {
                guard let high = value(digits[index]), let low = value(digits[index + 1]) else { break }
                bytes.append(high << 4 | low)
            }
        }
        guard bytes.count == 32 else {
            throw StoreCorruption(table: table, id: id, problem: "secret_hash is not 32 bytes of hex")
        }
        return bytes
    }
}
