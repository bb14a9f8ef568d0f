import Testing

@testable import ClearinghouseStore

/// Long `IN (…)` lists are split into queries of at most 500 values, every value kept once and in order.
@Suite struct InListChunksTests {
    @Test(arguments: [0, 1, 499, 500, 501, 1_000, 1_234])
    func chunksCoverEveryValueInOrder(count: Int) {
        let values = Array(0..<count)
        let chunks = values.inListChunks()
        #expect(chunks.allSatisfy { (1...500).contains($0.count) })
        #expect(chunks.flatMap { $0 } == values)
        #expect(chunks.count == (count + 499) / 500)
    }
}
