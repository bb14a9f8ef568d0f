extension Collection {
    /// The elements in groups of at most 500, one group per `WHERE … IN (…)` query, so that every statement stays
    /// well under each engine's limit on bound parameters (32,766 for SQLite, 65,535 for PostgreSQL).
    func inListChunks() -> [SubSequence] {
        var chunks: [SubSequence] = []
        var start = startIndex
        while start != endIndex {
            let end = index(start, offsetBy: 500, limitedBy: endIndex) ?? endIndex
            chunks.append(self[start..<end])
            start = end
        }
        return chunks
    }
}
