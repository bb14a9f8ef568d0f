/// CVE identifiers as CVE's numbering rules write them: `CVE-`, a four-digit year, `-`, and four or more digits.
public enum CVEIdentifier {
    /// Whether a text is a CVE identifier, in upper case as feeds write it.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 13, bytes.starts(with: Array("CVE-".utf8)), bytes[8] == UInt8(ascii: "-") else {
            return false
        }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        return bytes[4..<8].allSatisfy(isDigit) && bytes[9...].allSatisfy(isDigit)
    }
}
