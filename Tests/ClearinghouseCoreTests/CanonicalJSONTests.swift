import JSONSupport
import Testing

@Suite struct CanonicalJSONTests {
    /// RFC 8785, section 3.2.3: members sorted by the UTF-16 code units of their names, so that U+1F600 (a
    /// surrogate pair from 0xD83D) comes before U+FB33.
    @Test func membersAreSortedByUTF16CodeUnits() {
        let object = JSONTree.object([
            "\u{20AC}": .string("Euro Sign"), "\r": .string("Carriage Return"),
            "\u{FB33}": .string("Hebrew Letter Dalet With Dagesh"), "1": .string("One"),
            "\u{1F600}": .string("Emoji: Grinning Face"), "\u{0080}": .string("Control"),
            "\u{00F6}": .string("Latin Small Letter O With Diaeresis"),
        ])
        #expect(
            object.canonicalText
                == "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{0080}\":\"Control\","
                + "\"\u{00F6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20AC}\":\"Euro Sign\","
                + "\"\u{1F600}\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}")
    }
}
