import Crypto
import Foundation

extension Digest {
    /// The digest in lowercase hexadecimal.
    var hex: String { withUnsafeBytes(Hex.lowercase) }
}

extension Data {
    /// The bytes in lowercase hexadecimal.
    var hex: String { withUnsafeBytes(Hex.lowercase) }
}

enum Hex {
    static func lowercase(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[2 * index] = digits[Int(byte >> 4)]
                buffer[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }
}
