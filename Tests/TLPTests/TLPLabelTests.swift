import TLP
import Testing

@Suite struct TLPLabelTests {
    @Test(arguments: [
        ("TLP:CLEAR", TLPLabel.clear), ("clear", .clear), ("TLP:WHITE", .clear), ("white", .clear),
        ("GREEN", .green), ("tlp:amber", .amber), (" AMBER+STRICT ", .amberStrict), ("TLP:AMBER+STRICT", .amberStrict),
        ("Red", .red),
    ])
    func parsesLabelsAsWritten(text: String, label: TLPLabel) {
        #expect(TLPLabel(parsing: text) == label)
    }

    @Test(arguments: ["", "TLP:", "AMBER STRICT", "AMBER-STRICT", "BLACK", "TLP:TLP:RED"])
    func refusesTextThatNamesNoLabel(text: String) {
        #expect(TLPLabel(parsing: text) == nil)
    }

    @Test func ordersFromWidestToNarrowest() {
        #expect(TLPLabel.allCases.sorted() == [.clear, .green, .amber, .amberStrict, .red])
        #expect(TLPLabel.amber < .amberStrict)
        #expect(!(TLPLabel.red < .green))
    }

    @Test func writesTheMarkingWithItsPrefix() {
        #expect(TLPLabel.amberStrict.marking == "TLP:AMBER+STRICT")
        #expect(TLPLabel.clear.marking == "TLP:CLEAR")
    }
}
