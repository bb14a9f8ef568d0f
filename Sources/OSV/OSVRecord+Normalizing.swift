import JSONSupport

extension OSVRecord {
    /// The record with its lists of ids cleaned as the linter's `REC:002`–`REC:004` ask: each id once, in the order
    /// first written, and never the record's own. The stored document, which is served back, says the same.
    func normalizingIDLists() -> OSVRecord {
        func cleaned(_ ids: [String]) -> [String] {
            var seen: Set<String> = [id]
            return ids.filter { seen.insert($0).inserted }
        }
        var normalized = self
        normalized.aliases = cleaned(aliases)
        normalized.upstream = cleaned(upstream)
        normalized.related = cleaned(related)
        guard normalized != self, case .object(var members) = document else { return self }
        for (field, ids, original) in [
            ("aliases", normalized.aliases, aliases), ("upstream", normalized.upstream, upstream),
            ("related", normalized.related, related),
        ] where ids != original {
            members[field] = .array(ids.map(JSONTree.string))
        }
        normalized.document = .object(members)
        return normalized
    }
}
