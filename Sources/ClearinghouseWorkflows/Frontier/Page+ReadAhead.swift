import ClearinghouseCore

extension Page {
    /// A page of what a query read with one item more than the limit, which tells whether more follow.
    static func readAhead(_ batch: [Item], _ request: PageRequest, key: (Item) -> String) -> Page<Item> {
        let items = Array(batch.prefix(request.limit))
        let next = batch.count > request.limit ? items.last.map { Cursor.encode(key($0)) } : nil
        return Page(items: items, nextCursor: next)
    }
}
