import ClearinghouseCore
import Testing

/// Base32 against the test vectors of RFC 4648, section 10; see THIRD_PARTY_DATA.md.
@Suite struct Base32Tests {
    static let rfc4648: [(String, String)] = [
        ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
    ]

    @Test(arguments: rfc4648)
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(plain.utf8))
        #expect(Base32.decode(encoded.lowercased().replacingOccurrences(of: "=", with: "")) == Array(plain.utf8))
    }

    @Test func whatNoEncodingProducesIsRefused() {
        #expect(Base32.decode("MZXW6YQ1") == nil)  // 1 is not in the alphabet
        #expect(Base32.decode("M") == nil)  // one symbol is no byte
        #expect(Base32.decode("MZX") == nil)  // three symbols neither
        #expect(Base32.decode("MZXW 6YTB") == Array("fooba".utf8))
    }
}
